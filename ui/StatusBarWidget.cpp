// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatusBarWidget.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

// Widest the upstream text may grow before it is elided, in average
// characters, so a long error message does not push the other fields away.
constexpr int MaxUpstreamChars = 60;

QColor dotColor(StatusBarWidget::Health health, const QPalette &palette)
{
    // The only fixed colours in the console: a traffic-light dot reads the
    // same in light and dark palettes, and the text beside it states the health too.
    switch (health) {
    case StatusBarWidget::Health::Reachable:
        return QColor(0x2e, 0xa0, 0x43);
    case StatusBarWidget::Health::Unreachable:
        return QColor(0xd7, 0x3a, 0x31);
    case StatusBarWidget::Health::Unknown:
        break;
    }
    return palette.color(QPalette::Disabled, QPalette::WindowText);
}

QPixmap dotPixmap(const QColor &color, int size, qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);

    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pixmap;
}

QFrame *createSeparator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

} // namespace

StatusBarWidget::StatusBarWidget(QWidget *parent)
    : QWidget(parent)
    , m_listen(new QLabel(this))
    , m_dot(new QLabel(this))
    , m_upstream(new QLabel(this))
    , m_stats(new QLabel(this))
{
    m_listen->setObjectName(u"listenLabel"_s);
    m_listen->setTextFormat(Qt::PlainText);
    m_listen->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_upstream->setObjectName(u"upstreamLabel"_s);
    m_upstream->setTextFormat(Qt::PlainText);
    m_stats->setObjectName(u"statsLabel"_s);
    m_stats->setTextFormat(Qt::PlainText);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_listen);
    layout->addWidget(createSeparator(this));
    layout->addWidget(m_dot);
    layout->addWidget(m_upstream);
    layout->addWidget(createSeparator(this));
    layout->addWidget(m_stats);
    layout->addStretch(1);

    setGatewayState(Gateway::GatewayController::State::Stopped);
}

StatusBarWidget::~StatusBarWidget() = default;

QString StatusBarWidget::listenText() const
{
    return m_listen->text();
}

QString StatusBarWidget::upstreamText() const
{
    return m_upstreamText;
}

StatusBarWidget::Health StatusBarWidget::upstreamHealth() const
{
    return m_health;
}

QString StatusBarWidget::statsText() const
{
    return m_stats->text();
}

void StatusBarWidget::setGatewayState(Gateway::GatewayController::State state)
{
    using State = Gateway::GatewayController::State;

    switch (state) {
    case State::Stopped:
        m_listenUrl.clear();
        m_listen->setText(tr("Gateway stopped"));
        showUpstream(Health::Unknown, tr("Ollama not checked"));
        clearStats();
        break;
    case State::Starting:
        m_listen->setText(tr("Gateway starting…"));
        break;
    case State::Running:
        if (!m_listenUrl.isEmpty())
            m_listen->setText(tr("Listening on %1").arg(m_listenUrl));
        break;
    case State::Stopping:
        m_listen->setText(tr("Gateway stopping…"));
        break;
    }
}

void StatusBarWidget::setListenUrl(const QString &url)
{
    m_listenUrl = url;
    m_listen->setText(tr("Listening on %1").arg(url));
}

void StatusBarWidget::setUpstreamHealth(bool reachable, const QString &version, const QString &error)
{
    if (reachable)
        showUpstream(Health::Reachable, tr("Ollama %1 reachable").arg(version));
    else
        showUpstream(Health::Unreachable, tr("Ollama unreachable: %1").arg(error));
}

void StatusBarWidget::setStats(const Gateway::GatewayStats &stats)
{
    const QLocale locale;
    m_stats->setText(tr("%1 requests/s, %2 in flight")
                         .arg(locale.toString(stats.requestsPerSecond, 'f', 1), locale.toString(stats.inFlight)));
}

void StatusBarWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        updateUpstreamLabel();
}

void StatusBarWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateUpstreamLabel();
}

void StatusBarWidget::showUpstream(Health health, const QString &text)
{
    m_health = health;
    m_upstreamText = text;
    updateUpstreamLabel();
}

void StatusBarWidget::updateUpstreamLabel()
{
    const int size = fontMetrics().height() * 2 / 3;
    m_dot->setPixmap(dotPixmap(dotColor(m_health, palette()), size, devicePixelRatio()));

    const int maxWidth = fontMetrics().averageCharWidth() * MaxUpstreamChars;
    const QString elided = fontMetrics().elidedText(m_upstreamText, Qt::ElideRight, maxWidth);
    m_upstream->setText(elided);

    // Qt::convertFromPlainText escapes the text, because a tooltip would
    // otherwise render HTML found in an error message.
    m_upstream->setToolTip(elided == m_upstreamText ? QString() : Qt::convertFromPlainText(m_upstreamText));
}

void StatusBarWidget::clearStats()
{
    m_stats->setText(tr("No traffic"));
}

} // namespace Console
