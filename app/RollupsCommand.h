// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

// `soulfra-gateway rollups rebuild`: recomputes the usage rollups from the
// request log, for example after restoring a backup or changing the topic
// keywords. The rebuild is one write transaction, so a running gateway's log
// commits wait for it, and fail after the busy timeout on a large log.
class RollupsCommand final
{
    Q_DECLARE_TR_FUNCTIONS(RollupsCommand)

public:
    // Runs the command in arguments, everything after the word "rollups".
    // Returns 0 on success, 1 when the database is missing or failed, 2 for
    // bad input.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};
