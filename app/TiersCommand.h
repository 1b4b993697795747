// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

// `soulfra-gateway tiers set|list`: edits and lists tiers in the database
// directly, whether or not a gateway runs on the same data directory. A
// running gateway applies the change within a second.
class TiersCommand final
{
    Q_DECLARE_TR_FUNCTIONS(TiersCommand)

public:
    // Runs the command in arguments, everything after the word "tiers".
    // Returns 0 on success, 1 when the database failed, 2 for bad input.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};
