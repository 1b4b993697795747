// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageChartView.h"

#include <QAbstractBarSeries>
#include <QAbstractSeries>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QContextMenuEvent>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QLegend>
#include <QLocale>
#include <QLoggingCategory>
#include <QMenu>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>
#include <QXYSeries>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcUsageChartView, "soulfra.ui.usagechartview")

constexpr qint64 msPerDay = 24LL * 3600 * 1000;

// A step of 1, 2 or 5 times a power of ten, at least roughStep.
double niceStep(double roughStep)
{
    if (roughStep <= 0)
        return 1;

    const double magnitude = std::pow(10.0, std::floor(std::log10(roughStep)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= roughStep * (1 - 1e-9))
            return factor * magnitude;
    }
    return 10 * magnitude;
}

// Sets axis to 0 .. a round maximum of at most about five intervals.
void fitAxis(QValueAxis *axis, double maximum, int decimals)
{
    const double minimumStep = decimals > 0 ? std::pow(10.0, -decimals) : 1.0;
    // An empty chart still gets a readable scale of five steps.
    if (maximum <= 0)
        maximum = 5 * minimumStep;
    const double step = std::max(niceStep(maximum / 5.0), minimumStep);
    const double top = std::max(step, std::ceil(maximum / step - 1e-9) * step);
    const int intervals = int(std::lround(top / step));

    axis->setRange(0, top);
    axis->setTickCount(intervals + 1);
    const int shownDecimals = step >= 1 ? 0 : std::max(decimals, int(std::ceil(-std::log10(step))));
    axis->setLabelFormat(shownDecimals == 0 ? u"%.0f"_s : u"%.%1f"_s.arg(shownDecimals));
}

double largestValue(const QAbstractSeries *series)
{
    double largest = 0;
    if (const auto *xy = qobject_cast<const QXYSeries *>(series)) {
        for (const QPointF &point : xy->points())
            largest = std::max(largest, point.y());
        return largest;
    }
    if (const auto *bars = qobject_cast<const QAbstractBarSeries *>(series)) {
        const bool stacked = bars->type() == QAbstractSeries::SeriesTypeStackedBar
            || bars->type() == QAbstractSeries::SeriesTypeHorizontalStackedBar;
        QList<double> sums;
        for (const QBarSet *set : bars->barSets()) {
            if (sums.size() < set->count())
                sums.resize(set->count());
            for (int i = 0; i < set->count(); ++i)
                sums[i] = stacked ? sums[i] + set->at(i) : std::max(sums[i], set->at(i));
        }
        for (const double sum : std::as_const(sums))
            largest = std::max(largest, sum);
    }
    return largest;
}

bool isHorizontalBars(const QAbstractSeries *series)
{
    switch (series->type()) {
    case QAbstractSeries::SeriesTypeHorizontalBar:
    case QAbstractSeries::SeriesTypeHorizontalStackedBar:
    case QAbstractSeries::SeriesTypeHorizontalPercentBar:
        return true;
    default:
        return false;
    }
}

} // namespace

UsageChartView::UsageChartView(QWidget *parent)
    : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);

    chart()->legend()->setVisible(true);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setAnimationOptions(QChart::NoAnimation); // live data replaces points every 2 s

    m_valueAxis = createValueAxis(Qt::AlignLeft);
    fitAxis(m_valueAxis, 0, 0);
    applyPalette();
}

UsageChartView::~UsageChartView() = default;

void UsageChartView::setTitle(const QString &title)
{
    chart()->setTitle(title);
}

void UsageChartView::setTimeAxis(const QDateTime &from, const QDateTime &to, Gateway::UsagePeriod period)
{
    removeCategoryAxis();
    m_period = period;

    if (!m_timeAxis) {
        m_timeAxis = new QDateTimeAxis(this);
        chart()->addAxis(m_timeAxis, Qt::AlignBottom);
        for (QAbstractSeries *series : chart()->series())
            series->attachAxis(m_timeAxis);
    }

    const qint64 rangeMs = from.msecsTo(to);
    m_timeAxis->setRange(from, to);
    m_timeAxis->setFormat(dateTimeFormatFor(rangeMs));
    m_timeAxis->setTitleText(rangeMs <= 2 * msPerDay ? tr("Time (local)") : tr("Date (local)"));
    m_timeAxis->setTickCount(tickCountFor(rangeMs, period));
}

int UsageChartView::tickCountFor(qint64 rangeMs, Gateway::UsagePeriod period)
{
    qint64 periodMs = 3600LL * 1000;
    switch (period) {
    case Gateway::UsagePeriod::Minute:
        periodMs = 60LL * 1000;
        break;
    case Gateway::UsagePeriod::Hour:
        break;
    case Gateway::UsagePeriod::Day:
        periodMs = msPerDay;
        break;
    case Gateway::UsagePeriod::Month:
        periodMs = 30 * msPerDay;
        break;
    }

    // Ticks on period boundaries where the count allows it: 24 hours get a
    // tick every 4 hours, 30 days one every 5 days. At most 8 intervals keep
    // "dd MMM" labels apart on a chart 400 px wide.
    const qint64 periods = std::max<qint64>(1, (rangeMs + periodMs / 2) / periodMs);
    for (qint64 intervals = 8; intervals >= 3; --intervals) {
        if (periods % intervals == 0)
            return int(intervals) + 1;
    }
    return int(std::min<qint64>(periods, 6)) + 1;
}

void UsageChartView::setCategories(const QStringList &categories, const QString &axisTitle)
{
    removeTimeAxis();

    if (!m_categoryAxis) {
        m_categoryAxis = new QBarCategoryAxis(this);
        m_categoryAxis->setLabelsAngle(0);
        const bool horizontal = !chart()->series().isEmpty() && isHorizontalBars(chart()->series().constFirst());
        chart()->addAxis(m_categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
        for (QAbstractSeries *series : chart()->series())
            series->attachAxis(m_categoryAxis);
    }

    m_categoryAxis->clear();
    m_categoryAxis->append(categories);
    m_categoryAxis->setTitleText(axisTitle);
    m_categoryAxis->setTitleVisible(!axisTitle.isEmpty());
}

void UsageChartView::setValueAxis(const QString &title, const QString &unit, int decimals)
{
    m_primaryUnit = {unit, decimals};
    m_valueAxis->setTitleText(title);
    fitValueAxes();
}

void UsageChartView::setSecondaryValueAxis(const QString &title, const QString &unit, int decimals)
{
    if (!m_secondaryAxis)
        m_secondaryAxis = createValueAxis(Qt::AlignRight);
    m_secondaryUnit = {unit, decimals};
    m_secondaryAxis->setTitleText(title);
    fitValueAxes();
}

QValueAxis *UsageChartView::createValueAxis(Qt::Alignment alignment)
{
    auto *axis = new QValueAxis(this);
    axis->setMinorTickCount(0);
    chart()->addAxis(axis, alignment);
    return axis;
}

void UsageChartView::addSeries(QAbstractSeries *series, ValueAxis axis)
{
    Q_ASSERT(series != nullptr);

    chart()->addSeries(series);
    if (m_timeAxis)
        series->attachAxis(m_timeAxis);

    if (m_categoryAxis) {
        // Horizontal bars put their categories on the left, values below.
        if (isHorizontalBars(series) && m_categoryAxis->alignment() != Qt::AlignLeft) {
            chart()->removeAxis(m_categoryAxis);
            chart()->addAxis(m_categoryAxis, Qt::AlignLeft);
            chart()->removeAxis(m_valueAxis);
            chart()->addAxis(m_valueAxis, Qt::AlignBottom);
        }
        series->attachAxis(m_categoryAxis);
    }

    QValueAxis *valueAxis = axis == ValueAxis::Secondary && m_secondaryAxis ? m_secondaryAxis : m_valueAxis;
    series->attachAxis(valueAxis);

    connectHover(series);
    fitValueAxes();
}

void UsageChartView::clearSeries()
{
    chart()->removeAllSeries();
    hideToolTip();
    fitValueAxes();
}

void UsageChartView::fitValueAxes()
{
    double primary = 0;
    double secondary = 0;
    for (const QAbstractSeries *series : chart()->series()) {
        double &largest = isOnSecondaryAxis(series) ? secondary : primary;
        largest = std::max(largest, largestValue(series));
    }

    fitAxis(m_valueAxis, primary, m_primaryUnit.decimals);
    if (m_secondaryAxis)
        fitAxis(m_secondaryAxis, secondary, m_secondaryUnit.decimals);
}

void UsageChartView::removeCategoryAxis()
{
    if (!m_categoryAxis)
        return;
    chart()->removeAxis(m_categoryAxis);
    delete m_categoryAxis;
    m_categoryAxis = nullptr;
}

void UsageChartView::removeTimeAxis()
{
    if (!m_timeAxis)
        return;
    chart()->removeAxis(m_timeAxis);
    delete m_timeAxis;
    m_timeAxis = nullptr;
}

QString UsageChartView::dateTimeFormatFor(qint64 rangeMs)
{
    if (rangeMs <= 2 * msPerDay)
        return u"HH:mm"_s;
    if (rangeMs <= 92 * msPerDay)
        return u"dd MMM"_s;
    return u"MMM yyyy"_s;
}

QString UsageChartView::periodText(const QDateTime &start, Gateway::UsagePeriod period)
{
    const QDateTime local = start.toLocalTime();
    const QLocale locale;
    const QString day = locale.toString(local.date(), u"d MMM yyyy"_s);

    switch (period) {
    case Gateway::UsagePeriod::Minute:
        return day % u", "_s % local.toString(u"HH:mm"_s);
    case Gateway::UsagePeriod::Hour:
        return day % u", "_s % local.toString(u"HH:mm"_s) % u"–"_s % local.addSecs(3600).toString(u"HH:mm"_s);
    case Gateway::UsagePeriod::Day:
        return locale.toString(local.date(), u"ddd d MMM yyyy"_s);
    case Gateway::UsagePeriod::Month:
        return locale.toString(local.date(), u"MMMM yyyy"_s);
    }
    return day;
}

bool UsageChartView::isOnSecondaryAxis(const QAbstractSeries *series) const
{
    if (!m_secondaryAxis || !series)
        return false;
    // attachedAxes() is not const in Qt 6.4, though it changes nothing.
    return const_cast<QAbstractSeries *>(series)->attachedAxes().contains(m_secondaryAxis);
}

QString UsageChartView::valueText(double value, const QAbstractSeries *series) const
{
    const AxisUnit &unit = isOnSecondaryAxis(series) ? m_secondaryUnit : m_primaryUnit;
    const QString number = QLocale().toString(value, 'f', unit.decimals);
    return unit.unit.isEmpty() ? number : tr("%1 %2", "value and unit").arg(number, unit.unit);
}

QString UsageChartView::toolTipForPoint(const QXYSeries *series, const QPointF &point) const
{
    if (!series || series->count() == 0)
        return {};

    // hovered() reports the pointer position, so the tooltip names the
    // nearest point on the x axis.
    const QList<QPointF> points = series->points();
    qsizetype nearest = 0;
    double bestDistance = std::numeric_limits<double>::max();
    for (qsizetype i = 0; i < points.size(); ++i) {
        const double distance = std::abs(points.at(i).x() - point.x());
        if (distance < bestDistance) {
            bestDistance = distance;
            nearest = i;
        }
    }
    const QPointF &target = points.at(nearest);

    QString where;
    if (m_timeAxis)
        where = periodText(QDateTime::fromMSecsSinceEpoch(qint64(target.x()), QTimeZone::utc()), m_period);
    else
        where = QLocale().toString(target.x());

    return tr("%1: %2\n%3", "series name, value, period").arg(series->name(), valueText(target.y(), series), where);
}

QString UsageChartView::toolTipForBar(const QBarSet *set, int index) const
{
    if (!set || index < 0 || index >= set->count())
        return {};

    const auto *series = qobject_cast<const QAbstractSeries *>(set->parent());
    const QString category = m_categoryAxis && index < m_categoryAxis->count() ? m_categoryAxis->at(index)
                                                                                 : QString::number(index + 1);
    const QString value = valueText(set->at(index), series);
    if (set->label().isEmpty())
        return tr("%1: %2", "category, value").arg(category, value);
    return tr("%1 — %2: %3", "bar set, category, value").arg(set->label(), category, value);
}

void UsageChartView::connectHover(QAbstractSeries *series)
{
    if (auto *xy = qobject_cast<QXYSeries *>(series)) {
        connect(xy, &QXYSeries::hovered, this, [this, xy](const QPointF &point, bool state) {
            if (state)
                showToolTip(toolTipForPoint(xy, point));
            else
                hideToolTip();
        });
        return;
    }

    if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
        connect(bars, &QAbstractBarSeries::hovered, this, [this](bool state, int index, QBarSet *set) {
            if (state)
                showToolTip(toolTipForBar(set, index));
            else
                hideToolTip();
        });
    }
}

void UsageChartView::showToolTip(const QString &text)
{
    m_currentToolTip = text;
    QToolTip::showText(QCursor::pos(), text, this);
}

void UsageChartView::hideToolTip()
{
    m_currentToolTip.clear();
    QToolTip::hideText();
}

void UsageChartView::applyPalette()
{
    // Window lightness below the middle means a dark palette.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart()->theme() != theme)
        chart()->setTheme(theme);

    // The themes draw a rounded frame of their own; the page around the
    // chart already frames it.
    chart()->setBackgroundRoundness(0);
    setBackgroundBrush(chart()->backgroundBrush());
}

void UsageChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void UsageChartView::contextMenuEvent(QContextMenuEvent *event)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *save = menu->addAction(tr("Save as PNG…"));
    save->setObjectName(u"savePngAction"_s);
    connect(save, &QAction::triggered, this, &UsageChartView::askForPngPath);
    menu->popup(event->globalPos());
    event->accept();
}

void UsageChartView::askForPngPath()
{
    // Not exec(): the console keeps refreshing while the dialog is open.
    auto *dialog = new QFileDialog(this, tr("Save Chart as PNG"), QString(), tr("PNG images (*.png)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"png"_s);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!savePng(path))
            QToolTip::showText(mapToGlobal(rect().center()), tr("Could not write %1.").arg(path), this);
    });
    dialog->open();
}

QImage UsageChartView::renderImage(QSize size) const
{
    auto *self = const_cast<UsageChartView *>(this); // resized and restored below, nothing else changes
    const QSize original = self->size();
    const bool resize = size.isValid() && !size.isEmpty() && size != original;

    if (resize)
        self->resize(size);
    const QImage image = self->grab().toImage();
    if (resize)
        self->resize(original);
    return image;
}

bool UsageChartView::savePng(const QString &path, QSize size) const
{
    const QImage image = renderImage(size);
    if (image.isNull() || !image.save(path, "PNG")) {
        qCWarning(lcUsageChartView).noquote() << "cannot write chart image" << path;
        return false;
    }
    return true;
}

} // namespace Console
