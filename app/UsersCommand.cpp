// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsersCommand.h"

#include "CommandSupport.h"
#include "Storage.h"
#include "UserDataCommand.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

using namespace Qt::StringLiterals;
using Gateway::UserRecord;

namespace {

const QString programName = u"soulfra-gateway users"_s;
constexpr qsizetype maxUserNameLength = 64;

struct OverrideOption
{
    QString name;
    std::optional<qint64> UserRecord::*field;
};

const QList<OverrideOption> &overrideOptions()
{
    static const QList<OverrideOption> options = {
        {u"calls-per-day"_s, &UserRecord::callsPerDay},
        {u"generations-per-month"_s, &UserRecord::generationsPerMonth},
        {u"brands-per-month"_s, &UserRecord::brandsPerMonth},
        {u"requests-per-minute"_s, &UserRecord::requestsPerMinute},
        {u"tokens-per-day"_s, &UserRecord::tokensPerDay},
        {u"tokens-per-month"_s, &UserRecord::tokensPerMonth},
        {u"concurrent-streams"_s, &UserRecord::concurrentStreams},
    };
    return options;
}

QString overrideText(const std::optional<qint64> &value)
{
    if (!value)
        return QString();
    return *value == UserRecord::unlimitedOverride ? UsersCommand::tr("unlimited") : QString::number(*value);
}

QString overridesSummary(const UserRecord &user)
{
    QStringList parts;
    for (const OverrideOption &option : overrideOptions()) {
        const QString text = overrideText(user.*option.field);
        if (!text.isEmpty())
            parts.append(option.name + u'=' + text);
    }
    if (!user.modelPatterns.isEmpty())
        parts.append(u"models="_s + user.modelPatterns.join(u","_s));
    return parts.isEmpty() ? u"-"_s : parts.join(u' ');
}

void printUserTable(QTextStream &out, const QList<UserRecord> &users)
{
    QList<QStringList> rows{{UsersCommand::tr("USER"), UsersCommand::tr("TIER"), UsersCommand::tr("STATUS"),
                             UsersCommand::tr("TRIAL ENDS"), UsersCommand::tr("EMAIL"), UsersCommand::tr("GITHUB"),
                             UsersCommand::tr("OVERRIDES")}};
    for (const UserRecord &user : users) {
        rows.append({user.name, user.tier, user.status, CommandSupport::formatTime(user.trialEndsAt),
                     user.email.isEmpty() ? u"-"_s : user.email,
                     user.githubLogin.isEmpty() ? u"-"_s : user.githubLogin, overridesSummary(user)});
    }
    CommandSupport::printTable(out, rows);
}

void printUserJson(QTextStream &out, const QList<UserRecord> &users)
{
    QJsonArray array;
    for (const UserRecord &user : users) {
        QJsonObject overrides;
        for (const OverrideOption &option : overrideOptions()) {
            const std::optional<qint64> value = user.*option.field;
            if (value)
                overrides.insert(option.name, *value == UserRecord::unlimitedOverride ? QJsonValue(u"unlimited"_s)
                                                                                     : QJsonValue(double(*value)));
        }
        if (!user.modelPatterns.isEmpty())
            overrides.insert(u"models"_s, QJsonArray::fromStringList(user.modelPatterns));
        array.append(QJsonObject{
            {u"name"_s, user.name},
            {u"tier"_s, user.tier},
            {u"status"_s, user.status},
            {u"email"_s, user.email.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user.email)},
            {u"githubLogin"_s, user.githubLogin.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(user.githubLogin)},
            {u"trialEndsAt"_s, user.trialEndsAt.isValid() ? QJsonValue(user.trialEndsAt.toUTC().toString(Qt::ISODate))
                                                          : QJsonValue(QJsonValue::Null)},
            {u"createdAt"_s, user.createdAt.toUTC().toString(Qt::ISODate)},
            {u"overrides"_s, overrides},
        });
    }
    out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

std::optional<int> applyOptions(const CommandSupport &support, const QCommandLineParser &parser, UserRecord &user,
                                QTextStream &err)
{
    const QString command = u"set"_s;
    int exitCode = CommandSupport::Success;

    for (const OverrideOption &option : overrideOptions()) {
        const std::optional<CommandSupport::LimitValue> value =
            support.limitValue(parser, option.name, command, err, exitCode, true);
        if (!value)
            return exitCode;
        if (!value->set)
            continue;
        if (value->clear)
            (user.*option.field).reset();
        else
            user.*option.field = value->value.value_or(UserRecord::unlimitedOverride);
    }

    if (parser.isSet(u"models"_s)) {
        const QString text = parser.value(u"models"_s).trimmed();
        static const QRegularExpression allowed(u"^[A-Za-z0-9_.:/*-]{1,200}$"_s);
        QStringList patterns;
        if (text.compare(u"tier"_s, Qt::CaseInsensitive) != 0) {
            for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
                const QString pattern = part.trimmed();
                if (pattern.isEmpty())
                    continue;
                if (!allowed.match(pattern).hasMatch()) {
                    return support.usageError(err, command,
                                              UsersCommand::tr("invalid model pattern \"%1\" in --models").arg(pattern));
                }
                patterns.append(pattern);
            }
            if (patterns.isEmpty())
                return support.usageError(err, command, UsersCommand::tr("--models needs at least one pattern or 'tier'"));
        }
        user.modelPatterns = patterns;
    }

    if (parser.isSet(u"status"_s)) {
        const QString status = parser.value(u"status"_s).trimmed().toLower();
        if (status != u"active"_s && status != u"suspended"_s) {
            return support.usageError(err, command,
                                      UsersCommand::tr("invalid value \"%1\" for --status: expected active or suspended")
                                          .arg(parser.value(u"status"_s)));
        }
        user.status = status;
    }
    if (parser.isSet(u"email"_s))
        user.email = parser.value(u"email"_s).trimmed();
    if (parser.isSet(u"github"_s))
        user.githubLogin = parser.value(u"github"_s).trimmed();
    return std::nullopt;
}

int runSet(const CommandSupport &support, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"set"_s;
    QList<QCommandLineOption> options{
        QCommandLineOption(u"tier"_s, UsersCommand::tr("Tier of the user; required for a new user."), UsersCommand::tr("tier")),
        QCommandLineOption(u"status"_s, UsersCommand::tr("active, or suspended to reject every request of the user."),
                           UsersCommand::tr("status")),
        QCommandLineOption(u"email"_s, UsersCommand::tr("Email address; empty to clear."), UsersCommand::tr("address")),
        QCommandLineOption(u"github"_s, UsersCommand::tr("GitHub login; empty to clear."), UsersCommand::tr("login")),
    };
    for (const OverrideOption &option : overrideOptions()) {
        options.append(QCommandLineOption(option.name,
                                          UsersCommand::tr("Overrides the tier's %1 limit: a whole number, "
                                                           "'unlimited', or 'tier' to use the tier's value again.")
                                              .arg(option.name),
                                          UsersCommand::tr("n")));
    }
    options.append(QCommandLineOption(u"models"_s,
                                      UsersCommand::tr("Overrides the tier's model patterns (comma-separated); "
                                                       "'tier' uses the tier's patterns again."),
                                      UsersCommand::tr("patterns")));
    options.append(support.dataDirOption());
    options.append(support.helpOption());

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" set <user> [options]"_s,
                          UsersCommand::tr("Creates the user or changes the given values of an existing one; values "
                                           "not given stay as they are. Moving a user onto a trial tier starts the "
                                           "trial. A running gateway applies the change within a second."),
                          options);
        return CommandSupport::Success;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return support.usageError(err, command, UsersCommand::tr("missing user name"));
    if (positional.size() > 1) {
        return support.usageError(err, command,
                                  UsersCommand::tr("unexpected argument \"%1\": set one user at a time").arg(positional.at(1)));
    }
    const QString name = positional.first().trimmed();
    if (name.isEmpty() || name.size() > maxUserNameLength) {
        return support.usageError(err, command,
                                  UsersCommand::tr("invalid user name \"%1\": use 1-%2 characters")
                                      .arg(positional.first()).arg(maxUserNameLength));
    }

    int exitCode = CommandSupport::Success;
    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, false, err, exitCode);
    if (!storage)
        return exitCode;

    UserRecord user;
    user.name = name;
    const Gateway::Result<UserRecord> existing = storage->findUser(name);
    const bool exists = existing.ok();
    if (exists)
        user = existing.value();
    else if (existing.error().code() != Gateway::ErrorCode::NotFound)
        return support.reportError(err, command, existing.error());

    if (parser.isSet(u"tier"_s)) {
        const QString tier = parser.value(u"tier"_s).trimmed();
        if (tier != user.tier)
            user.trialEndsAt = QDateTime(); // a new tier starts its own trial, if it has one
        user.tier = tier;
    } else if (!exists) {
        return support.usageError(err, command, UsersCommand::tr("user \"%1\" does not exist; give --tier to create it").arg(name));
    }

    if (std::optional<int> failed = applyOptions(support, parser, user, err))
        return *failed;

    const Gateway::Result<UserRecord> saved = storage->saveUser(user);
    if (!saved)
        return support.reportError(err, command, saved.error());
    out << (exists ? UsersCommand::tr("Updated user %1.") : UsersCommand::tr("Created user %1.")).arg(name) << '\n';
    printUserTable(out, {saved.value()});
    return CommandSupport::Success;
}

int runList(const CommandSupport &support, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"list"_s;
    const QCommandLineOption json(u"json"_s, UsersCommand::tr("Print a JSON array. Default: a text table."));
    const QList<QCommandLineOption> options{json, support.dataDirOption(), support.helpOption()};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" list [options]"_s,
                          UsersCommand::tr("Lists every user with tier, status, trial end and overrides."), options);
        return CommandSupport::Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return support.usageError(err, command,
                                  UsersCommand::tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    }

    int exitCode = CommandSupport::Success;
    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, true, err, exitCode);
    if (!storage)
        return exitCode;
    const Gateway::Result<QList<UserRecord>> users = storage->users();
    if (!users)
        return support.reportError(err, command, users.error());

    if (parser.isSet(json))
        printUserJson(out, users.value());
    else if (users.value().isEmpty())
        out << UsersCommand::tr("No users yet.") << '\n';
    else
        printUserTable(out, users.value());
    return CommandSupport::Success;
}

void printUsage(QTextStream &stream)
{
    stream << UsersCommand::tr("Usage: %1 <command> [options]").arg(programName) << "\n\n"
           << UsersCommand::tr("Manages the users in the gateway database. A running gateway applies changes "
                               "within a second.")
           << "\n\n"
           << UsersCommand::tr("Commands:") << '\n'
           << u"  set     "_s << UsersCommand::tr("Create a user or change tier, status and limits") << '\n'
           << u"  list    "_s << UsersCommand::tr("List users") << '\n'
           << u"  export  "_s << UsersCommand::tr("Print everything stored about a user as JSON") << '\n'
           << u"  delete  "_s << UsersCommand::tr("Delete a user with all their data") << "\n\n"
           << UsersCommand::tr("Run '%1 <command> --help' for the options of a command.").arg(programName) << '\n';
}

} // namespace

int UsersCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
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
    } else if (command == u"export"_s) {
        exitCode = UserDataCommand::runExport(support, rest, out, err);
    } else if (command == u"delete"_s) {
        exitCode = UserDataCommand::runDelete(support, rest, out, err);
    } else {
        err << tr("%1: unknown command \"%2\"; use set, list, export or delete").arg(programName, command) << '\n';
    }

    out.flush();
    err.flush();
    return exitCode;
}
