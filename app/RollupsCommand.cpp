// SPDX-License-Identifier: GPL-3.0-or-later
#include "RollupsCommand.h"

#include "CommandSupport.h"
#include "Storage.h"
#include "StorageConfig.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

const QString programName = u"soulfra-gateway rollups"_s;

void printSummary(QTextStream &out, const Gateway::RollupRebuild &rebuilt)
{
    if (!rebuilt.oldestRow.isValid()) {
        out << RollupsCommand::tr("The request log is empty; no rollups were changed.") << '\n';
        return;
    }
    out << RollupsCommand::tr("Rebuilt the usage rollups from %1 request log rows, %2 to %3.")
               .arg(rebuilt.rows)
               .arg(CommandSupport::formatTime(rebuilt.oldestRow), CommandSupport::formatTime(rebuilt.newestRow))
        << '\n'
        << RollupsCommand::tr("Rollups of periods before %1 were kept: the log has no rows left for them.")
               .arg(CommandSupport::formatTime(rebuilt.oldestRow))
        << "\n\n";
    CommandSupport::printTable(out, {
        {RollupsCommand::tr("TABLE"), RollupsCommand::tr("ROWS")},
        {u"usage_hourly"_s, QString::number(rebuilt.hourlyGroups)},
        {u"usage_daily"_s, QString::number(rebuilt.dailyGroups)},
        {u"usage_minutely"_s, QString::number(rebuilt.minutelyGroups)},
        {u"usage_topics_daily"_s, QString::number(rebuilt.topicGroups)},
        {u"usage_addresses_daily"_s, QString::number(rebuilt.addressGroups)},
        {u"usage_hourly_totals"_s, QString::number(rebuilt.hourlyTotalsGroups)},
        {u"usage_daily_totals"_s, QString::number(rebuilt.dailyTotalsGroups)},
        {u"usage_hourly_users"_s, QString::number(rebuilt.hourlyUsersGroups)},
        {u"usage_daily_users"_s, QString::number(rebuilt.dailyUsersGroups)},
        {u"usage_topics_daily_totals"_s, QString::number(rebuilt.topicTotalsGroups)},
    });
}

int runRebuild(const CommandSupport &support, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"rebuild"_s;
    const QList<QCommandLineOption> options{support.dataDirOption(), support.helpOption()};
    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" rebuild [options]"_s,
                          RollupsCommand::tr("Recomputes the hourly, daily, per-minute, topic and address usage "
                                             "rollups from the request log in one transaction. Periods older "
                                             "than the oldest row of the log keep their rollups, because the "
                                             "retention purge deleted their rows."),
                          options);
        return CommandSupport::Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return support.usageError(err, command,
                                  RollupsCommand::tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    }

    // A missing database is a failure here, not a usage error: there is
    // nothing to rebuild from, and opening would create an empty file.
    Gateway::StorageConfig config;
    config.dataDir = parser.isSet(u"data-dir"_s) ? parser.value(u"data-dir"_s) : Gateway::StorageConfig::defaultDataDir();
    if (!config.dataDir.trimmed().isEmpty() && !QFileInfo::exists(config.databasePath())) {
        err << programName << ' ' << command << ": "
            << RollupsCommand::tr("no gateway database at %1; check --data-dir").arg(config.databasePath()) << '\n';
        return CommandSupport::StorageFailure;
    }

    int exitCode = CommandSupport::Success;
    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, true, err, exitCode);
    if (!storage)
        return exitCode;
    const Gateway::Result<Gateway::RollupRebuild> rebuilt = storage->rebuildRollups();
    if (!rebuilt) {
        err << programName << ' ' << command << ": " << rebuilt.error().message() << '\n';
        return CommandSupport::StorageFailure;
    }
    printSummary(out, rebuilt.value());
    return CommandSupport::Success;
}

void printUsage(QTextStream &stream)
{
    stream << RollupsCommand::tr("Usage: %1 <command> [options]").arg(programName) << "\n\n"
           << RollupsCommand::tr("Maintains the usage rollups that charts and exports read.") << "\n\n"
           << RollupsCommand::tr("Commands:") << '\n'
           << u"  rebuild   "_s << RollupsCommand::tr("Recompute the rollups from the request log") << "\n\n"
           << RollupsCommand::tr("Run '%1 <command> --help' for the options of a command.").arg(programName) << '\n';
}

} // namespace

int RollupsCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const CommandSupport support(programName);
    int exitCode = CommandSupport::UsageError;
    const QString command = arguments.value(0);

    if (command.isEmpty()) {
        err << tr("%1: missing command").arg(programName) << "\n\n";
        printUsage(err);
    } else if (command == u"--help"_s || command == u"-h"_s || command == u"help"_s) {
        printUsage(out);
        exitCode = CommandSupport::Success;
    } else if (command == u"rebuild"_s) {
        exitCode = runRebuild(support, arguments.mid(1), out, err);
    } else {
        err << tr("%1: unknown command \"%2\"; use rebuild").arg(programName, command) << "\n\n";
        printUsage(err);
    }

    out.flush();
    err.flush();
    return exitCode;
}
