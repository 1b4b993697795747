// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QCommandLineParser;
class QTextStream;

namespace Gateway {
class Storage;
}

// Helpers shared by the `tiers`, `users` and `admin-token` commands: option
// parsing, help layout, error reporting with the documented exit codes,
// limit values and tables.
class CommandSupport final
{
    Q_DECLARE_TR_FUNCTIONS(CommandSupport)

public:
    enum ExitCode {
        Success = 0,
        StorageFailure = 1, // the database could not be opened, read or written
        UsageError = 2,     // unknown command or option, missing or invalid value
    };

    // A parsed limit option: unset, a number, unlimited, or (for user
    // overrides) cleared so the tier's value applies again.
    struct LimitValue
    {
        bool set = false;
        bool clear = false;
        std::optional<qint64> value; // empty: unlimited
    };

    // nameColumnWidth: where option descriptions start in the help.
    explicit CommandSupport(QString programName, qsizetype nameColumnWidth = 30);

    QCommandLineOption helpOption() const;
    QCommandLineOption dataDirOption() const;

    // Parses arguments for one subcommand; returns an exit code on failure.
    std::optional<int> parse(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                             QTextStream &err) const;
    void printHelp(QTextStream &out, const QString &usage, const QString &description,
                   const QList<QCommandLineOption> &options) const;
    int usageError(QTextStream &err, const QString &command, const QString &message) const;
    int reportError(QTextStream &err, const QString &command, const Gateway::Error &error) const;

    // Opens the database of --data-dir. With mustExist, a missing database
    // is a usage error rather than a new empty file.
    std::unique_ptr<Gateway::Storage> openStorage(const QCommandLineParser &parser, const QString &command,
                                                  bool mustExist, QTextStream &err, int &exitCode) const;

    // Reads option name as a whole number of 0 or more, or "unlimited"; with
    // allowClear also "tier". Returns nullopt after printing a usage error.
    std::optional<LimitValue> limitValue(const QCommandLineParser &parser, const QString &name,
                                         const QString &command, QTextStream &err, int &exitCode,
                                         bool allowClear = false) const;

    // Splits text at spaces into lines of at most width characters, unless
    // a single word is longer.
    static QStringList wrapWords(const QString &text, qsizetype width = 80);

    // Why the file at path cannot be a gateway database, or nothing.
    static std::optional<QString> notGatewayDatabase(const QString &path);

    static QString formatLimit(const std::optional<qint64> &value);
    static QString formatTime(const QDateTime &time);
    static void printTable(QTextStream &out, const QList<QStringList> &rows);

private:
    QString m_programName;
    qsizetype m_nameColumnWidth;
};
