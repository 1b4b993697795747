// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace Gateway {

// A person or organisation that owns API keys.
struct UserRecord
{
    qint64 id = 0;
    QString name;        // unique, chosen by the operator
    QString tier;        // TierRecord::name
    QString status = QStringLiteral("active"); // "active" or "suspended"
    QString email;       // empty when unknown
    QString githubLogin; // empty when unknown
    QDateTime createdAt; // UTC
};

} // namespace Gateway
