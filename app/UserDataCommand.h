// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class CommandSupport;
class QTextStream;

// `soulfra-gateway users export|delete`: one user's stored data as JSON, and
// deleting a user with all of it. UsersCommand dispatches here.
class UserDataCommand final
{
    Q_DECLARE_TR_FUNCTIONS(UserDataCommand)

public:
    // Each runs the arguments after the subcommand word and returns 0 on
    // success, 1 when the database or the output file failed, 2 for bad input.
    static int runExport(const CommandSupport &support, const QStringList &arguments, QTextStream &out,
                         QTextStream &err);
    static int runDelete(const CommandSupport &support, const QStringList &arguments, QTextStream &out,
                         QTextStream &err);
};
