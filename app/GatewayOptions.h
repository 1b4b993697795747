// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayConfig.h"

#include <QString>
#include <QStringList>

// Parses the command line of the gateway itself (not its subcommands) into
// a GatewayConfig. Every option documents its unit and default in --help.
class GatewayOptions final
{
public:
    enum class Outcome { Run, ShowHelp, ShowVersion, UsageError };

    Outcome parse(const QStringList &arguments);

    const Gateway::GatewayConfig &config() const { return m_config; }
    bool headless() const { return m_headless; }
    // The usage error, naming the offending option or value.
    const QString &errorText() const { return m_errorText; }
    QString helpText() const;

private:
    bool setListen(const QString &value);
    bool setUpstream(const QString &value);
    bool readNumber(const QString &option, const QString &value, qint64 minimum, qint64 maximum, qint64 &out);

    Gateway::GatewayConfig m_config;
    bool m_headless = false;
    QString m_errorText;
};
