// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RequestLogEntry.h"
#include "Result.h"
#include "UsageRow.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace Gateway {

class PreparedStatements;
class TopicDetector;

// The increments that a batch of request log rows adds to the usage rollup
// tables, summed per group in memory so that write() needs one UPSERT per
// group rather than one per row and table.
//
// Periods are UTC and start at whole minutes, hours and days since the epoch.
// Every row counts in requests; errors_* count it under ErrorCounts::causeOf.
// Topics count once per row and name: a language or framework the client
// named in context as 'context', and for a kind it did not name, every name
// the TopicDetector finds in the prompt as 'detected'.
class UsageRollup final
{
public:
    static constexpr qint64 minuteMs = 60 * 1000;
    static constexpr qint64 hourMs = 60 * minuteMs;
    static constexpr qint64 dayMs = 24 * hourMs;

    // Dimensions of one rollup row; the unused ones stay empty.
    struct GroupKey
    {
        qint64 period = 0;   // ms since the epoch, start of the minute, hour or day
        QString userName;
        QString keyId;
        QString model;
        QString tier;
        bool operator==(const GroupKey &other) const = default;
    };

    struct TopicKey
    {
        qint64 day = 0;
        QString userName;
        QString kind;    // "language" or "framework"
        QString name;
        QString source;  // "context" or "detected"
        bool operator==(const TopicKey &other) const = default;
    };

    struct AddressKey
    {
        qint64 day = 0;
        QString clientAddress;
        QString userName;
        bool operator==(const AddressKey &other) const = default;
    };

    // topics may be null: then only the context fields count as topics. It
    // must outlive the rollup.
    explicit UsageRollup(const TopicDetector *topics = nullptr);

    // Start of the period of length periodMs that contains ms, rounding down
    // also before the epoch.
    static qint64 periodStart(qint64 ms, qint64 periodMs);

    // Adds one row, whose startedAt must be valid. Storage stamps a row
    // without a start time with its write time before adding it here.
    void add(const RequestLogEntry &entry);
    void clear();
    bool isEmpty() const { return m_rows == 0; }
    qint64 rowCount() const { return m_rows; }

    const QHash<GroupKey, UsageRow> &hourly() const { return m_hourly; }
    const QHash<GroupKey, UsageRow> &daily() const { return m_daily; }
    const QHash<GroupKey, UsageRow> &minutely() const { return m_minutely; }
    // The coarse tables: per period, model and tier (userName and keyId
    // empty), and per period, user and tier (keyId and model empty).
    const QHash<GroupKey, UsageRow> &hourlyTotals() const { return m_hourlyTotals; }
    const QHash<GroupKey, UsageRow> &dailyTotals() const { return m_dailyTotals; }
    const QHash<GroupKey, UsageRow> &hourlyUsers() const { return m_hourlyUsers; }
    const QHash<GroupKey, UsageRow> &dailyUsers() const { return m_dailyUsers; }
    const QHash<TopicKey, qint64> &topics() const { return m_topics; }
    // Topics of all users: userName empty.
    const QHash<TopicKey, qint64> &topicTotals() const { return m_topicTotals; }
    const QHash<AddressKey, qint64> &addresses() const { return m_addresses; }

    // Adds the increments to the rollup tables of db, one UPSERT per group.
    // Runs inside the caller's transaction, which must be rolled back when
    // this fails.
    Result<Done> write(PreparedStatements &statements) const;

private:
    void addTopics(qint64 day, const QString &user, const RequestLogEntry &entry);
    void addTopic(TopicKey key);

    const TopicDetector *m_topicDetector = nullptr;
    qint64 m_rows = 0;
    QHash<GroupKey, UsageRow> m_hourly;
    QHash<GroupKey, UsageRow> m_daily;
    QHash<GroupKey, UsageRow> m_minutely;
    QHash<GroupKey, UsageRow> m_hourlyTotals;
    QHash<GroupKey, UsageRow> m_dailyTotals;
    QHash<GroupKey, UsageRow> m_hourlyUsers;
    QHash<GroupKey, UsageRow> m_dailyUsers;
    QHash<TopicKey, qint64> m_topics;
    QHash<TopicKey, qint64> m_topicTotals;
    QHash<AddressKey, qint64> m_addresses;
};

size_t qHash(const UsageRollup::GroupKey &key, size_t seed = 0);
size_t qHash(const UsageRollup::TopicKey &key, size_t seed = 0);
size_t qHash(const UsageRollup::AddressKey &key, size_t seed = 0);

} // namespace Gateway
