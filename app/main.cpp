// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminTokenCommand.h"
#include "ConsoleLauncher.h"
#include "EventsCommand.h"
#include "GatewayOptions.h"
#include "HeadlessRunner.h"
#include "KeysCommand.h"
#include "RetentionCommand.h"
#include "RollupsCommand.h"
#include "TiersCommand.h"
#include "UsageCommand.h"
#include "UsersCommand.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>
#include <sys/resource.h>

namespace {

QStringList argumentsOf(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

// Each proxied stream uses two sockets, and the default soft limit of 1024
// descriptors would cap the gateway near 500 streams.
void raiseDescriptorLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

bool displayAvailable()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char *argv[])
{
    const QStringList arguments = argumentsOf(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("soulfra-gateway"));
    QCoreApplication::setOrganizationName(QStringLiteral("Soulfra"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOULFRA_VERSION));

    // Info by default, debug on request: QT_LOGGING_RULES="soulfra.*.debug=true".
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("soulfra.*.debug=false"));

    const QString word = arguments.value(1);
    if (word == QLatin1String("keys") || word == QLatin1String("tiers") || word == QLatin1String("users")
        || word == QLatin1String("admin-token") || word == QLatin1String("usage")
        || word == QLatin1String("rollups") || word == QLatin1String("retention")) {
        // A command prints its result; storage chatter would drown it.
        if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
            QLoggingCategory::setFilterRules(QStringLiteral("soulfra.*.debug=false\nsoulfra.*.info=false"));
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        if (word == QLatin1String("tiers"))
            return TiersCommand::run(arguments.mid(2), out, err);
        if (word == QLatin1String("users"))
            return UsersCommand::run(arguments.mid(2), out, err);
        if (word == QLatin1String("admin-token"))
            return AdminTokenCommand::run(arguments.mid(2), out, err);
        if (word == QLatin1String("usage"))
            return UsageCommand::run(arguments.mid(2), out, err);
        if (word == QLatin1String("rollups"))
            return RollupsCommand::run(arguments.mid(2), out, err);
        if (word == QLatin1String("retention"))
            return RetentionCommand::run(arguments.mid(2), out, err);
        return KeysCommand::run(arguments.mid(2), out, err);
    }

    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("events")) {
        if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
            QLoggingCategory::setFilterRules(QStringLiteral("soulfra.*.debug=false\nsoulfra.*.info=false"));
        // Sheets and QR images need fonts and painting, hence a
        // QGuiApplication; without a display it runs offscreen.
        if (!displayAvailable())
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        QTextStream in(stdin);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return EventsCommand::run(arguments.mid(2), in, out, err);
    }

    GatewayOptions options;
    switch (options.parse(arguments)) {
    case GatewayOptions::Outcome::ShowHelp:
        std::fputs(options.helpText().toLocal8Bit().constData(), stdout);
        return 0;
    case GatewayOptions::Outcome::ShowVersion:
        std::printf("soulfra-gateway %s\n", SOULFRA_VERSION);
        return 0;
    case GatewayOptions::Outcome::UsageError:
        std::fprintf(stderr, "soulfra-gateway: %s\nRun 'soulfra-gateway --help' for the options.\n",
                     options.errorText().toLocal8Bit().constData());
        return 2;
    case GatewayOptions::Outcome::Run:
        break;
    }

    raiseDescriptorLimit();

    bool headless = options.headless();
    if (!headless && !displayAvailable()) {
        std::fputs("soulfra-gateway: no display found, running headless\n", stdout);
        headless = true;
    }

    if (headless) {
        QCoreApplication app(argc, argv);
        HeadlessRunner runner(options.config());
        runner.start();
        return app.exec();
    }

    return ConsoleLauncher::run(argc, argv, options.config());
}
