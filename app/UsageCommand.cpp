// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageCommand.h"

#include "CommandSupport.h"
#include "StorageConfig.h"
#include "UsageQueries.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

#include <cmath>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString programName = u"soulfra-gateway"_s;
const QString commandName = u"usage"_s;
constexpr int defaultRangeDays = 30;

// The percentiles and their column names, in output order.
struct PercentileColumn
{
    QString name;
    bool timeToFirstToken = false;
    double fraction = 0.5;
};

const QList<PercentileColumn> &percentileColumns()
{
    static const QList<PercentileColumn> columns{
        {u"latency_p50_ms"_s, false, 0.50},
        {u"latency_p95_ms"_s, false, 0.95},
        {u"latency_p99_ms"_s, false, 0.99},
        {u"ttft_p50_ms"_s, true, 0.50},
    };
    return columns;
}

QStringList columnNames()
{
    QStringList names{u"period_start"_s, u"user"_s, u"model"_s, u"requests"_s, u"generations"_s, u"errors"_s};
    for (int cause = 0; cause < Gateway::ErrorCounts::causeCount; ++cause)
        names.append(u"errors_"_s + Gateway::ErrorCounts::nameOf(Gateway::ErrorCause(cause)));
    names << u"prompt_tokens"_s << u"completion_tokens"_s;
    for (const PercentileColumn &column : percentileColumns())
        names.append(column.name);
    return names;
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// A percentile of the row in ms, or nothing when the histogram is empty
// (no time to first token is known for requests that generated nothing).
std::optional<double> percentileOf(const Gateway::UsageRow &row, const PercentileColumn &column)
{
    const Gateway::LatencyHistogram &histogram = column.timeToFirstToken ? row.timeToFirstToken : row.latency;
    if (histogram.total() == 0)
        return std::nullopt;
    return histogram.percentile(column.fraction);
}

// The values of a row in the order of columnNames(); integers as qint64,
// percentiles as double or null.
QVariantList valuesOf(const Gateway::UsageRow &row)
{
    QVariantList values{isoTime(row.periodStart), row.userName, row.model, row.requests, row.generations,
                        row.errors.total()};
    for (const qint64 count : row.errors.counts)
        values.append(count);
    values << row.promptTokens << row.completionTokens;
    for (const PercentileColumn &column : percentileColumns()) {
        const std::optional<double> ms = percentileOf(row, column);
        values.append(ms ? QVariant(*ms) : QVariant());
    }
    return values;
}

// RFC 4180: a field with a comma, a double quote or a line break is quoted,
// and quotes inside it are doubled.
QString csvField(const QString &text)
{
    static const QRegularExpression special(u"[\",\r\n]"_s);
    if (!text.contains(special))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString csvValue(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.typeId() == QMetaType::Double)
        return QString::number(value.toDouble(), 'f', 1);
    return csvField(value.toString());
}

QString toCsv(const QList<Gateway::UsageRow> &rows)
{
    // RFC 4180 ends every record, the last one included, with CRLF.
    QString text = columnNames().join(u',') + u"\r\n"_s;
    for (const Gateway::UsageRow &row : rows) {
        QStringList fields;
        for (const QVariant &value : valuesOf(row))
            fields.append(csvValue(value));
        text += fields.join(u',') + u"\r\n"_s;
    }
    return text;
}

// Percentiles are estimates from histogram buckets: one decimal, as in
// the CSV, without the binary noise of a double.
QJsonValue jsonValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::Double)
        return std::round(value.toDouble() * 10) / 10;
    return QJsonValue::fromVariant(value);
}

QString toJson(const QList<Gateway::UsageRow> &rows, const Gateway::UsageFilter &filter, const QString &by)
{
    const QStringList names = columnNames();
    QJsonArray array;
    for (const Gateway::UsageRow &row : rows) {
        const QVariantList values = valuesOf(row);
        QJsonObject object;
        for (qsizetype i = 0; i < names.size(); ++i)
            object.insert(names.at(i), jsonValue(values.at(i)));
        array.append(object);
    }
    const QJsonObject document{
        {u"from"_s, isoTime(filter.from)},
        {u"to"_s, isoTime(filter.to)},
        {u"by"_s, by},
        {u"rows"_s, array},
    };
    return QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
}

// A DATE option: a day (YYYY-MM-DD, UTC) or an ISO 8601 date-time, which
// is UTC unless it has an offset. A day given to --to ends the range at the
// end of that day.
std::optional<QDateTime> parseTime(const QString &text, bool endOfRange)
{
    static const QRegularExpression dayPattern(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    const QString trimmed = text.trimmed();
    if (dayPattern.match(trimmed).hasMatch()) {
        const QDate day = QDate::fromString(trimmed, Qt::ISODate);
        if (!day.isValid())
            return std::nullopt;
        return QDateTime(endOfRange ? day.addDays(1) : day, QTime(0, 0), QTimeZone::utc());
    }

    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid() || !trimmed.contains(u'T'))
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    return time.toUTC();
}

std::optional<Gateway::UsagePeriod> periodOf(const QString &by)
{
    if (by == u"hour"_s)
        return Gateway::UsagePeriod::Hour;
    if (by == u"day"_s)
        return Gateway::UsagePeriod::Day;
    if (by == u"month"_s)
        return Gateway::UsagePeriod::Month;
    return std::nullopt;
}

QList<QCommandLineOption> optionsOf(const CommandSupport &support)
{
    return {
        support.dataDirOption(),
        QCommandLineOption(u"user"_s, UsageCommand::tr("Only this user's requests."), UsageCommand::tr("name")),
        QCommandLineOption(u"model"_s, UsageCommand::tr("Only requests for this model, as logged (e.g. llama3.2:3b)."),
                           UsageCommand::tr("name")),
        QCommandLineOption(u"from"_s,
                           UsageCommand::tr("Start of the range: a UTC day (YYYY-MM-DD) or an ISO 8601 date-time. "
                                            "Default: %1 days before --to.").arg(defaultRangeDays),
                           UsageCommand::tr("date")),
        QCommandLineOption(u"to"_s,
                           UsageCommand::tr("End of the range: a UTC day (YYYY-MM-DD, included) or an ISO 8601 "
                                            "date-time (excluded). Default: the end of today (UTC)."),
                           UsageCommand::tr("date")),
        QCommandLineOption(u"by"_s, UsageCommand::tr("Period of each row: hour, day or month (UTC). Default: day."),
                           UsageCommand::tr("period")),
        QCommandLineOption(u"format"_s,
                           UsageCommand::tr("Output format: csv (RFC 4180, with a header row) or json. Required."),
                           UsageCommand::tr("format")),
        support.helpOption(),
    };
}

// Reads the range, period and filters; returns an exit code on bad input.
std::optional<int> filterOf(const CommandSupport &support, const QCommandLineParser &parser, const QDateTime &now,
                            Gateway::UsageFilter &filter, QTextStream &err)
{
    const QString by = parser.isSet(u"by"_s) ? parser.value(u"by"_s) : u"day"_s;
    const std::optional<Gateway::UsagePeriod> period = periodOf(by);
    if (!period) {
        return support.usageError(
            err, commandName, UsageCommand::tr("invalid value \"%1\" for --by: expected hour, day or month").arg(by));
    }
    filter.period = *period;

    const QDate today = now.toUTC().date();
    filter.to = QDateTime(today.addDays(1), QTime(0, 0), QTimeZone::utc());
    for (const QString &name : {u"from"_s, u"to"_s}) {
        if (!parser.isSet(name))
            continue;
        const std::optional<QDateTime> time = parseTime(parser.value(name), name == u"to"_s);
        if (!time) {
            return support.usageError(err, commandName,
                                      UsageCommand::tr("invalid value \"%1\" for --%2: expected a day such as "
                                                       "2025-03-31 or an ISO 8601 date-time such as "
                                                       "2025-03-31T14:00:00Z")
                                          .arg(parser.value(name), name));
        }
        // The finest rollups are hourly, so a time inside an hour could
        // only be rounded, and silently rounded figures mislead a script.
        if (time->time().minute() != 0 || time->time().second() != 0 || time->time().msec() != 0) {
            return support.usageError(err, commandName,
                                      UsageCommand::tr("invalid value \"%1\" for --%2: usage is kept per hour, so "
                                                       "a time must be on a whole hour, such as %3")
                                          .arg(parser.value(name), name,
                                               isoTime(QDateTime(time->date(), QTime(time->time().hour(), 0),
                                                                 QTimeZone::utc()))));
        }
        (name == u"from"_s ? filter.from : filter.to) = *time;
    }
    if (!parser.isSet(u"from"_s))
        filter.from = filter.to.addDays(-defaultRangeDays);
    if (filter.from >= filter.to) {
        return support.usageError(err, commandName,
                                  UsageCommand::tr("the range is empty: --from %1 is not before --to %2")
                                      .arg(isoTime(filter.from), isoTime(filter.to)));
    }

    filter.userName = parser.value(u"user"_s);
    filter.model = parser.value(u"model"_s);
    for (const QString &name : {u"user"_s, u"model"_s}) {
        if (parser.isSet(name) && parser.value(name).trimmed().isEmpty())
            return support.usageError(err, commandName, UsageCommand::tr("the value of --%1 must not be empty").arg(name));
    }
    return std::nullopt;
}

void printHelp(const CommandSupport &support, QTextStream &out, const QList<QCommandLineOption> &options)
{
    support.printHelp(out,
                      programName + u" usage --format csv|json [--data-dir DIR] [--user NAME] [--model NAME] "
                                    "[--from DATE] [--to DATE] [--by hour|day|month]"_s,
                      UsageCommand::tr("Prints requests, generations, errors by cause, tokens and latency "
                                       "percentiles per period, user and model, oldest first, from the usage "
                                       "rollups the console's charts show. Latency percentiles are estimates "
                                       "from histogram buckets. A running gateway may use the database meanwhile."),
                      options);
}

} // namespace

int UsageCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    return run(arguments, out, err, QDateTime::currentDateTimeUtc());
}

int UsageCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err, const QDateTime &now)
{
    const CommandSupport support(programName);
    const QList<QCommandLineOption> options = optionsOf(support);
    QCommandLineParser parser;
    parser.addOptions(options);

    const int exitCode = [&]() -> int {
        if (std::optional<int> failed = support.parse(parser, commandName, arguments, err))
            return *failed;
        if (parser.isSet(u"help"_s)) {
            printHelp(support, out, options);
            return CommandSupport::Success;
        }
        if (!parser.positionalArguments().isEmpty()) {
            return support.usageError(err, commandName,
                                      tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
        }

        if (!parser.isSet(u"format"_s))
            return support.usageError(err, commandName, tr("missing --format: use --format csv or --format json"));
        const QString format = parser.value(u"format"_s);
        if (format != u"csv"_s && format != u"json"_s) {
            return support.usageError(err, commandName,
                                      tr("invalid value \"%1\" for --format: expected csv or json").arg(format));
        }

        Gateway::UsageFilter filter;
        if (std::optional<int> failed = filterOf(support, parser, now, filter, err))
            return *failed;

        Gateway::StorageConfig config;
        config.dataDir = parser.isSet(u"data-dir"_s) ? parser.value(u"data-dir"_s)
                                                     : Gateway::StorageConfig::defaultDataDir();
        if (config.dataDir.trimmed().isEmpty())
            return support.usageError(err, commandName, tr("the value of --data-dir must not be empty"));
        Gateway::UsageQueries queries(config, programName + u'-' + commandName);
        if (Gateway::Result<Gateway::Done> opened = queries.open(); !opened)
            return support.reportError(err, commandName, opened.error());

        const Gateway::Result<QList<Gateway::UsageRow>> rows =
            queries.series(filter, Gateway::UsageSplit::ByUser | Gateway::UsageSplit::ByModel);
        if (!rows)
            return support.reportError(err, commandName, rows.error());

        const QString by = parser.isSet(u"by"_s) ? parser.value(u"by"_s) : u"day"_s;
        out << (format == u"csv"_s ? toCsv(rows.value()) : toJson(rows.value(), filter, by));
        return CommandSupport::Success;
    }();

    out.flush();
    err.flush();
    return exitCode;
}
