// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimHandler.h"

#include "ClaimCode.h"
#include "ClaimPage.h"
#include "ClaimRateLimiter.h"
#include "ClaimService.h"
#include "GatewayContext.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcClaim, "soulfra.gateway.claimhandler")

constexpr QByteArrayView claimPrefix = "/claim/";
constexpr qsizetype maxCodeChars = 64;
constexpr qsizetype maxBodyBytes = 8 * 1024;

const QString invalidTitle = u"Code not valid"_s;
const QString invalidText = u"This code is not valid, was already used or has expired. Check the code or ask "
                            "the event staff for a new one."_s;

struct ClaimContext
{
    QString codeText;
    bool wantsJson = false;
    QHostAddress address;
    QString origin;
    QByteArray deviceCookie; // name of the cookie that marks this code claimed on a device
};

QString newNonce()
{
    quint64 words[2];
    QRandomGenerator::system()->fillRange(words);
    return QString::number(words[0], 16).rightJustified(16, u'0') + QString::number(words[1], 16).rightJustified(16, u'0');
}

GatewayResponse jsonResponse(int status, const QJsonObject &object)
{
    GatewayResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json; charset=utf-8");
    ClaimPage::addSecurityHeaders(response.headers);
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

GatewayResponse errorResponse(const ClaimContext &claim, int status, const QString &title, const QString &text)
{
    if (claim.wantsJson)
        return jsonResponse(status, QJsonObject{{u"error"_s, text}});
    return ClaimPage::message(status, title, text);
}

GatewayResponse invalidCode(const ClaimContext &claim)
{
    return errorResponse(claim, 404, invalidTitle, invalidText);
}

// The browser's view of the gateway for the quick-start snippet. The page's
// script replaces it with location.origin; this is the fallback.
QString originOf(const HttpRequest &request)
{
    const QByteArray host = request.headers.value("Host").trimmed();
    const bool https = request.headers.value("X-Forwarded-Proto").trimmed().compare("https", Qt::CaseInsensitive) == 0;
    if (host.isEmpty())
        return QString();
    return (https ? u"https://"_s : u"http://"_s) + QString::fromLatin1(host.left(255));
}

bool hasCookie(const HttpRequest &request, const QByteArray &name)
{
    const QByteArray prefix = name + '=';
    for (const HttpHeaders::Field &field : request.headers.fields()) {
        if (field.first.compare("Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &pair : field.second.split(';')) {
            if (pair.trimmed().startsWith(prefix))
                return true;
        }
    }
    return false;
}

struct ClaimForm
{
    QString nonce;
    QString email;
    bool consent = false;
};

std::optional<ClaimForm> parseForm(const HttpRequest &request)
{
    ClaimForm form;
    const QByteArray type = request.headers.value("Content-Type").trimmed().toLower();
    if (type.startsWith("application/json")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return std::nullopt;
        const QJsonObject object = document.object();
        form.nonce = object.value(u"nonce"_s).toString();
        form.email = object.value(u"email"_s).toString();
        form.consent = object.value(u"consent"_s).toBool();
        return form;
    }
    if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
        // '+' is a space in forms; QUrlQuery leaves it alone.
        QByteArray body = request.body;
        body.replace('+', ' ');
        const QUrlQuery query(QString::fromUtf8(body));
        form.nonce = query.queryItemValue(u"nonce"_s, QUrl::FullyDecoded);
        form.email = query.queryItemValue(u"email"_s, QUrl::FullyDecoded);
        const QString consent = query.queryItemValue(u"consent"_s, QUrl::FullyDecoded);
        form.consent = consent == u"yes"_s || consent == u"on"_s || consent == u"true"_s;
        return form;
    }
    return std::nullopt;
}

bool validNonce(const QString &nonce)
{
    if (nonce.size() > 64)
        return false;
    return std::all_of(nonce.cbegin(), nonce.cend(), [](QChar c) { return c.isLetterOrNumber() && c.unicode() < 128; });
}

void handleGet(const ClaimContext &claim, const GatewayContext &context, QObject *receiver,
               const ClaimHandler::Respond &respond)
{
    ClaimRateLimiter *limiter = context.claimLimiter;
    context.claims->lookup(claim.codeText, receiver, [claim, limiter, respond](const Result<EventRecord> &event) {
        if (event) {
            respond(ClaimPage::form(event.value(), newNonce()), u"ok"_s);
            return;
        }
        if (event.error().code() == ErrorCode::NotFound) {
            if (limiter)
                limiter->recordFailure(claim.address, QDateTime::currentMSecsSinceEpoch());
            respond(invalidCode(claim), u"claim failed"_s);
            return;
        }
        qCWarning(lcClaim).noquote() << "claim lookup failed:" << event.error().message();
        respond(errorResponse(claim, 503, u"Try again"_s, u"Claims are not available right now."_s),
                u"claim failed"_s);
    });
}

void handlePost(const HttpRequest &request, const ClaimContext &claim, const GatewayContext &context,
                QObject *receiver, const ClaimHandler::Respond &respond)
{
    if (request.body.size() > maxBodyBytes) {
        respond(errorResponse(claim, 413, u"Too large"_s, u"The form is too large."_s), u"bad request"_s);
        return;
    }
    const std::optional<ClaimForm> form = parseForm(request);
    if (!form || !validNonce(form->nonce)) {
        respond(errorResponse(claim, 400, u"Bad request"_s,
                              u"Send the form as application/x-www-form-urlencoded or JSON."_s),
                u"bad request"_s);
        return;
    }
    if (!form->consent) {
        respond(errorResponse(claim, 400, u"Consent needed"_s,
                              u"Tick the box to agree that the claim is stored, then claim again."_s),
                u"bad request"_s);
        return;
    }

    EventIssuer::ClaimRequest claimRequest;
    claimRequest.codeText = claim.codeText;
    claimRequest.nonce = form->nonce;
    claimRequest.email = form->email;
    claimRequest.clientAddress = claim.address.toString();

    ClaimRateLimiter *limiter = context.claimLimiter;
    context.claims->redeem(claimRequest, receiver,
                           [claim, limiter, respond](const Result<EventIssuer::Claimed> &claimed) {
        if (claimed) {
            const IssuedKey &key = claimed.value().key;
            GatewayResponse response;
            if (claim.wantsJson) {
                response = jsonResponse(200, QJsonObject{
                    {u"api_key"_s, QString::fromLatin1(key.secret)},
                    {u"tier"_s, key.record.tier},
                    {u"expires_at"_s, key.record.expiresAt.toUTC().toString(Qt::ISODate)},
                });
            } else {
                response = ClaimPage::claimed(claimed.value().event, key.secret, key.record.tier,
                                              key.record.expiresAt, claim.origin);
            }
            // Marks the code as claimed on this device, so going back to the
            // form and sending it again shows a notice instead of a new key.
            const int maxAge = claimed.value().event.trialDays * 24 * 3600;
            response.headers.add("Set-Cookie", claim.deviceCookie + "=1; Path=/claim/; Max-Age="
                                     + QByteArray::number(maxAge) + "; HttpOnly; SameSite=Strict");
            respond(response, u"ok"_s);
            return;
        }

        switch (claimed.error().code()) {
        case ErrorCode::NotFound:
            if (limiter)
                limiter->recordFailure(claim.address, QDateTime::currentMSecsSinceEpoch());
            respond(invalidCode(claim), u"claim failed"_s);
            return;
        case ErrorCode::AlreadyExists:
            respond(errorResponse(claim, 409, u"Already claimed"_s,
                                  u"This form was already used to claim a key. The key was shown once and "
                                  "cannot be shown again."_s),
                    u"claim failed"_s);
            return;
        case ErrorCode::InvalidArgument:
            respond(errorResponse(claim, 400, u"Check your email"_s, claimed.error().message()), u"bad request"_s);
            return;
        default:
            qCWarning(lcClaim).noquote() << "claim failed:" << claimed.error().message();
            respond(errorResponse(claim, 503, u"Try again"_s, u"Claims are not available right now."_s),
                    u"claim failed"_s);
            return;
        }
    });
}

} // namespace

bool ClaimHandler::handles(QByteArrayView path)
{
    return path.startsWith(claimPrefix) || path == "/claim";
}

QString ClaimHandler::loggedPath()
{
    return u"/claim/(code)"_s;
}

void ClaimHandler::handle(const HttpRequest &request, const GatewayContext &context, QObject *receiver,
                          Respond respond)
{
    ClaimContext claim;
    const QByteArray accept = request.headers.value("Accept").toLower();
    claim.wantsJson = accept.contains("application/json") && !accept.contains("text/html");
    claim.address = request.clientAddress;
    claim.origin = originOf(request);

    const QByteArray rawCode = request.path.mid(claimPrefix.size());
    claim.codeText = rawCode.size() <= maxCodeChars ? QString::fromLatin1(rawCode) : QString();
    const std::optional<QString> canonical = ClaimCode::normalize(claim.codeText);
    claim.deviceCookie = "soulfra_claimed_"
        + ClaimCode::hash(canonical.value_or(QString())).toHex().left(16);

    const bool isGet = request.method == "GET" || request.method == "HEAD";
    if (!isGet && request.method != "POST") {
        GatewayResponse response = errorResponse(claim, 405, u"Not allowed"_s, u"Use GET or POST."_s);
        response.headers.add("Allow", "GET, HEAD, POST");
        respond(response, u"bad request"_s);
        return;
    }

    const int retryAfter =
        context.claimLimiter ? context.claimLimiter->retryAfterSeconds(claim.address, QDateTime::currentMSecsSinceEpoch())
                             : 0;
    if (retryAfter > 0) {
        GatewayResponse response = errorResponse(claim, 429, u"Too many attempts"_s,
                                                 u"Too many codes that did not work. Wait a few minutes, then try "
                                                 "again."_s);
        response.headers.add("Retry-After", QByteArray::number(retryAfter));
        respond(response, u"rate limited"_s);
        return;
    }

    if (!context.claims) {
        respond(errorResponse(claim, 503, u"Try again"_s, u"Claims are not available right now."_s),
                u"claim failed"_s);
        return;
    }

    if (canonical && hasCookie(request, claim.deviceCookie)) {
        respond(errorResponse(claim, 409, u"Already claimed"_s,
                              u"A key was already claimed with this code on this device. It was shown once and "
                              "cannot be shown again."_s),
                u"claim failed"_s);
        return;
    }

    if (isGet)
        handleGet(claim, context, receiver, respond);
    else
        handlePost(request, claim, context, receiver, respond);
}

} // namespace Gateway
