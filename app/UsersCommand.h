// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

// `soulfra-gateway users set|list|export|delete`: creates and changes users
// (tier, status, contact, per-user limit overrides) in the database
// directly, exports one user's data and deletes a user with all of it. A
// running gateway applies the change within a second.
class UsersCommand final
{
    Q_DECLARE_TR_FUNCTIONS(UsersCommand)

public:
    // Runs the command in arguments, everything after the word "users".
    // Returns 0 on success, 1 when the database failed, 2 for bad input.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};
