// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

class QTextStream;

// `soulfra-gateway usage`: prints the usage rollups per period, user and
// model as CSV or JSON, for scripts and servers without a display. Reads
// the database only; a gateway may run on the same data directory.
class UsageCommand final
{
    Q_DECLARE_TR_FUNCTIONS(UsageCommand)

public:
    // Runs the command in arguments, everything after the word "usage".
    // Returns 0 on success, 1 when the database failed, 2 for bad input; on
    // failure nothing is written to out.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
    // As above, with now (UTC) as the end of the default range.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err, const QDateTime &now);
};
