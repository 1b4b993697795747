// SPDX-License-Identifier: GPL-3.0-or-later
#include "CoarseRollups.h"

#include "ErrorCounts.h"
#include "LatencyHistogram.h"

#include <QDebug>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

QStringList measureColumns()
{
    QStringList columns{u"requests"_s, u"generations"_s};
    for (int cause = 0; cause < Gateway::ErrorCounts::causeCount; ++cause)
        columns.append(u"errors_"_s + Gateway::ErrorCounts::nameOf(Gateway::ErrorCause(cause)));
    columns << u"prompt_tokens"_s << u"completion_tokens"_s << u"request_bytes"_s << u"response_bytes"_s
            << u"latency_ms_sum"_s;
    for (int bucket = 0; bucket < Gateway::LatencyHistogram::bucketCount; ++bucket)
        columns.append(u"lat_"_s + QString::number(bucket));
    for (int bucket = 0; bucket < Gateway::LatencyHistogram::bucketCount; ++bucket)
        columns.append(u"ttft_"_s + QString::number(bucket));
    return columns;
}

QStringList refreshStatements()
{
    const QStringList columns = measureColumns();
    QStringList sums;
    for (const QString &column : columns)
        sums.append(u"SUM("_s + column + u')');

    struct Coarse
    {
        QString table;
        QString keys;
        QString detailed;
    };
    const QList<Coarse> tables{
        {u"usage_hourly_totals"_s, u"hour, model, tier"_s, u"usage_hourly"_s},
        {u"usage_daily_totals"_s, u"day, model, tier"_s, u"usage_daily"_s},
        {u"usage_hourly_users"_s, u"hour, user_name, tier"_s, u"usage_hourly"_s},
        {u"usage_daily_users"_s, u"day, user_name, tier"_s, u"usage_daily"_s},
    };
    QStringList statements;
    for (const Coarse &coarse : tables) {
        statements.append(u"DELETE FROM "_s + coarse.table);
        statements.append(u"INSERT INTO "_s + coarse.table + u" ("_s + coarse.keys + u", "_s + columns.join(u", "_s)
                          + u") SELECT "_s + coarse.keys + u", "_s + sums.join(u", "_s) + u" FROM "_s
                          + coarse.detailed + u" GROUP BY "_s + coarse.keys);
    }
    statements.append(u"DELETE FROM usage_topics_daily_totals"_s);
    statements.append(u"INSERT INTO usage_topics_daily_totals (day, kind, name, source, requests)"
                      " SELECT day, kind, name, source, SUM(requests) FROM usage_topics_daily"
                      " GROUP BY day, kind, name, source"_s);
    return statements;
}

} // namespace

namespace CoarseRollups {

bool refresh(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    for (const QString &statement : refreshStatements()) {
        if (!query.exec(statement)) {
            qWarning().noquote() << "refreshing the coarse rollups failed:" << statement << query.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace CoarseRollups
