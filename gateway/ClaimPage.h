// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorResponder.h"
#include "EventRecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Gateway {

// The HTML of the phone claim page. Self-contained: one inline style sheet
// and one inline script, both allowed by hash in a Content-Security-Policy
// that allows nothing else, so the page loads no external asset. Every
// value that came from a request or the database is HTML-escaped.
class ClaimPage final
{
public:
    // The form: event name and text, optional email, consent, claim button.
    // nonce is the form's one-time token (see EventStore::reserveClaim).
    static GatewayResponse form(const EventRecord &event, const QString &nonce);

    // The key, shown this one time, with a copy button and a quick start.
    // origin is the gateway's address as the browser sees it, for the snippet.
    static GatewayResponse claimed(const EventRecord &event, const QByteArray &key, const QString &tier,
                                   const QDateTime &expiresAt, const QString &origin);

    // A page with a title and one paragraph, e.g. for an unusable code.
    static GatewayResponse message(int status, const QString &title, const QString &text);

    // The headers every claim response carries, HTML or JSON.
    static void addSecurityHeaders(HttpHeaders &headers);

private:
    static GatewayResponse page(int status, const QString &title, const QString &body);
};

} // namespace Gateway
