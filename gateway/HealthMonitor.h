// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

namespace Gateway {

// Polls the upstream's GET /api/version and reports changes of reachability.
// Lives on a gateway thread; start() and stop() run there.
class HealthMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthMonitor)

public:
    HealthMonitor(QUrl upstream, int intervalMs, QObject *parent = nullptr);

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void healthChanged(bool reachable, const QString &version, const QString &error);

private:
    void poll();
    void report(bool reachable, const QString &version, const QString &error);

    QUrl m_upstream;
    int m_intervalMs;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    bool m_pollInFlight = false;
    int m_lastState = -1; // -1 unknown, 0 unreachable, 1 reachable
    QString m_lastVersion;
};

} // namespace Gateway
