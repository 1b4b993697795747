// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserDataCommand.h"

#include "CommandSupport.h"
#include "Storage.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

const QString programName = u"soulfra-gateway users"_s;

// The single user name argument, or nullopt after a usage error.
std::optional<QString> userName(const CommandSupport &support, const QCommandLineParser &parser,
                                const QString &command, QTextStream &err, int &exitCode)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        exitCode = support.usageError(err, command, UserDataCommand::tr("missing user name"));
        return std::nullopt;
    }
    if (positional.size() > 1) {
        exitCode = support.usageError(err, command,
                                      UserDataCommand::tr("unexpected argument \"%1\": give one user").arg(positional.at(1)));
        return std::nullopt;
    }
    return positional.first().trimmed();
}

// Writes data to path atomically, readable by the owner only: the export
// contains prompts and responses.
Gateway::Result<Gateway::Done> writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Gateway::Error(Gateway::ErrorCode::StorageFailed,
                              UserDataCommand::tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(data) != data.size() || !file.commit()) {
        return Gateway::Error(Gateway::ErrorCode::StorageFailed,
                              UserDataCommand::tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    return Gateway::Done{};
}

} // namespace

int UserDataCommand::runExport(const CommandSupport &support, const QStringList &arguments, QTextStream &out,
                               QTextStream &err)
{
    const QString command = u"export"_s;
    const QCommandLineOption outFile(u"out"_s, tr("Write the JSON to this file (owner-only permissions) instead of "
                                                  "standard output."),
                                     tr("file"));
    const QList<QCommandLineOption> options{outFile, support.dataDirOption(), support.helpOption()};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" export <user> [options]"_s,
                          tr("Prints everything stored about the user as JSON: the user and its tier, its keys "
                             "(without hashes), its request log rows, its hourly, daily and per-minute usage, "
                             "topics, client addresses and claims. Times are milliseconds since 1970, UTC."),
                          options);
        return CommandSupport::Success;
    }

    int exitCode = CommandSupport::Success;
    const std::optional<QString> name = userName(support, parser, command, err, exitCode);
    if (!name)
        return exitCode;
    if (parser.isSet(outFile) && parser.value(outFile).trimmed().isEmpty())
        return support.usageError(err, command, tr("the value of --out must not be empty"));

    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, true, err, exitCode);
    if (!storage)
        return exitCode;
    const Gateway::Result<QJsonObject> exported = storage->exportUserData(*name);
    if (!exported)
        return support.reportError(err, command, exported.error());

    const QByteArray json = QJsonDocument(exported.value()).toJson(QJsonDocument::Indented);
    if (!parser.isSet(outFile)) {
        out << QString::fromUtf8(json);
        return CommandSupport::Success;
    }
    if (Gateway::Result<Gateway::Done> written = writeFile(parser.value(outFile), json); !written) {
        err << programName << ' ' << command << ": " << written.error().message() << '\n';
        return CommandSupport::StorageFailure;
    }
    out << tr("Exported user %1 to %2.").arg(*name, parser.value(outFile)) << '\n';
    return CommandSupport::Success;
}

int UserDataCommand::runDelete(const CommandSupport &support, const QStringList &arguments, QTextStream &out,
                               QTextStream &err)
{
    const QString command = u"delete"_s;
    const QCommandLineOption yes(u"yes"_s, tr("Confirm that the user and all their data are deleted for good."));
    const QList<QCommandLineOption> options{yes, support.dataDirOption(), support.helpOption()};

    QCommandLineParser parser;
    parser.addOptions(options);
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        support.printHelp(out, programName + u" delete <user> --yes [options]"_s,
                          tr("Deletes the user with their keys, request log rows, hourly, daily and per-minute "
                             "usage, topics, client addresses and claims, in one transaction. Other users' data "
                             "and the totals of the remaining users stay as they are. A running gateway rejects "
                             "the user's keys within a second."),
                          options);
        return CommandSupport::Success;
    }

    int exitCode = CommandSupport::Success;
    const std::optional<QString> name = userName(support, parser, command, err, exitCode);
    if (!name)
        return exitCode;
    if (!parser.isSet(yes)) {
        return support.usageError(err, command,
                                  tr("deleting user %1 removes their keys, request log, usage and claims for good; "
                                     "add --yes to confirm")
                                      .arg(*name));
    }

    std::unique_ptr<Gateway::Storage> storage = support.openStorage(parser, command, true, err, exitCode);
    if (!storage)
        return exitCode;
    const Gateway::Result<QMap<QString, qint64>> deleted = storage->deleteUserData(*name);
    if (!deleted)
        return support.reportError(err, command, deleted.error());

    out << tr("Deleted user %1 with all their data.").arg(*name) << '\n';
    QList<QStringList> rows{{tr("TABLE"), tr("ROWS")}};
    for (auto table = deleted.value().cbegin(); table != deleted.value().cend(); ++table)
        rows.append({table.key(), QString::number(table.value())});
    CommandSupport::printTable(out, rows);
    return CommandSupport::Success;
}
