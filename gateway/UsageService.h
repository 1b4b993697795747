// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "StorageConfig.h"
#include "UsageQueries.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

namespace Gateway {

// Runs UsageQueries on a thread of its own, so the console requests charts
// without ever touching the database on the GUI thread.
//
// Queries run one at a time in the order requested. A query's answer is
// delivered on the thread of its context object, and dropped when the
// context is gone by then.
class UsageService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageService)

public:
    explicit UsageService(StorageConfig config, QObject *parent = nullptr);
    ~UsageService() override; // waits for the running query, drops the rest

    // The database the queries read; queries that need more of it (such as
    // operator settings) open their own connection with it.
    const StorageConfig &config() const { return m_config; }

    // Runs query(queries) on the service's thread, then done(result) on
    // context's thread. The database is opened before the first query; when
    // it cannot be, every query gets that error.
    template<typename T>
    void run(QObject *context, std::function<Result<T>(UsageQueries &)> query,
             std::function<void(const Result<T> &)> done)
    {
        QPointer<QObject> guard(context);
        post([this, guard, query = std::move(query), done = std::move(done)] {
            std::optional<Result<T>> result;
            if (Result<Done> opened = openedQueries(); !opened)
                result.emplace(opened.error());
            else
                result.emplace(query(*m_queries));
            if (!guard)
                return;
            QMetaObject::invokeMethod(
                guard.data(), [done, value = std::move(*result)] { done(value); }, Qt::QueuedConnection);
        });
    }

private:
    void post(std::function<void()> job);
    Result<Done> openedQueries(); // on the service thread

    StorageConfig m_config;
    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives on m_thread, receives the posted queries
    std::unique_ptr<UsageQueries> m_queries; // created, used and destroyed on m_thread
};

} // namespace Gateway
