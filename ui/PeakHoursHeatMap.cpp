// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeakHoursHeatMap.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QHelpEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QLoggingCategory>
#include <QMenu>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcHeatMap, "soulfra.ui.peakhoursheatmap")

constexpr int days = 7;
constexpr int hours = 24;
constexpr int spacing = 6;     // px between labels, grid and scale
constexpr int scaleHeight = 12; // px of the colour scale's bar

// Share of the highlight colour in the palest non-empty cell, so a cell
// with a single request is visibly different from an empty one.
constexpr double minimumShare = 0.15;

QColor blend(const QColor &from, const QColor &to, double share)
{
    const double keep = 1.0 - share;
    return QColor::fromRgbF(float(from.redF() * keep + to.redF() * share),
                            float(from.greenF() * keep + to.greenF() * share),
                            float(from.blueF() * keep + to.blueF() * share));
}

QColor textColorOn(const QColor &background)
{
    return qGray(background.rgb()) < 128 ? QColor(Qt::white) : QColor(Qt::black);
}

} // namespace

PeakHoursHeatMap::PeakHoursHeatMap(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Requests by weekday and hour"));
}

void PeakHoursHeatMap::setPeakHours(const Gateway::PeakHours &peakHours)
{
    m_peakHours = peakHours;
    m_maximum = 0;
    for (const auto &day : m_peakHours.requests)
        m_maximum = std::max(m_maximum, *std::max_element(day.begin(), day.end()));
    update();
}

const Gateway::PeakHours &PeakHoursHeatMap::peakHours() const
{
    return m_peakHours;
}

qint64 PeakHoursHeatMap::count(int weekday, int hour) const
{
    if (weekday < 0 || weekday >= days || hour < 0 || hour >= hours)
        return 0;
    return m_peakHours.requests[size_t(weekday)][size_t(hour)];
}

qint64 PeakHoursHeatMap::maximum() const
{
    return m_maximum;
}

QSize PeakHoursHeatMap::sizeHint() const
{
    return {labelWidth() + hours * 32, fontMetrics().height() * 3 + days * 26 + scaleHeight + 2 * spacing};
}

QSize PeakHoursHeatMap::minimumSizeHint() const
{
    return {labelWidth() + hours * 12, fontMetrics().height() * 3 + days * 12 + scaleHeight + 2 * spacing};
}

int PeakHoursHeatMap::labelWidth() const
{
    const QLocale locale;
    int width = 0;
    for (int day = 1; day <= days; ++day)
        width = std::max(width, fontMetrics().horizontalAdvance(locale.dayName(day, QLocale::ShortFormat)));
    return width + spacing;
}

PeakHoursHeatMap::Geometry PeakHoursHeatMap::geometry() const
{
    // Hour labels above the grid; the scale and its labels below it.
    const int lineHeight = fontMetrics().height();
    const QRect area = rect().adjusted(spacing, spacing, -spacing, -spacing);
    const int left = area.left() + labelWidth();
    const int top = area.top() + lineHeight + spacing / 2;
    const int bottomReserve = spacing + scaleHeight + lineHeight;

    Geometry result;
    result.grid = QRect(QPoint(left, top), QPoint(area.right(), std::max(top + days, area.bottom() - bottomReserve)));
    result.cellWidth = double(result.grid.width()) / hours;
    result.cellHeight = double(result.grid.height()) / days;
    result.scale = QRect(left, result.grid.bottom() + spacing, std::min(result.grid.width(), 240), scaleHeight);
    return result;
}

QRect PeakHoursHeatMap::cellRect(int weekday, int hour) const
{
    const Geometry g = geometry();
    const int x0 = g.grid.left() + int(hour * g.cellWidth);
    const int x1 = g.grid.left() + int((hour + 1) * g.cellWidth);
    const int y0 = g.grid.top() + int(weekday * g.cellHeight);
    const int y1 = g.grid.top() + int((weekday + 1) * g.cellHeight);
    return QRect(QPoint(x0, y0), QPoint(x1 - 1, y1 - 1));
}

QColor PeakHoursHeatMap::colorFor(qint64 value) const
{
    const QColor base = palette().color(QPalette::Base);
    if (value <= 0 || m_maximum <= 0)
        return base;
    const double share = minimumShare + (1.0 - minimumShare) * double(value) / double(m_maximum);
    return blend(base, palette().color(QPalette::Highlight), share);
}

QString PeakHoursHeatMap::toolTipAt(const QPoint &pos) const
{
    const Geometry g = geometry();
    if (!g.grid.contains(pos))
        return {};

    const int hour = std::clamp(int((pos.x() - g.grid.left()) / g.cellWidth), 0, hours - 1);
    const int weekday = std::clamp(int((pos.y() - g.grid.top()) / g.cellHeight), 0, days - 1);
    const QLocale locale;
    //: %1 weekday, %2 and %3 start and end hour such as 14:00, %4 number of requests
    return tr("%1 %2–%3: %4 requests")
        .arg(locale.dayName(weekday + 1, QLocale::LongFormat), locale.toString(QTime(hour, 0), QLocale::ShortFormat),
             hour == 23 ? locale.toString(QTime(23, 59), QLocale::ShortFormat)
                        : locale.toString(QTime(hour + 1, 0), QLocale::ShortFormat),
             locale.toString(count(weekday, hour)));
}

bool PeakHoursHeatMap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void PeakHoursHeatMap::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const Geometry g = geometry();

    paintLabels(painter, g);
    paintCells(painter, g);
    paintScale(painter, g);
}

void PeakHoursHeatMap::paintLabels(QPainter &painter, const Geometry &g) const
{
    const QLocale locale;
    painter.setPen(palette().color(QPalette::WindowText));

    for (int day = 0; day < days; ++day) {
        const QRect cell = cellRect(day, 0);
        const QRect label(rect().left() + spacing, cell.top(), labelWidth() - spacing, cell.height());
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, locale.dayName(day + 1, QLocale::ShortFormat));
    }

    // Every hour when the labels fit, else every third.
    const int widest = fontMetrics().horizontalAdvance(u"23"_s) + 4;
    const int step = g.cellWidth >= widest ? 1 : 3;
    const int lineHeight = fontMetrics().height();
    for (int hour = 0; hour < hours; hour += step) {
        const QRect cell = cellRect(0, hour);
        const QRect label(cell.left(), g.grid.top() - lineHeight - spacing / 2, cell.width(), lineHeight);
        painter.drawText(label, Qt::AlignCenter, QString::number(hour));
    }
}

void PeakHoursHeatMap::paintCells(QPainter &painter, const Geometry &) const
{
    const QLocale locale;
    const QColor grid = palette().color(QPalette::Mid);

    for (int day = 0; day < days; ++day) {
        for (int hour = 0; hour < hours; ++hour) {
            const QRect cell = cellRect(day, hour);
            const qint64 value = count(day, hour);
            const QColor fill = colorFor(value);
            painter.fillRect(cell, fill);
            painter.setPen(grid);
            painter.drawRect(cell);

            // The exact count only where it fits; the tooltip has it always.
            const QString text = locale.toString(value);
            if (value > 0 && fontMetrics().horizontalAdvance(text) + 4 <= cell.width()
                && fontMetrics().height() <= cell.height()) {
                painter.setPen(textColorOn(fill));
                painter.drawText(cell, Qt::AlignCenter, text);
            }
        }
    }
}

void PeakHoursHeatMap::paintScale(QPainter &painter, const Geometry &g) const
{
    const QLocale locale;
    QLinearGradient gradient(g.scale.topLeft(), g.scale.topRight());
    gradient.setColorAt(0, palette().color(QPalette::Base));
    gradient.setColorAt(1, palette().color(QPalette::Highlight));
    painter.fillRect(g.scale, gradient);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(g.scale);

    painter.setPen(palette().color(QPalette::WindowText));
    const int lineHeight = fontMetrics().height();
    const QRect below(g.scale.left(), g.scale.bottom() + 1, g.scale.width(), lineHeight);
    painter.drawText(below, Qt::AlignLeft | Qt::AlignTop, locale.toString(0));
    painter.drawText(below, Qt::AlignRight | Qt::AlignTop, locale.toString(m_maximum));
    const QRect caption(g.scale.right() + spacing, g.scale.top() - lineHeight / 2 + scaleHeight / 2,
                        std::max(0, g.grid.right() - g.scale.right() - spacing), lineHeight);
    painter.drawText(caption, Qt::AlignLeft | Qt::AlignVCenter, tr("requests per hour, summed over the range"));
}

bool PeakHoursHeatMap::savePng(const QString &path)
{
    const bool saved = grab().save(path, "PNG");
    if (!saved)
        qCWarning(lcHeatMap).noquote() << "cannot write the heat map to" << path;
    return saved;
}

void PeakHoursHeatMap::contextMenuEvent(QContextMenuEvent *event)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Save as PNG…"), this, &PeakHoursHeatMap::askForPngPath);
    menu->popup(event->globalPos());
}

void PeakHoursHeatMap::askForPngPath()
{
    auto *dialog = new QFileDialog(this, tr("Save heat map as PNG"), QString(), tr("PNG images (*.png)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"png"_s);
    dialog->selectFile(tr("peak-hours.png"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { savePng(path); });
    dialog->open();
}

} // namespace Console
