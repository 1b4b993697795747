// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeysCommand.h"

#include "CommandSupport.h"

#include "KeyIssuer.h"
#include "Storage.h"
#include "StorageConfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using Gateway::ErrorCode;

namespace {

constexpr int maxExpiryDays = 3650;

const QString programName = u"soulfra-gateway keys"_s;

QCommandLineOption helpOption()
{
    return QCommandLineOption({u"h"_s, u"help"_s}, KeysCommand::tr("Show this help and exit."));
}

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(
        u"data-dir"_s,
        KeysCommand::tr("Directory that contains the gateway database (gateway.sqlite). Default: %1.")
            .arg(Gateway::StorageConfig::defaultDataDir()),
        KeysCommand::tr("dir"));
}

// The help layout and the error reporting are those of every command.
const CommandSupport &support()
{
    static const CommandSupport instance(programName, 26); // the key options' names are short
    return instance;
}

void printHelp(QTextStream &out, const QString &usage, const QString &description,
               const QList<QCommandLineOption> &options)
{
    support().printHelp(out, usage, description, options);
}

int usageError(QTextStream &err, const QString &command, const QString &message)
{
    return support().usageError(err, command, message);
}

int reportError(QTextStream &err, const QString &command, const Gateway::Error &error)
{
    return support().reportError(err, command, error);
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QString &command,
                                  const QStringList &arguments, QTextStream &err)
{
    return support().parse(parser, command, arguments, err);
}

std::optional<QString> dataDirFrom(const QCommandLineParser &parser, const QString &command, QTextStream &err,
                                   int &exitCode)
{
    if (!parser.isSet(u"data-dir"_s))
        return Gateway::StorageConfig::defaultDataDir();

    const QString dir = parser.value(u"data-dir"_s);
    if (dir.trimmed().isEmpty()) {
        exitCode = usageError(err, command, KeysCommand::tr("the value of --data-dir must not be empty"));
        return std::nullopt;
    }
    return dir;
}

// list and revoke read an existing database. Opening a missing one would
// create an empty database where a mistyped --data-dir points.
bool requireDatabase(const Gateway::StorageConfig &config, const QString &command, QTextStream &err,
                     int &exitCode)
{
    if (QFileInfo::exists(config.databasePath()))
        return true;
    exitCode = usageError(err, command,
                          KeysCommand::tr("no gateway database at %1; check --data-dir or create a key first")
                              .arg(config.databasePath()));
    return false;
}

QString formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return u"-"_s;
    return time.toUTC().toString(Qt::ISODate);
}

QJsonValue jsonTime(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue(QJsonValue::Null);
    return time.toUTC().toString(Qt::ISODateWithMs);
}

int runCreate(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"create"_s;
    const QCommandLineOption help = helpOption();
    const QCommandLineOption dataDir = dataDirOption();
    const QCommandLineOption user(
        u"user"_s,
        KeysCommand::tr("User who owns the key; created when it does not exist yet. 1 to 64 ASCII letters, "
                        "digits and . _ - @ +. Required, except with --operator where the default is "
                        "\"operator\"."),
        KeysCommand::tr("name"));
    const QCommandLineOption tier(
        u"tier"_s,
        KeysCommand::tr("Tier the key is issued for: free, pro, pro_trial, enterprise or a tier added in the "
                        "console. It also picks the key prefix. Default: the user's tier, free for a new "
                        "user, enterprise with --operator. A new user gets this tier; an existing user keeps "
                        "theirs."),
        KeysCommand::tr("name"));
    const QCommandLineOption isOperator(
        u"operator"_s,
        KeysCommand::tr("Issue an operator key (prefix sk_op_), which may also call the endpoints that change "
                        "the model store: pull, push, create, copy, delete and blobs. Default: off."));
    const QCommandLineOption label(
        u"label"_s,
        KeysCommand::tr("Note shown next to the key in lists, such as where it is used. At most 200 "
                        "characters. Default: none."),
        KeysCommand::tr("text"));
    const QCommandLineOption expiresDays(
        u"expires-days"_s,
        KeysCommand::tr("Days from now until the key stops working, a whole number from 1 to %1. Default: "
                        "the key never expires.")
            .arg(maxExpiryDays),
        KeysCommand::tr("days"));
    const QList<QCommandLineOption> options{user, tier, isOperator, label, expiresDays, dataDir, help};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = parseArguments(parser, command, arguments, err))
        return *done;
    if (parser.isSet(help)) {
        printHelp(out, programName + u" create --user <name> [options]"_s,
                  KeysCommand::tr("Issues an API key and prints it once, alone on the last line of standard "
                                  "output. The database keeps only its SHA-256 hash, so the key cannot be "
                                  "shown again."),
                  options);
        return KeysCommand::Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(err, command,
                          KeysCommand::tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    }

    int exitCode = KeysCommand::Success;
    const std::optional<QString> dir = dataDirFrom(parser, command, err, exitCode);
    if (!dir)
        return exitCode;

    Gateway::KeyIssuer::Request request;
    request.isOperator = parser.isSet(isOperator);
    request.label = parser.value(label);
    if (parser.isSet(user))
        request.userName = parser.value(user);
    else if (request.isOperator)
        request.userName = u"operator"_s;
    else
        return usageError(err, command, KeysCommand::tr("missing --user <name>: name the user who owns the key"));

    if (parser.isSet(expiresDays)) {
        const QString text = parser.value(expiresDays);
        bool isNumber = false;
        const int days = text.toInt(&isNumber);
        if (!isNumber || days < 1 || days > maxExpiryDays) {
            return usageError(err, command,
                              KeysCommand::tr("invalid --expires-days value \"%1\": use a whole number of days "
                                              "from 1 to %2")
                                  .arg(text)
                                  .arg(maxExpiryDays));
        }
        request.expiresAt = QDateTime::currentDateTimeUtc().addDays(days);
    }

    Gateway::StorageConfig config;
    config.dataDir = *dir;
    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, u"keys-create"_s);
    if (Gateway::Result<Gateway::Done> opened = storage->open(); !opened)
        return reportError(err, command, opened.error());

    if (parser.isSet(tier)) {
        request.tier = parser.value(tier);
    } else if (request.isOperator) {
        request.tier = u"enterprise"_s;
    } else {
        Gateway::Result<Gateway::UserRecord> existing = storage->findUser(request.userName);
        if (!existing && existing.error().code() != ErrorCode::NotFound)
            return reportError(err, command, existing.error());
        request.tier = existing ? existing.value().tier : u"free"_s;
    }

    Gateway::Result<Gateway::IssuedKey> issued = Gateway::KeyIssuer::issue(*storage, request);
    if (!issued)
        return reportError(err, command, issued.error());

    const Gateway::KeyRecord &record = issued.value().record;
    const QString kind = record.isOperator ? KeysCommand::tr("operator key") : KeysCommand::tr("key");
    const QString expiry = record.expiresAt.isValid()
        ? KeysCommand::tr("expires %1").arg(formatTime(record.expiresAt))
        : KeysCommand::tr("never expires");
    out << KeysCommand::tr("Issued %1 %2 for user %3, tier %4; it %5.")
               .arg(kind, record.id, record.userName, record.tier, expiry)
        << '\n'
        << KeysCommand::tr("Copy it now: only its hash is stored, so it cannot be shown again.") << '\n'
        << QString::fromLatin1(issued.value().secret) << '\n';
    return KeysCommand::Success;
}

// Opens the database that --data-dir names, which must exist already, so a
// mistyped path never leaves an empty database behind. Returns null after
// reporting the problem, with exitCode set.
std::unique_ptr<Gateway::Storage> openExistingStorage(const QCommandLineParser &parser, const QString &command,
                                                      const QString &connectionName, QTextStream &err,
                                                      Gateway::StorageConfig &config, int &exitCode)
{
    const std::optional<QString> dir = dataDirFrom(parser, command, err, exitCode);
    if (!dir)
        return nullptr;
    config.dataDir = *dir;
    if (!requireDatabase(config, command, err, exitCode))
        return nullptr;

    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, connectionName);
    if (Gateway::Result<Gateway::Done> opened = storage->open(); !opened) {
        exitCode = reportError(err, command, opened.error());
        return nullptr;
    }
    return storage;
}

void printKeyTable(QTextStream &out, const QList<Gateway::KeyRecord> &keys)
{
    const QStringList header{
        KeysCommand::tr("ID"),      KeysCommand::tr("USER"),    KeysCommand::tr("TIER"),
        KeysCommand::tr("OPERATOR"), KeysCommand::tr("HINT"),   KeysCommand::tr("LABEL"),
        KeysCommand::tr("CREATED"), KeysCommand::tr("EXPIRES"), KeysCommand::tr("REVOKED"),
        KeysCommand::tr("LAST USED"), KeysCommand::tr("FROM"),
    };

    QList<QStringList> rows{header};
    for (const Gateway::KeyRecord &key : keys) {
        rows.append({
            key.id,
            key.userName,
            key.tier,
            key.isOperator ? KeysCommand::tr("yes") : KeysCommand::tr("no"),
            key.hint,
            key.label.isEmpty() ? u"-"_s : key.label,
            formatTime(key.createdAt),
            formatTime(key.expiresAt),
            formatTime(key.revokedAt),
            formatTime(key.lastUsedAt),
            key.lastUsedAddress.isEmpty() ? u"-"_s : key.lastUsedAddress,
        });
    }

    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype column = 0; column < row.size(); ++column)
            widths[column] = qMax(widths[column], row.at(column).size());
    }

    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column) {
            const bool last = column == row.size() - 1;
            line += last ? row.at(column) : row.at(column).leftJustified(widths[column] + 2);
        }
        out << line << '\n';
    }
}

void printKeyJson(QTextStream &out, const QList<Gateway::KeyRecord> &keys)
{
    QJsonArray array;
    for (const Gateway::KeyRecord &key : keys) {
        array.append(QJsonObject{
            {u"id"_s, key.id},
            {u"user"_s, key.userName},
            {u"tier"_s, key.tier},
            {u"operator"_s, key.isOperator},
            {u"hint"_s, key.hint},
            {u"label"_s, key.label},
            {u"createdAt"_s, jsonTime(key.createdAt)},
            {u"expiresAt"_s, jsonTime(key.expiresAt)},
            {u"revokedAt"_s, jsonTime(key.revokedAt)},
            {u"lastUsedAt"_s, jsonTime(key.lastUsedAt)},
            {u"lastUsedAddress"_s, key.lastUsedAddress.isEmpty() ? QJsonValue() : QJsonValue(key.lastUsedAddress)},
            {u"replacesKeyId"_s, key.replacesKeyId.isEmpty() ? QJsonValue() : QJsonValue(key.replacesKeyId)},
        });
    }
    out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

int runList(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"list"_s;
    const QCommandLineOption help = helpOption();
    const QCommandLineOption dataDir = dataDirOption();
    const QCommandLineOption json(
        u"json"_s,
        KeysCommand::tr("Print a JSON array with one object per key; times are ISO 8601 UTC with "
                        "milliseconds, null when unset. Default: a text table."));
    const QList<QCommandLineOption> options{json, dataDir, help};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = parseArguments(parser, command, arguments, err))
        return *done;
    if (parser.isSet(help)) {
        printHelp(out, programName + u" list [options]"_s,
                  KeysCommand::tr("Lists every issued key with its id, user, tier, hint, label and times "
                                  "(UTC). Keys themselves are never stored, so they are never shown."),
                  options);
        return KeysCommand::Success;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(err, command,
                          KeysCommand::tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    }

    int exitCode = KeysCommand::Success;
    Gateway::StorageConfig config;
    std::unique_ptr<Gateway::Storage> storage = openExistingStorage(parser, command, u"keys-list"_s, err, config, exitCode);
    if (!storage)
        return exitCode;
    Gateway::Result<QList<Gateway::KeyRecord>> keys = storage->keys();
    if (!keys)
        return reportError(err, command, keys.error());

    if (parser.isSet(json))
        printKeyJson(out, keys.value());
    else if (keys.value().isEmpty())
        out << KeysCommand::tr("No keys in %1.").arg(config.databasePath()) << '\n';
    else
        printKeyTable(out, keys.value());
    return KeysCommand::Success;
}

int runRevoke(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"revoke"_s;
    const QCommandLineOption help = helpOption();
    const QCommandLineOption dataDir = dataDirOption();
    const QList<QCommandLineOption> options{dataDir, help};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = parseArguments(parser, command, arguments, err))
        return *done;
    if (parser.isSet(help)) {
        printHelp(out, programName + u" revoke <key id> [options]"_s,
                  KeysCommand::tr("Revokes the key with the given id (as shown by 'keys list', e.g. "
                                  "key_7h3k9q2m). A running gateway rejects it within a second. Revoking "
                                  "cannot be undone."),
                  options);
        return KeysCommand::Success;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(err, command, KeysCommand::tr("missing key id, e.g. key_7h3k9q2m"));
    if (positional.size() > 1)
        return usageError(err, command, KeysCommand::tr("unexpected argument \"%1\": revoke one key at a time")
                                            .arg(positional.at(1)));
    const QString keyId = positional.first();

    // Pasting the key instead of its id is an easy mistake. The message must
    // not repeat the secret on the terminal or in a log of it.
    if (keyId.startsWith(u"sk_"_s)) {
        return usageError(err, command,
                          KeysCommand::tr("that is an API key, not a key id; find the key's id (key_...) with "
                                          "'keys list' and revoke that"));
    }

    int exitCode = KeysCommand::Success;
    Gateway::StorageConfig config;
    std::unique_ptr<Gateway::Storage> storage = openExistingStorage(parser, command, u"keys-revoke"_s, err, config, exitCode);
    if (!storage)
        return exitCode;

    Gateway::Result<QList<Gateway::KeyRecord>> keys = storage->keys();
    if (!keys)
        return reportError(err, command, keys.error());
    const auto found = std::find_if(keys.value().cbegin(), keys.value().cend(),
                                    [&](const Gateway::KeyRecord &key) { return key.id == keyId; });
    if (found == keys.value().cend())
        return usageError(err, command, KeysCommand::tr("no key with id \"%1\" in %2").arg(keyId, config.databasePath()));
    if (found->revokedAt.isValid()) {
        out << KeysCommand::tr("Key %1 was already revoked at %2.").arg(keyId, formatTime(found->revokedAt)) << '\n';
        return KeysCommand::Success;
    }

    Gateway::Result<Gateway::KeyRecord> revoked = storage->revokeKey(keyId);
    if (!revoked)
        return reportError(err, command, revoked.error());
    out << KeysCommand::tr("Revoked key %1 (%2) of user %3 at %4.")
               .arg(keyId, revoked.value().hint, revoked.value().userName, formatTime(revoked.value().revokedAt))
        << '\n';
    return KeysCommand::Success;
}

int runRotate(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"rotate"_s;
    const QCommandLineOption help = helpOption();
    const QCommandLineOption dataDir = dataDirOption();
    const QCommandLineOption graceHours(
        u"grace-hours"_s,
        KeysCommand::tr("Hours the old key keeps working, so clients can switch to the new one. Default: 24."),
        u"hours"_s);
    const QList<QCommandLineOption> options{dataDir, graceHours, help};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = parseArguments(parser, command, arguments, err))
        return *done;
    if (parser.isSet(help)) {
        printHelp(out, programName + u" rotate <key id> [options]"_s,
                  KeysCommand::tr("Issues a new key with the same user, tier, role and label as the given "
                                  "key and prints it once, alone on the last line. The old key keeps "
                                  "working for the grace period, then expires."),
                  options);
        return KeysCommand::Success;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(err, command, KeysCommand::tr("missing key id, e.g. key_7h3k9q2m"));
    if (positional.size() > 1)
        return usageError(err, command, KeysCommand::tr("unexpected argument \"%1\": rotate one key at a time")
                                            .arg(positional.at(1)));
    const QString keyId = positional.first();
    if (keyId.startsWith(u"sk_"_s)) {
        return usageError(err, command,
                          KeysCommand::tr("that is an API key, not a key id; find the key's id (key_...) with "
                                          "'keys list' and rotate that"));
    }

    qint64 hours = 24;
    if (parser.isSet(graceHours)) {
        bool ok = false;
        hours = parser.value(graceHours).toLongLong(&ok);
        if (!ok || hours < 0 || hours > 24 * 365) {
            return usageError(err, command, KeysCommand::tr("invalid --grace-hours \"%1\": expected 0 to 8760")
                                                .arg(parser.value(graceHours)));
        }
    }

    int exitCode = KeysCommand::Success;
    Gateway::StorageConfig config;
    std::unique_ptr<Gateway::Storage> storage = openExistingStorage(parser, command, u"keys-rotate"_s, err, config, exitCode);
    if (!storage)
        return exitCode;

    const Gateway::Result<Gateway::IssuedKey> rotated =
        Gateway::KeyIssuer::rotate(*storage, keyId, std::chrono::hours(hours));
    if (!rotated) {
        // An unknown, revoked or expired id is the caller's mistake.
        if (rotated.error().code() == Gateway::ErrorCode::NotFound
            || rotated.error().code() == Gateway::ErrorCode::InvalidArgument)
            return usageError(err, command, rotated.error().message());
        return reportError(err, command, rotated.error());
    }

    const Gateway::KeyRecord &record = rotated.value().record;
    out << KeysCommand::tr("Rotated key %1 of user %2: the new key is %3 (%4). The old key works until %5.")
               .arg(keyId, record.userName, record.id, record.hint,
                    formatTime(QDateTime::currentDateTimeUtc().addSecs(hours * 3600)))
        << '\n'
        << KeysCommand::tr("Store the new key now; it is not shown again.") << '\n'
        << QString::fromLatin1(rotated.value().secret) << '\n';
    return KeysCommand::Success;
}

void printUsage(QTextStream &stream)
{
    stream << KeysCommand::tr("Usage: %1 <command> [options]").arg(programName) << "\n\n";
    const QString description = KeysCommand::tr("Manages the API keys in the gateway database. A running "
                                                "gateway picks up changes within a second.");
    for (const QString &line : CommandSupport::wrapWords(description))
        stream << line << '\n';
    stream << '\n'
           << KeysCommand::tr("Commands:") << '\n'
           << u"  create    "_s << KeysCommand::tr("Issue a key and print it once") << '\n'
           << u"  list      "_s << KeysCommand::tr("List keys with their hints, never the keys") << '\n'
           << u"  revoke    "_s << KeysCommand::tr("Revoke a key by its id") << '\n'
           << u"  rotate    "_s << KeysCommand::tr("Issue a successor and let the old key expire after a grace period")
           << "\n\n"
           << KeysCommand::tr("Run '%1 <command> --help' for the options of a command.").arg(programName) << '\n';
}

} // namespace

int KeysCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    int exitCode = UsageError;
    const QString command = arguments.value(0);
    const QStringList rest = arguments.mid(1);

    if (command.isEmpty()) {
        err << tr("%1: missing command").arg(programName) << "\n\n";
        printUsage(err);
    } else if (command == u"--help"_s || command == u"-h"_s || command == u"help"_s) {
        printUsage(out);
        exitCode = Success;
    } else if (command == u"create"_s) {
        exitCode = runCreate(rest, out, err);
    } else if (command == u"list"_s) {
        exitCode = runList(rest, out, err);
    } else if (command == u"revoke"_s) {
        exitCode = runRevoke(rest, out, err);
    } else if (command == u"rotate"_s) {
        exitCode = runRotate(rest, out, err);
    } else {
        err << tr("%1: unknown command \"%2\"; use create, list, revoke or rotate").arg(programName, command) << '\n';
    }

    out.flush();
    err.flush();
    return exitCode;
}
