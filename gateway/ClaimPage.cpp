// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimPage.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

const QString styleSheet =
    u"body{font-family:system-ui,sans-serif;margin:0;padding:1rem;background:#f6f7f9;color:#1b1f24;}"
    "main{max-width:28rem;margin:0 auto;background:#fff;border-radius:12px;padding:1.25rem;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12);}"
    "h1{font-size:1.4rem;margin:0 0 .75rem;}p{line-height:1.45;}"
    "label{display:block;margin:.75rem 0 .25rem;}"
    "input[type=email]{width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem;border:1px solid #8a94a0;"
    "border-radius:8px;}"
    ".consent{display:flex;gap:.5rem;align-items:flex-start;}.consent input{margin-top:.2rem;}"
    "button{display:block;width:100%;font-size:1.1rem;padding:.8rem;margin-top:1rem;border:0;border-radius:8px;"
    "background:#1f6feb;color:#fff;}button:disabled{background:#8a94a0;}"
    "code,pre{font-family:ui-monospace,monospace;}"
    ".key{display:block;word-break:break-all;font-size:1.05rem;padding:.75rem;background:#eef2f7;"
    "border-radius:8px;}"
    "pre{white-space:pre-wrap;word-break:break-all;background:#eef2f7;padding:.75rem;border-radius:8px;"
    "font-size:.85rem;}"
    ".note{color:#57606a;font-size:.9rem;}"_s;

// Progressive enhancement only: the page works without it. It shows the copy
// button, fills in the page's own origin and stops a double submit.
const QString script =
    u"document.addEventListener('DOMContentLoaded',function(){"
    "var f=document.getElementById('claim-form');"
    "if(f){f.addEventListener('submit',function(){var s=document.getElementById('claim');"
    "if(s){s.disabled=true;}});}"
    "var o=document.querySelectorAll('[data-origin]');"
    "for(var i=0;i<o.length;i++){o[i].textContent=location.origin;}"
    "var b=document.getElementById('copy');var k=document.getElementById('api-key');"
    "if(b&&k){b.hidden=false;b.addEventListener('click',function(){"
    "var done=function(){b.textContent='Copied';};"
    "var select=function(){var r=document.createRange();r.selectNodeContents(k);"
    "var s=window.getSelection();s.removeAllRanges();s.addRange(r);"
    "try{document.execCommand('copy');done();}catch(e){}};"
    "if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(k.textContent).then(done,select);}"
    "else{select();}});}"
    "});"_s;

QByteArray sourceHash(const QString &text)
{
    return "'sha256-" + QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toBase64() + '\'';
}

QString escaped(const QString &text)
{
    // toHtmlEscaped covers & < > and "; attributes here are always double-quoted.
    return text.toHtmlEscaped();
}

QString paragraphs(const QString &text)
{
    QString html;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
        html += u"<p>"_s % escaped(line.trimmed()) % u"</p>"_s;
    return html;
}

} // namespace

void ClaimPage::addSecurityHeaders(HttpHeaders &headers)
{
    static const QByteArray policy = "default-src 'none'; style-src " + sourceHash(styleSheet) + "; script-src "
        + sourceHash(script) + "; img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    headers.set("Content-Security-Policy", policy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    // The code is in the URL: no page may learn it from a Referer.
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    // Neither the form token nor the key may come back from a cache.
    headers.set("Cache-Control", "no-store");
    headers.set("Pragma", "no-cache");
}

GatewayResponse ClaimPage::page(int status, const QString &title, const QString &body)
{
    const QString html = u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                         "<meta name=\"robots\" content=\"noindex\">"
                         "<title>"_s
        % escaped(title) % u"</title><style>"_s % styleSheet % u"</style><script>"_s % script
        % u"</script></head><body><main>"_s % body % u"</main></body></html>\n"_s;

    GatewayResponse response;
    response.status = status;
    response.headers.add("Content-Type", "text/html; charset=utf-8");
    addSecurityHeaders(response.headers);
    response.body = html.toUtf8();
    return response;
}

GatewayResponse ClaimPage::form(const EventRecord &event, const QString &nonce)
{
    const QString days = event.trialDays == 1 ? u"1 day"_s : u"%1 days"_s.arg(event.trialDays);
    const QString body = u"<h1>"_s % escaped(event.name) % u"</h1>"_s % paragraphs(event.description)
        % u"<p>Claim a free trial API key for "_s % escaped(event.tier) % u", valid for "_s % days
        % u".</p><form id=\"claim-form\" method=\"post\" autocomplete=\"off\">"
          "<input type=\"hidden\" name=\"nonce\" value=\""_s
        % escaped(nonce)
        % u"\"><label for=\"email\">Email (optional)</label>"
          "<input type=\"email\" id=\"email\" name=\"email\" maxlength=\"254\" inputmode=\"email\">"
          "<label class=\"consent\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\" required>"
          "<span>I agree that this gateway stores my claim (time, address and email if given) to run the trial."
          "</span></label>"
          "<button type=\"submit\" id=\"claim\">Claim my key</button></form>"
          "<p class=\"note\">The key is shown once, right after you claim it.</p>"_s;
    return page(200, event.name, body);
}

GatewayResponse ClaimPage::claimed(const EventRecord &event, const QByteArray &key, const QString &tier,
                                   const QDateTime &expiresAt, const QString &origin)
{
    const QString keyText = escaped(QString::fromLatin1(key));
    const QString until = expiresAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    const QString body = u"<h1>Your key</h1><p>"_s % escaped(event.name) % u" gives you a "_s % escaped(tier)
        % u" key until "_s % escaped(until)
        % u".</p><code class=\"key\" id=\"api-key\">"_s % keyText
        % u"</code><button type=\"button\" id=\"copy\" hidden>Copy key</button>"
          "<p><strong>Save it now: this page shows it only once.</strong></p>"
          "<h2>Quick start</h2><pre>curl <span data-origin>"_s
        % escaped(origin) % u"</span>/api/chat \\\n  -H \"Authorization: Bearer "_s % keyText
        % u"\" \\\n  -d '{\"model\": \"llama3.2\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}'"
          "</pre><p class=\"note\">Clients that take a host and headers, such as the ollama library, "
          "use this address with the header <code>Authorization: Bearer</code> and your key.</p>"_s;
    return page(200, u"Your key"_s, body);
}

GatewayResponse ClaimPage::message(int status, const QString &title, const QString &text)
{
    return page(status, title, u"<h1>"_s % escaped(title) % u"</h1>"_s % paragraphs(text));
}

} // namespace Gateway
