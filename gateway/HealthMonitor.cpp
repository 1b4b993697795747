// SPDX-License-Identifier: GPL-3.0-or-later
#include "HealthMonitor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcHealth, "soulfra.gateway.healthmonitor")

constexpr int requestTimeoutMs = 3000;

} // namespace

HealthMonitor::HealthMonitor(QUrl upstream, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_upstream(std::move(upstream))
    , m_intervalMs(intervalMs)
{
}

void HealthMonitor::start()
{
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        // The upstream is a fixed address; never follow it elsewhere.
        m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &HealthMonitor::poll);
    }

    m_timer->start();
    poll();
}

void HealthMonitor::stop()
{
    if (m_timer)
        m_timer->stop();
}

void HealthMonitor::poll()
{
    if (m_pollInFlight)
        return;
    m_pollInFlight = true;

    QUrl url = m_upstream;
    url.setPath(QStringLiteral("/api/version"));
    QNetworkRequest request(url);
    request.setTransferTimeout(requestTimeoutMs);
    request.setRawHeader("User-Agent", "soulfra-gateway-health");

    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_pollInFlight = false;

        if (reply->error() != QNetworkReply::NoError) {
            report(false, QString(), reply->errorString());
            return;
        }

        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        const QString version = body.value(QStringLiteral("version")).toString();
        if (version.isEmpty()) {
            report(false, QString(), QStringLiteral("/api/version returned no version"));
            return;
        }
        report(true, version, QString());
    });
}

void HealthMonitor::report(bool reachable, const QString &version, const QString &error)
{
    const int state = reachable ? 1 : 0;
    if (state == m_lastState && version == m_lastVersion)
        return;

    m_lastState = state;
    m_lastVersion = version;
    if (reachable)
        qCInfo(lcHealth) << "upstream" << m_upstream.toString() << "reachable, Ollama" << version;
    else
        qCWarning(lcHealth) << "upstream" << m_upstream.toString() << "unreachable:" << error;

    Q_EMIT healthChanged(reachable, version, error);
}

} // namespace Gateway
