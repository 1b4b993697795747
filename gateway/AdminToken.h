// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Gateway {

// The operator token of the admin API. Only its SHA-256 digest is stored,
// in the file "admin-token.sha256" of the data directory, which only its
// owner may read. The token itself is shown once, when it is created.
class AdminToken final
{
public:
    AdminToken() = delete;

    static QString digestPath(const QString &dataDir);

    // Creates a new random token, replacing any earlier one, and returns it.
    static Result<QByteArray> create(const QString &dataDir);
    // Reads the stored digest (32 bytes); NotFound when no token was created.
    static Result<QByteArray> loadDigest(const QString &dataDir);
    // Compares presented with digest in constant time.
    static bool matches(const QByteArray &digest, QByteArrayView presented);
};

} // namespace Gateway
