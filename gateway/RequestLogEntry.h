// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Gateway {

// One row of the request log: what a client asked for and what happened.
// It never contains an API key, only the key's public id.
struct RequestLogEntry
{
    qint64 id = 0;               // assigned by storage
    QString requestId;           // X-Request-ID sent upstream and returned to the client
    QDateTime startedAt;         // UTC, when the request line arrived
    QString userName;            // empty for requests without a valid key
    QString keyId;               // KeyRecord::id, empty without a valid key
    QString tier;                // the key's tier at request time, empty without a valid key
    QString clientAddress;       // remote IP address as text
    QString userAgent;
    QString method;
    QString path;                // path and query as the client sent them
    QString model;               // canonical model name, empty when none was named
    QString brand;               // context.brand or X-Brand
    QString contextLanguage;     // context.language
    QString contextFramework;    // context.framework
    QString promptText;          // subject to the retention setting
    QString responseText;        // subject to the retention setting
    int status = 0;              // HTTP status sent to the client
    QString outcome;             // "ok", "client cancelled", "upstream error", ...
    QString errorMessage;        // gateway or upstream error text, empty on success
    std::optional<qint64> promptTokens;     // unknown when upstream did not report it
    std::optional<qint64> completionTokens; // unknown when upstream did not report it
    qint64 requestBytes = 0;     // body bytes received from the client
    qint64 responseBytes = 0;    // body bytes sent to the client
    double latencyMs = 0;        // request received to last byte sent
    std::optional<double> timeToFirstTokenMs; // request received to first body byte
    QString upstream;            // base URL of the upstream that served it
    bool countedCall = false;       // admitted, so it counts against the user's limits
    bool countedGeneration = false; // a generation that completed
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::RequestLogEntry)
