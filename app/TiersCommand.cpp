// SPDX-License-Identifier: GPL-3.0-or-later
#include "TiersCommand.h"

#include "CommandSupport.h"
#include "Storage.h"

#include <QCommandLineParser>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

const QString programName = u"soulfra-gateway tiers"_s;
constexpr int maxPriority = 1000;
constexpr qint64 maxTrialDays = 3650;

// The option name and the TierRecord field each limit option sets.
struct LimitOption
{
    QString name;
    std::optional<qint64> Gateway::TierRecord::*field;
    const char *description;
};

const QList<LimitOption> &limitOptions()
{
    static const QList<LimitOption> options = {
        {u"calls-per-day"_s, &Gateway::TierRecord::callsPerDay,
         QT_TRANSLATE_NOOP("TiersCommand", "API calls a user may make per day.")},
        {u"generations-per-month"_s, &Gateway::TierRecord::generationsPerMonth,
         QT_TRANSLATE_NOOP("TiersCommand", "Completed generations (generate, chat, completions) per month.")},
        {u"brands-per-month"_s, &Gateway::TierRecord::brandsPerMonth,
         QT_TRANSLATE_NOOP("TiersCommand", "Distinct brands a user may send per month.")},
        {u"requests-per-minute"_s, &Gateway::TierRecord::requestsPerMinute,
         QT_TRANSLATE_NOOP("TiersCommand", "API calls in any 60 seconds.")},
        {u"tokens-per-day"_s, &Gateway::TierRecord::tokensPerDay,
         QT_TRANSLATE_NOOP("TiersCommand", "Prompt plus completion tokens per day.")},
        {u"tokens-per-month"_s, &Gateway::TierRecord::tokensPerMonth,
         QT_TRANSLATE_NOOP("TiersCommand", "Prompt plus completion tokens per month.")},
        {u"concurrent-streams"_s, &Gateway::TierRecord::concurrentStreams,
         QT_TRANSLATE_NOOP("TiersCommand", "Streamed responses a user may have open at once.")},
    };
    return options;
}

bool isValidTierName(const QString &name)
{
    static const QRegularExpression pattern(u"^[a-z][a-z0-9_]{0,31}$"_s);
    return pattern.match(name).hasMatch();
}

bool isValidModelPattern(const QString &pattern)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9_.:/*-]{1,200}$"_s);
    return allowed.match(pattern).hasMatch();
}

QString optionalText(const QString &text)
{
    return text.isEmpty() ? u"-"_s : text;
}

QString trialText(const std::optional<qint64> &seconds)
{
    if (!seconds)
        return u"-"_s;
    return TiersCommand::tr("%1 d").arg(double(*seconds) / 86400.0);
}

QHash<QString, int> usersPerTier(Gateway::Storage &storage)
{
    QHash<QString, int> counts;
    const Gateway::Result<QList<Gateway::UserRecord>> users = storage.users();
    if (users) {
        for (const Gateway::UserRecord &user : users.value())
            counts[user.tier] += 1;
    }
    return counts;
}

QJsonValue jsonLimit(const std::optional<qint64> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

void printTierJson(QTextStream &out, const QList<Gateway::TierRecord> &tiers, const QHash<QString, int> &users)
{
    QJsonArray array;
    for (const Gateway::TierRecord &tier : tiers) {
        QJsonObject object{
            {u"name"_s, tier.name},
            {u"keyPrefix"_s, tier.keyPrefix},
            {u"priceCentsPerMonth"_s, double(tier.priceCentsPerMonth)},
            {u"modelPatterns"_s, QJsonArray::fromStringList(tier.modelPatterns)},
            {u"queuePriority"_s, tier.queuePriority},
            {u"trialDurationSeconds"_s, jsonLimit(tier.trialDurationSeconds)},
            {u"fallbackTier"_s, tier.fallbackTier.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tier.fallbackTier)},
            {u"support"_s, tier.support},
            {u"users"_s, users.value(tier.name)},
        };
        for (const LimitOption &option : limitOptions())
            object.insert(option.name, jsonLimit(tier.*option.field));
        array.append(object);
    }
    out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

void printTierTable(QTextStream &out, const QList<Gateway::TierRecord> &tiers, const QHash<QString, int> &users)
{
    QList<QStringList> rows{{
        TiersCommand::tr("TIER"), TiersCommand::tr("USERS"), TiersCommand::tr("PRICE"), TiersCommand::tr("CALLS/DAY"),
        TiersCommand::tr("GEN/MONTH"), TiersCommand::tr("BRANDS"), TiersCommand::tr("REQ/MIN"),
        TiersCommand::tr("TOKENS/DAY"), TiersCommand::tr("TOKENS/MONTH"), TiersCommand::tr("STREAMS"),
        TiersCommand::tr("PRIORITY"), TiersCommand::tr("TRIAL"), TiersCommand::tr("FALLBACK"), TiersCommand::tr("MODELS"),
    }};
    for (const Gateway::TierRecord &tier : tiers) {
        rows.append({
            tier.name,
            QString::number(users.value(tier.name)),
            u"$%1"_s.arg(double(tier.priceCentsPerMonth) / 100.0, 0, 'f', 2),
            CommandSupport::formatLimit(tier.callsPerDay),
            CommandSupport::formatLimit(tier.generationsPerMonth),
            CommandSupport::formatLimit(tier.brandsPerMonth),
            CommandSupport::formatLimit(tier.requestsPerMinute),
            CommandSupport::formatLimit(tier.tokensPerDay),
            CommandSupport::formatLimit(tier.tokensPerMonth),
            CommandSupport::formatLimit(tier.concurrentStreams),
            QString::number(tier.queuePriority),
            trialText(tier.trialDurationSeconds),
            optionalText(tier.fallbackTier),
            tier.modelPatterns.isEmpty() ? TiersCommand::tr("(none)") : tier.modelPatterns.join(u","_s),
        });
    }
    CommandSupport::printTable(out, rows);
}

// Applies the set options to tier; returns an exit code on bad input.
std::optional<int> applyOptions(const CommandSupport &support, const QCommandLineParser &parser,
                                Gateway::TierRecord &tier, QTextStream &err)
{
    const QString command = u"set"_s;
    int exitCode = CommandSupport::Success;

    for (const LimitOption &option : limitOptions()) {
        const std::optional<CommandSupport::LimitValue> value =
            support.limitValue(parser, option.name, command, err, exitCode);
        if (!value)
            return exitCode;
        if (value->set)
            tier.*option.field = value->value;
    }

    if (parser.isSet(u"models"_s)) {
        QStringList patterns;
        for (const QString &part : parser.value(u"models"_s).split(u',', Qt::SkipEmptyParts)) {
            const QString pattern = part.trimmed();
            if (pattern.isEmpty())
                continue;
            if (pattern.compare(u"unlimited"_s, Qt::CaseInsensitive) == 0) {
                patterns.append(u"*"_s);
                continue;
            }
            if (!isValidModelPattern(pattern)) {
                return support.usageError(
                    err, command,
                    TiersCommand::tr("invalid model pattern \"%1\" in --models: use model names such as "
                                     "llama3.2:3b, with * as a wildcard").arg(pattern));
            }
            patterns.append(pattern);
        }
        if (patterns.isEmpty()) {
            return support.usageError(err, command,
                                      TiersCommand::tr("--models needs at least one pattern, e.g. llama3.2:* or *"));
        }
        tier.modelPatterns = patterns;
    }

    if (parser.isSet(u"priority"_s)) {
        bool ok = false;
        const int priority = parser.value(u"priority"_s).trimmed().toInt(&ok);
        if (!ok || priority < -maxPriority || priority > maxPriority) {
            return support.usageError(err, command,
                                      TiersCommand::tr("invalid value \"%1\" for --priority: expected a whole number "
                                                       "from %2 to %3").arg(parser.value(u"priority"_s)).arg(-maxPriority).arg(maxPriority));
        }
        tier.queuePriority = priority;
    }

    if (parser.isSet(u"price-cents"_s)) {
        bool ok = false;
        const qint64 cents = parser.value(u"price-cents"_s).trimmed().toLongLong(&ok);
        if (!ok || cents < 0) {
            return support.usageError(err, command,
                                      TiersCommand::tr("invalid value \"%1\" for --price-cents: expected a whole "
                                                       "number of 0 or more").arg(parser.value(u"price-cents"_s)));
        }
        tier.priceCentsPerMonth = cents;
    }

    if (parser.isSet(u"trial-days"_s)) {
        const QString text = parser.value(u"trial-days"_s).trimmed();
        bool ok = false;
        const qint64 days = text.toLongLong(&ok);
        if (text.compare(u"none"_s, Qt::CaseInsensitive) == 0) {
            tier.trialDurationSeconds.reset();
        } else if (!ok || days < 1 || days > maxTrialDays) {
            return support.usageError(err, command,
                                      TiersCommand::tr("invalid value \"%1\" for --trial-days: expected a whole number "
                                                       "from 1 to %2 or 'none'").arg(text).arg(maxTrialDays));
        } else {
            tier.trialDurationSeconds = days * 24 * 3600;
        }
    }

    if (parser.isSet(u"fallback-tier"_s)) {
        const QString fallback = parser.value(u"fallback-tier"_s).trimmed();
        tier.fallbackTier = fallback.compare(u"none"_s, Qt::CaseInsensitive) == 0 ? QString() : fallback;
    }
    return std::nullopt;
}

int runSet(const CommandSupport &support, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"set"_s;
    QList<QCommandLineOption> options;
    for (const LimitOption &option : limitOptions()) {
        options.append(QCommandLineOption(option.name,
                                          TiersCommand::tr(option.description) + u' '
                                              + TiersCommand::tr("A whole number, or 'unlimited'."),
                                          TiersCommand::tr("n")));
    }
    options.append(QCommandLineOption(u"models"_s,
                                      TiersCommand::tr("Comma-separated model patterns the tier may use, e.g. "
                                                       "llama3.2:*,qwen2.5-coder:7b; * or 'unlimited' allows every model."),
                                      TiersCommand::tr("patterns")));
    options.append(QCommandLineOption(u"priority"_s,
                                      TiersCommand::tr("Queue priority when the upstream is saturated; higher is "
                                                       "served first, from %1 to %2.").arg(-maxPriority).arg(maxPriority),
                                      TiersCommand::tr("n")));
    options.append(QCommandLineOption(u"price-cents"_s, TiersCommand::tr("Price per month in cents."),
                                      TiersCommand::tr("n")));
    options.append(QCommandLineOption(u"trial-days"_s,
                                      TiersCommand::tr("Makes this a trial tier lasting this many days; 'none' "
                                                       "makes it a regular tier."),
                                      TiersCommand::tr("days")));
    options.append(QCommandLineOption(u"fallback-tier"_s,
                                      TiersCommand::tr("Tier a user moves to when the trial ends; 'none' to clear."),
                                      TiersCommand::tr("tier")));
    options.append(support.dataDirOption());
    options.append(support.helpOption());

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" set <tier> [options]"_s,
                          TiersCommand::tr("Creates the tier or changes the given values of an existing one; values "
                                           "not given stay as they are. A running gateway applies the change "
                                           "within a second."),
                          options);
        return CommandSupport::Success;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return support.usageError(err, command, TiersCommand::tr("missing tier name, e.g. pro"));
    if (positional.size() > 1) {
        return support.usageError(err, command,
                                  TiersCommand::tr("unexpected argument \"%1\": set one tier at a time").arg(positional.at(1)));
    }
    const QString name = positional.first();
    if (!isValidTierName(name)) {
        return support.usageError(err, command,
                                  TiersCommand::tr("invalid tier name \"%1\": use 1-32 lower-case letters, digits and "
                                                   "_, starting with a letter").arg(name));
    }

    int exitCode = CommandSupport::Success;
    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, false, err, exitCode);
    if (!storage)
        return exitCode;

    const Gateway::Result<QList<Gateway::TierRecord>> tiers = storage->tiers();
    if (!tiers)
        return support.reportError(err, command, tiers.error());
    Gateway::TierRecord tier;
    tier.name = name;
    tier.sortOrder = int(tiers.value().size()) + 1;
    bool exists = false;
    for (const Gateway::TierRecord &existing : tiers.value()) {
        if (existing.name == name) {
            tier = existing;
            exists = true;
        }
    }

    if (std::optional<int> failed = applyOptions(support, parser, tier, err))
        return *failed;

    const Gateway::Result<Gateway::TierRecord> saved = storage->saveTier(tier);
    if (!saved)
        return support.reportError(err, command, saved.error());
    if (exists)
        out << TiersCommand::tr("Updated tier %1.").arg(name) << '\n';
    else
        out << TiersCommand::tr("Created tier %1; its keys start with %2.").arg(name, saved.value().keyPrefix) << '\n';
    printTierTable(out, {saved.value()}, usersPerTier(*storage));
    return CommandSupport::Success;
}

int runList(const CommandSupport &support, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"list"_s;
    const QCommandLineOption json(u"json"_s, TiersCommand::tr("Print a JSON array; null is unlimited. Default: a text table."));
    const QList<QCommandLineOption> options{json, support.dataDirOption(), support.helpOption()};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" list [options]"_s,
                          TiersCommand::tr("Lists every tier with its limits and how many users it has."), options);
        return CommandSupport::Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return support.usageError(err, command,
                                  TiersCommand::tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    }

    int exitCode = CommandSupport::Success;
    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, true, err, exitCode);
    if (!storage)
        return exitCode;
    const Gateway::Result<QList<Gateway::TierRecord>> tiers = storage->tiers();
    if (!tiers)
        return support.reportError(err, command, tiers.error());

    if (parser.isSet(json))
        printTierJson(out, tiers.value(), usersPerTier(*storage));
    else
        printTierTable(out, tiers.value(), usersPerTier(*storage));
    return CommandSupport::Success;
}

void printUsage(QTextStream &stream)
{
    stream << TiersCommand::tr("Usage: %1 <command> [options]").arg(programName) << "\n\n"
           << TiersCommand::tr("Manages the tiers in the gateway database. A running gateway applies changes "
                               "within a second.")
           << "\n\n"
           << TiersCommand::tr("Commands:") << '\n'
           << u"  set     "_s << TiersCommand::tr("Create a tier or change its limits") << '\n'
           << u"  list    "_s << TiersCommand::tr("List tiers with their limits and users") << "\n\n"
           << TiersCommand::tr("Run '%1 <command> --help' for the options of a command.").arg(programName) << '\n';
}

} // namespace

int TiersCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const CommandSupport support(programName);
    int exitCode = CommandSupport::UsageError;
    const QString command = arguments.value(0);
    const QStringList rest = arguments.mid(1);

    if (command.isEmpty()) {
        err << tr("%1: missing command").arg(programName) << "\n\n";
        printUsage(err);
    } else if (command == u"--help"_s || command == u"-h"_s || command == u"help"_s) {
        printUsage(out);
        exitCode = CommandSupport::Success;
    } else if (command == u"set"_s) {
        exitCode = runSet(support, rest, out, err);
    } else if (command == u"list"_s) {
        exitCode = runList(support, rest, out, err);
    } else {
        err << tr("%1: unknown command \"%2\"; use set or list").arg(programName, command) << '\n';
    }

    out.flush();
    err.flush();
    return exitCode;
}
