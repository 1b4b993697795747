// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

// `soulfra-gateway admin-token [--data-dir DIR]`: creates the admin API's
// operator token, prints it once and stores only its SHA-256 digest. A new
// token replaces the old one; a running gateway reads it when it starts.
class AdminTokenCommand final
{
    Q_DECLARE_TR_FUNCTIONS(AdminTokenCommand)

public:
    // Returns 0 on success, 1 when the file could not be written, 2 for bad input.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};
