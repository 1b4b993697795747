// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

// `soulfra-gateway retention`: shows and sets how much prompt and response
// text the request log keeps and after how many days raw log rows are
// purged, and runs the purge on request. A running gateway applies a change
// within a few seconds.
class RetentionCommand final
{
    Q_DECLARE_TR_FUNCTIONS(RetentionCommand)

public:
    // Runs the command in arguments, everything after the word "retention".
    // Returns 0 on success, 1 when the database failed, 2 for bad input.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
};
