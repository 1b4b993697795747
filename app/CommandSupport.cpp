// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandSupport.h"

#include "Storage.h"
#include "StorageConfig.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTextStream>

using namespace Qt::StringLiterals;
using Gateway::ErrorCode;

namespace {

constexpr qsizetype helpLineWidth = 80;

QString optionNames(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &name : option.names())
        names.append((name.size() == 1 ? u"-"_s : u"--"_s) + name);
    QString text = names.join(u", "_s);
    if (!option.valueName().isEmpty())
        text += u" <"_s + option.valueName() + u'>';
    return text;
}

} // namespace

CommandSupport::CommandSupport(QString programName, qsizetype nameColumnWidth)
    : m_programName(std::move(programName))
    , m_nameColumnWidth(nameColumnWidth)
{
}

QCommandLineOption CommandSupport::helpOption() const
{
    return QCommandLineOption({u"h"_s, u"help"_s}, tr("Show this help and exit."));
}

QCommandLineOption CommandSupport::dataDirOption() const
{
    return QCommandLineOption(
        u"data-dir"_s,
        tr("Directory that contains the gateway database (gateway.sqlite). Default: %1.")
            .arg(Gateway::StorageConfig::defaultDataDir()),
        tr("dir"));
}

std::optional<int> CommandSupport::parse(QCommandLineParser &parser, const QString &command,
                                         const QStringList &arguments, QTextStream &err) const
{
    // parse() takes the first element as the program name.
    if (!parser.parse(QStringList{m_programName + u' ' + command} + arguments))
        return usageError(err, command, parser.errorText());
    return std::nullopt;
}

void CommandSupport::printHelp(QTextStream &out, const QString &usage, const QString &description,
                               const QList<QCommandLineOption> &options) const
{
    out << tr("Usage: %1").arg(usage) << "\n\n";
    for (const QString &line : wrapWords(description, helpLineWidth))
        out << line << '\n';
    out << '\n' << tr("Options:") << '\n';

    const QString indent(m_nameColumnWidth, u' ');
    for (const QCommandLineOption &option : options) {
        QString names = u"  "_s + optionNames(option);
        const QStringList lines = wrapWords(option.description(), helpLineWidth - m_nameColumnWidth);
        if (names.size() + 1 > m_nameColumnWidth) {
            out << names << '\n';
            names = indent;
        } else {
            names = names.leftJustified(m_nameColumnWidth);
        }
        for (qsizetype i = 0; i < lines.size(); ++i)
            out << (i == 0 ? names : indent) << lines.at(i) << '\n';
    }
}

int CommandSupport::usageError(QTextStream &err, const QString &command, const QString &message) const
{
    err << m_programName << ' ' << command << ": " << message << '\n'
        << tr("Run '%1 %2 --help' for its options.").arg(m_programName, command) << '\n';
    return UsageError;
}

int CommandSupport::reportError(QTextStream &err, const QString &command, const Gateway::Error &error) const
{
    switch (error.code()) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::NotFound:
    case ErrorCode::AlreadyExists:
        return usageError(err, command, error.message());
    default:
        err << m_programName << ' ' << command << ": " << error.message() << '\n';
        return StorageFailure;
    }
}

// Opening migrates, so a command aimed at a file that is not the gateway's
// (empty, or another program's SQLite database) would turn it into one.
// Every gateway database has a schema version above 0.
std::optional<QString> CommandSupport::notGatewayDatabase(const QString &path)
{
    static int checks = 0;
    const QString connection = u"soulfra-command-check-%1"_s.arg(++checks);
    std::optional<QString> problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        QSqlQuery query(db);
        if (!db.open() || !query.exec(u"PRAGMA user_version"_s) || !query.next()) {
            problem = tr("%1 is not a SQLite database; check --data-dir").arg(path);
        } else if (query.value(0).toInt() <= 0) {
            problem = tr("%1 is not a gateway database (it has no gateway schema); check --data-dir").arg(path);
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return problem;
}

std::unique_ptr<Gateway::Storage> CommandSupport::openStorage(const QCommandLineParser &parser,
                                                              const QString &command, bool mustExist,
                                                              QTextStream &err, int &exitCode) const
{
    Gateway::StorageConfig config;
    config.dataDir = Gateway::StorageConfig::defaultDataDir();
    if (parser.isSet(u"data-dir"_s)) {
        config.dataDir = parser.value(u"data-dir"_s);
        if (config.dataDir.trimmed().isEmpty()) {
            exitCode = usageError(err, command, tr("the value of --data-dir must not be empty"));
            return {};
        }
    }

    // Opening a missing database would create an empty one where a
    // mistyped --data-dir points.
    if (mustExist && !QFileInfo::exists(config.databasePath())) {
        exitCode = usageError(err, command,
                              tr("no gateway database at %1; check --data-dir").arg(config.databasePath()));
        return {};
    }

    if (mustExist) {
        if (const std::optional<QString> problem = notGatewayDatabase(config.databasePath())) {
            err << m_programName << ' ' << command << ": " << *problem << '\n';
            exitCode = StorageFailure;
            return {};
        }
    }

    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, m_programName + u'-' + command);
    if (Gateway::Result<Gateway::Done> opened = storage->open(); !opened) {
        exitCode = reportError(err, command, opened.error());
        return {};
    }
    return storage;
}

std::optional<CommandSupport::LimitValue> CommandSupport::limitValue(const QCommandLineParser &parser,
                                                                     const QString &name, const QString &command,
                                                                     QTextStream &err, int &exitCode,
                                                                     bool allowClear) const
{
    LimitValue result;
    if (!parser.isSet(name))
        return result;

    result.set = true;
    const QString text = parser.value(name).trimmed();
    if (text.compare(u"unlimited"_s, Qt::CaseInsensitive) == 0)
        return result;
    if (allowClear && text.compare(u"tier"_s, Qt::CaseInsensitive) == 0) {
        result.clear = true;
        return result;
    }

    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    if (!ok || number < 0) {
        const QString expected = allowClear ? tr("a whole number of 0 or more, 'unlimited' or 'tier'")
                                            : tr("a whole number of 0 or more or 'unlimited'");
        exitCode = usageError(err, command,
                              tr("invalid value \"%1\" for --%2: expected %3").arg(parser.value(name), name, expected));
        return std::nullopt;
    }
    result.value = number;
    return result;
}

QString CommandSupport::formatLimit(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : tr("unlimited");
}

QString CommandSupport::formatTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : u"-"_s;
}

void CommandSupport::printTable(QTextStream &out, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        widths.resize(qMax(widths.size(), row.size()), 0);
        for (qsizetype column = 0; column < row.size(); ++column)
            widths[column] = qMax(widths[column], row.at(column).size());
    }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column) {
            const bool last = column + 1 == row.size();
            line += last ? row.at(column) : row.at(column).leftJustified(widths.at(column) + 2);
        }
        out << line << '\n';
    }
}

QStringList CommandSupport::wrapWords(const QString &text, qsizetype width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines.append(line);
            line.clear();
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    if (!line.isEmpty())
        lines.append(line);
    return lines;
}
