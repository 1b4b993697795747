// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

// `soulfra-gateway keys create|list|revoke`: manages API keys in the
// database directly, so it works whether or not a gateway is running on the
// same data directory. A running gateway notices the change within a second.
class KeysCommand final
{
    Q_DECLARE_TR_FUNCTIONS(KeysCommand)

public:
    enum ExitCode {
        Success = 0,
        StorageFailure = 1, // the database could not be opened, read or written
        UsageError = 2,     // unknown command or option, missing or invalid value
    };

    // Runs the command in arguments, which are everything after the word
    // "keys". Results go to out, and `keys create` prints the new key alone
    // on the last line of out. Errors go to err. Returns an ExitCode.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};
