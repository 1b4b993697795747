// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageQueries.h"

#include <QWidget>

namespace Console {

// Requests per weekday (rows, Monday first) and hour of day (columns) as a
// grid of cells whose colour grows from the palette's base colour to its
// highlight colour with the count. Tooltips give the exact count.
class PeakHoursHeatMap final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeakHoursHeatMap)

public:
    explicit PeakHoursHeatMap(QWidget *parent = nullptr);

    void setPeakHours(const Gateway::PeakHours &peakHours);
    const Gateway::PeakHours &peakHours() const;
    qint64 count(int weekday, int hour) const;
    qint64 maximum() const;

    // The cell of weekday (0 = Monday) and hour in widget coordinates.
    QRect cellRect(int weekday, int hour) const;
    // The tooltip text at pos, empty outside the cells.
    QString toolTipAt(const QPoint &pos) const;
    // Colour of a cell holding count, on the current palette.
    QColor colorFor(qint64 count) const;

    // Writes the widget as it is shown, at its current size.
    bool savePng(const QString &path);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct Geometry
    {
        QRect grid;      // the 24 × 7 cells
        QRect scale;     // the colour scale under the grid
        double cellWidth = 0;
        double cellHeight = 0;
    };

    Geometry geometry() const;
    int labelWidth() const;
    void paintLabels(QPainter &painter, const Geometry &geometry) const;
    void paintCells(QPainter &painter, const Geometry &geometry) const;
    void paintScale(QPainter &painter, const Geometry &geometry) const;
    void askForPngPath();

    Gateway::PeakHours m_peakHours;
    qint64 m_maximum = 0;
};

} // namespace Console
