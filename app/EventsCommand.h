// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

// `soulfra-gateway events create|list|revoke|set-url|sheet|qr`: events that
// hand out trial keys through claim codes, without a display. Works on the
// database directly, like `keys`. sheet and qr paint, so they need a
// QGuiApplication (main() makes one on the offscreen platform).
class EventsCommand final
{
    Q_DECLARE_TR_FUNCTIONS(EventsCommand)

public:
    enum ExitCode {
        Success = 0,
        Failure = 1,    // the database or an output file failed
        UsageError = 2, // unknown command or option, missing or invalid value
    };

    // Runs the command in arguments, everything after the word "events".
    // `sheet` reads the codes from in unless --codes names a file.
    static int run(const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err);
};
