// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionCommand.h"

#include "CommandSupport.h"
#include "RetentionPolicy.h"
#include "RetentionPurger.h"
#include "Storage.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using Gateway::RetentionPolicy;

namespace {

const QString programName = u"soulfra-gateway"_s;
const QString command = u"retention"_s;

void printPolicy(QTextStream &out, const RetentionPolicy &policy)
{
    const QString days = policy.logDays > 0
        ? RetentionCommand::tr("%1 days (rows of the current month always stay)").arg(policy.logDays)
        : RetentionCommand::tr("forever");
    CommandSupport::printTable(out, {
        {RetentionCommand::tr("Prompt and response text:"),
         policy.describeText() + u" ("_s + policy.textSetting() + u')'},
        {RetentionCommand::tr("Raw request log rows kept:"), days},
        {RetentionCommand::tr("Per-minute usage rows kept:"),
         RetentionCommand::tr("%1 days").arg(Gateway::RetentionPurger::minutelyKeepDays)},
        {RetentionCommand::tr("Hourly and daily usage:"), RetentionCommand::tr("kept forever")},
    });
}

// The policy the options ask for, built on current; nullopt after a usage
// error. Nothing is read from or written to storage here.
std::optional<RetentionPolicy> requestedPolicy(const CommandSupport &support, const QCommandLineParser &parser,
                                               RetentionPolicy policy, QTextStream &err, int &exitCode)
{
    if (parser.isSet(u"text"_s)) {
        const Gateway::Result<RetentionPolicy> parsed = RetentionPolicy::parseText(parser.value(u"text"_s), policy);
        if (!parsed) {
            exitCode = support.usageError(err, command, parsed.error().message());
            return std::nullopt;
        }
        policy = parsed.value();
    }
    if (parser.isSet(u"log-days"_s)) {
        const Gateway::Result<int> days = RetentionPolicy::parseLogDays(parser.value(u"log-days"_s));
        if (!days) {
            exitCode = support.usageError(err, command, days.error().message());
            return std::nullopt;
        }
        policy.logDays = days.value();
    }
    return policy;
}

} // namespace

int RetentionCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const CommandSupport support(programName);
    const QCommandLineOption text(
        u"text"_s,
        tr("How much prompt and response text the request log keeps: full (up to %1 characters), "
           "first:N (the first N characters) or none.")
            .arg(RetentionPolicy::maxTextChars),
        tr("mode"));
    const QCommandLineOption logDays(
        u"log-days"_s,
        tr("Days raw request log rows are kept before the daily purge deletes them; 0 keeps them forever. "
           "Rows of the current month always stay, and usage charts are not affected."),
        tr("days"));
    const QCommandLineOption purgeNow(u"purge-now"_s, tr("Run the purge once now, after saving any change."));
    const QCommandLineOption timeZone(
        u"time-zone"_s,
        tr("Limit time zone of the gateway (its --time-zone), whose current month --purge-now keeps. "
           "Default: keep the current month of every time zone."),
        tr("zone"));
    const QList<QCommandLineOption> options{text, logDays, purgeNow, timeZone, support.dataDirOption(),
                                            support.helpOption()};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" retention [options]"_s,
                          tr("Shows the retention settings, or changes those given. A running gateway applies "
                             "a text change within 2 seconds and purges within a few seconds of a change to "
                             "--log-days, then every 24 hours."),
                          options);
        return CommandSupport::Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return support.usageError(err, command, tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

    QTimeZone zone; // invalid: keep the current month of every zone
    if (parser.isSet(timeZone) && !parser.isSet(purgeNow)) {
        return support.usageError(err, command,
                                  tr("--time-zone applies only to --purge-now; a running gateway purges in its own "
                                     "--time-zone"));
    }
    if (parser.isSet(timeZone)) {
        zone = QTimeZone(parser.value(timeZone).trimmed().toUtf8());
        if (!zone.isValid()) {
            return support.usageError(err, command,
                                      tr("invalid --time-zone value \"%1\": expected an IANA time zone such as UTC "
                                         "or Europe/Berlin")
                                          .arg(parser.value(timeZone)));
        }
    }

    // Every value is checked before the database is opened, so bad input
    // changes nothing.
    int exitCode = CommandSupport::Success;
    if (!requestedPolicy(support, parser, RetentionPolicy(), err, exitCode))
        return exitCode;

    const bool changes = parser.isSet(text) || parser.isSet(logDays);
    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, !changes, err, exitCode);
    if (!storage)
        return exitCode;

    // With both values given, a malformed stored setting is simply replaced.
    RetentionPolicy current;
    if (!(parser.isSet(text) && parser.isSet(logDays))) {
        const Gateway::Result<RetentionPolicy> loaded = RetentionPolicy::load(*storage);
        if (!loaded && loaded.error().code() != Gateway::ErrorCode::InvalidArgument)
            return support.reportError(err, command, loaded.error());
        if (!loaded) {
            err << programName << ' ' << command << ": "
                << tr("the stored retention settings are invalid (%1); set both --text and --log-days to replace them")
                       .arg(loaded.error().message())
                << '\n';
            return CommandSupport::StorageFailure;
        }
        current = loaded.value();
    }

    if (changes) {
        const std::optional<RetentionPolicy> requested = requestedPolicy(support, parser, current, err, exitCode);
        if (!requested)
            return exitCode;
        if (Gateway::Result<Gateway::Done> saved = requested->save(*storage); !saved)
            return support.reportError(err, command, saved.error());
        current = *requested;
        out << tr("Saved the retention settings.") << '\n';
    }
    printPolicy(out, current);

    if (parser.isSet(purgeNow)) {
        Gateway::RetentionPurger purger(*storage, {}, zone);
        const Gateway::Result<Gateway::RetentionPurger::Counts> purged = purger.purgeNow();
        if (!purged)
            return support.reportError(err, command, purged.error());
        out << tr("Purged %1 request log rows and %2 per-minute usage rows.")
                   .arg(purged.value().requestLogRows)
                   .arg(purged.value().minutelyRows)
            << '\n';
    }
    return CommandSupport::Success;
}
