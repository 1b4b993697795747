// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageService.h"

#include <QLoggingCategory>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcUsageService, "soulfra.gateway.usageservice")

std::atomic<quint64> serviceCounter{0};

} // namespace

UsageService::UsageService(StorageConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_thread.setObjectName(u"usage-queries"_s);
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority); // charts must never slow the gateway down
}

UsageService::~UsageService()
{
    // The connection must be closed on the thread that opened it.
    QMetaObject::invokeMethod(m_threadContext, [this] { m_queries.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_threadContext; // safe once its thread has ended
}

void UsageService::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_threadContext, std::move(job), Qt::QueuedConnection);
}

Result<Done> UsageService::openedQueries()
{
    if (m_queries)
        return Done{};

    auto queries = std::make_unique<UsageQueries>(m_config, u"usage-service-%1"_s.arg(++serviceCounter));
    if (Result<Done> opened = queries->open(); !opened) {
        // Not kept, so the next query tries again: the gateway may create or
        // migrate the database meanwhile.
        qCWarning(lcUsageService).noquote() << "cannot open the usage rollups:" << opened.error().message();
        return opened;
    }
    m_queries = std::move(queries);
    return Done{};
}

} // namespace Gateway
