// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayController.h"

#include <QWidget>

class QLabel;

namespace Console {

// The permanent part of the main window's status bar: where the gateway
// listens, whether Ollama answers, and the current request rate.
class StatusBarWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBarWidget)

public:
    enum class Health { Unknown, Reachable, Unreachable };
    Q_ENUM(Health)

    explicit StatusBarWidget(QWidget *parent = nullptr);
    ~StatusBarWidget() override;

    QString listenText() const;
    QString upstreamText() const; // the full text, before eliding
    Health upstreamHealth() const;
    QString statsText() const;

public Q_SLOTS:
    void setGatewayState(Gateway::GatewayController::State state);
    void setListenUrl(const QString &url);
    void setUpstreamHealth(bool reachable, const QString &version, const QString &error);
    void setStats(const Gateway::GatewayStats &stats);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void showUpstream(Health health, const QString &text);
    void updateUpstreamLabel();
    void clearStats();

    QLabel *m_listen = nullptr;
    QLabel *m_dot = nullptr;
    QLabel *m_upstream = nullptr;
    QLabel *m_stats = nullptr;
    QString m_listenUrl;
    QString m_upstreamText;
    Health m_health = Health::Unknown;
};

} // namespace Console
