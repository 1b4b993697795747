// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageFixture.h"

#include "CoarseRollups.h"
#include "LatencyHistogram.h"

#include <QSqlError>
#include <QTimeZone>
#include <QSqlQuery>
#include <QtDebug>

#include <atomic>

using namespace Qt::StringLiterals;

namespace {

std::atomic<int> fixtureCounter{0};

constexpr qint64 hourMs = 3600 * 1000;
constexpr qint64 dayMs = 24 * hourMs;

// Empty dimensions are '' in the rollups; a null QString would bind NULL.
QString dimension(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

} // namespace

UsageFixture::UsageFixture(const QString &dataDir)
    : m_connectionName(u"usage-fixture-%1"_s.arg(++fixtureCounter))
{
    m_config.dataDir = dataDir;
    m_storage = Gateway::createStorage(m_config, m_connectionName + u"-storage"_s);
    if (auto opened = m_storage->open(); !opened) {
        qWarning().noquote() << "cannot create the test database:" << opened.error().message();
        return;
    }

    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_config.databasePath());
    m_valid = m_db.open();
    if (!m_valid)
        qWarning().noquote() << "cannot open the test database:" << m_db.lastError().text();
}

UsageFixture::~UsageFixture()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool UsageFixture::exec(const QString &statement, const QVariantList &values)
{
    QSqlQuery query(m_db);
    if (!query.prepare(statement)) {
        qWarning().noquote() << "cannot prepare" << statement << query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qWarning().noquote() << "cannot run" << statement << query.lastError().text();
        return false;
    }
    return true;
}

bool UsageFixture::upsert(const QString &table, const QString &periodColumn, qint64 period, const Sample &sample)
{
    const int bucket = Gateway::LatencyHistogram::bucketOf(sample.latencyMs);
    const QString lat = u"lat_"_s + QString::number(bucket);
    const QString statement =
        u"INSERT INTO %1 (%2, user_name, key_id, model, tier, requests, generations, errors_upstream, errors_limit,"
        " prompt_tokens, completion_tokens, latency_ms_sum, %3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT DO UPDATE SET requests = requests + excluded.requests,"
        " generations = generations + excluded.generations,"
        " errors_upstream = errors_upstream + excluded.errors_upstream,"
        " errors_limit = errors_limit + excluded.errors_limit,"
        " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
        " completion_tokens = completion_tokens + excluded.completion_tokens,"
        " latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum,"
        " %3 = %3 + excluded.%3"_s.arg(table, periodColumn, lat);
    return exec(statement, {period, dimension(sample.user), dimension(sample.key), dimension(sample.model),
                            dimension(sample.tier), sample.requests,
                            sample.generations, sample.upstreamErrors, sample.limitErrors, sample.promptTokens,
                            sample.completionTokens, sample.latencyMs * double(sample.requests), sample.requests});
}

bool UsageFixture::add(const Sample &sample)
{
    const qint64 at = sample.hour.toMSecsSinceEpoch();
    return upsert(u"usage_hourly"_s, u"hour"_s, at - at % hourMs, sample)
           && upsert(u"usage_daily"_s, u"day"_s, at - at % dayMs, sample) && CoarseRollups::refresh(m_db);
}

bool UsageFixture::addTopic(const QDate &day, const QString &user, const QString &kind, const QString &name,
                            const QString &source, qint64 requests)
{
    return exec(u"INSERT INTO usage_topics_daily (day, user_name, kind, name, source, requests)"
                " VALUES (?, ?, ?, ?, ?, ?)"_s,
                {QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch(), dimension(user), kind, name, source,
                 requests})
        && CoarseRollups::refresh(m_db);
}

bool UsageFixture::addAddress(const QDate &day, const QString &address, const QString &user, qint64 requests)
{
    return exec(u"INSERT INTO usage_addresses_daily (day, client_address, user_name, requests) VALUES (?, ?, ?, ?)"_s,
                {QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch(), address, dimension(user), requests});
}

bool UsageFixture::addUser(const QString &user, const QString &tier)
{
    Gateway::UserRecord record;
    record.name = user;
    record.tier = tier;
    if (auto saved = m_storage->saveUser(record); !saved) {
        qWarning().noquote() << "cannot save user" << user << saved.error().message();
        return false;
    }
    return true;
}
