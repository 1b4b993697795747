// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageRow.h"

#include <QChartView>
#include <QDateTime>
#include <QString>
#include <QStringList>

class QAbstractSeries;
class QBarCategoryAxis;
class QBarSet;
class QDateTimeAxis;
class QValueAxis;
class QXYSeries;

namespace Console {

// The chart widget of every console chart: a QChart with a legend, axes
// titled with their unit, tooltips with the exact value and period of the
// hovered point or bar, a theme that follows the application palette (light
// or dark), and "Save as PNG…" in its context menu.
//
// A chart is either over time (a QDateTimeAxis at the bottom, for XY series)
// or over categories (a QBarCategoryAxis, for bar series). Call
// setTimeAxis() or setCategories() first, then addSeries(); the view takes
// ownership of the series. Values go on the left axis, or on a right axis
// set up with setSecondaryValueAxis().
class UsageChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageChartView)

public:
    enum class ValueAxis { Primary, Secondary };

    explicit UsageChartView(QWidget *parent = nullptr);
    ~UsageChartView() override;

    void setTitle(const QString &title);

    // Makes the chart one over time from `from` to `to`, with one point per
    // `period` (used for the tooltip's period text). The label format
    // follows the range: "HH:mm" up to two days, "dd MMM" up to about three
    // months, "MMM yyyy" beyond.
    void setTimeAxis(const QDateTime &from, const QDateTime &to, Gateway::UsagePeriod period);
    // Makes the chart one over categories (bars), e.g. model names.
    void setCategories(const QStringList &categories, const QString &axisTitle = QString());

    // title names the axis with its unit, e.g. tr("Requests per minute");
    // unit follows values in tooltips, e.g. tr("requests") or u"ms"_s.
    void setValueAxis(const QString &title, const QString &unit, int decimals = 0);
    void setSecondaryValueAxis(const QString &title, const QString &unit, int decimals = 0);

    // Attaches series (QXYSeries on a time chart, QAbstractBarSeries on a
    // category chart) to the axes, and its hover signals to the tooltips.
    // The view owns the series from then on.
    void addSeries(QAbstractSeries *series, ValueAxis axis = ValueAxis::Primary);
    // Removes and deletes every series; axes and their titles stay.
    void clearSeries();

    // Sets the value axes to 0 .. a round maximum above the series' largest
    // value, with round ticks (1, 2 or 5 times a power of ten). Call after
    // the series data changed.
    void fitValueAxes();

    // Saves the chart as PNG, at the widget's size when size is empty.
    // Returns false when the file cannot be written.
    bool savePng(const QString &path, QSize size = QSize()) const;
    QImage renderImage(QSize size = QSize()) const;

    // Text of the tooltip for a point of an XY series, or a bar of a set;
    // hovering shows exactly this.
    QString toolTipForPoint(const QXYSeries *series, const QPointF &point) const;
    QString toolTipForBar(const QBarSet *set, int index) const;
    // The text last shown on hover, empty once the pointer left.
    QString currentToolTip() const { return m_currentToolTip; }

    // Label format of the time axis for a range of rangeMs milliseconds.
    static QString dateTimeFormatFor(qint64 rangeMs);
    // Ticks of the time axis for a range of rangeMs cut into periods.
    static int tickCountFor(qint64 rangeMs, Gateway::UsagePeriod period);
    // Text of a period start, e.g. "3 Mar 2025, 14:00–15:00" for an hour.
    static QString periodText(const QDateTime &start, Gateway::UsagePeriod period);

    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QBarCategoryAxis *categoryAxis() const { return m_categoryAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }
    QValueAxis *secondaryValueAxis() const { return m_secondaryAxis; }

protected:
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct AxisUnit
    {
        QString unit;
        int decimals = 0;
    };

    void applyPalette();
    void removeCategoryAxis();
    void removeTimeAxis();
    QValueAxis *createValueAxis(Qt::Alignment alignment);
    void connectHover(QAbstractSeries *series);
    void showToolTip(const QString &text);
    void hideToolTip();
    void askForPngPath();
    bool isOnSecondaryAxis(const QAbstractSeries *series) const;
    QString valueText(double value, const QAbstractSeries *series) const;

    QDateTimeAxis *m_timeAxis = nullptr;
    QBarCategoryAxis *m_categoryAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QValueAxis *m_secondaryAxis = nullptr;
    AxisUnit m_primaryUnit;
    AxisUnit m_secondaryUnit;
    Gateway::UsagePeriod m_period = Gateway::UsagePeriod::Hour;
    QString m_currentToolTip;
};

} // namespace Console
