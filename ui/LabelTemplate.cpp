// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabelTemplate.h"

#include <QRegularExpression>

#include <QSizeF>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

constexpr double mmPerInch = 25.4;

} // namespace

bool LabelTemplate::isValid() const
{
    const QSizeF paper = QPageSize(pageSize).size(QPageSize::Millimeter);
    const double right = leftMm + (columns - 1) * pitchXMm + labelWidthMm;
    const double bottom = topMm + (rows - 1) * pitchYMm + labelHeightMm;
    return columns > 0 && rows > 0 && labelWidthMm > 0 && labelHeightMm > 0 && pitchXMm >= labelWidthMm
        && pitchYMm >= labelHeightMm && leftMm >= 0 && topMm >= 0 && right <= paper.width() + 0.01
        && bottom <= paper.height() + 0.01;
}

LabelTemplate LabelTemplate::l7160()
{
    // 2.54 mm between columns, none between rows; the grid is centred on A4.
    LabelTemplate sheet;
    sheet.name = u"L7160"_s;
    sheet.pageSize = QPageSize::A4;
    sheet.columns = 3;
    sheet.rows = 7;
    sheet.labelWidthMm = 63.5;
    sheet.labelHeightMm = 38.1;
    sheet.pitchXMm = 66.04;
    sheet.pitchYMm = 38.1;
    sheet.leftMm = (210.0 - (2 * sheet.pitchXMm + sheet.labelWidthMm)) / 2;
    sheet.topMm = (297.0 - 7 * sheet.pitchYMm) / 2;
    return sheet;
}

LabelTemplate LabelTemplate::avery5160()
{
    // The glabels database's figures: 5/32 inch between columns, 1/2 inch
    // top margin, 5/32 inch left margin.
    LabelTemplate sheet;
    sheet.name = u"5160"_s;
    sheet.pageSize = QPageSize::Letter;
    sheet.columns = 3;
    sheet.rows = 10;
    sheet.labelWidthMm = 2.625 * mmPerInch;
    sheet.labelHeightMm = 1.0 * mmPerInch;
    sheet.pitchXMm = 2.78125 * mmPerInch;
    sheet.pitchYMm = 1.0 * mmPerInch;
    sheet.leftMm = 0.15625 * mmPerInch;
    sheet.topMm = 0.5 * mmPerInch;
    return sheet;
}

LabelTemplate LabelTemplate::grid(int columns, int rows, QPageSize::PageSizeId pageSize)
{
    constexpr double marginMm = 10;
    constexpr double gutterMm = 2;

    const QSizeF paper = QPageSize(pageSize).size(QPageSize::Millimeter);
    LabelTemplate sheet;
    sheet.name = u"grid:%1x%2:%3"_s.arg(columns).arg(rows).arg(pageSize == QPageSize::Letter ? u"letter"_s : u"a4"_s);
    sheet.pageSize = pageSize;
    sheet.columns = columns;
    sheet.rows = rows;
    sheet.leftMm = marginMm;
    sheet.topMm = marginMm;
    sheet.pitchXMm = (paper.width() - 2 * marginMm + gutterMm) / qMax(1, columns);
    sheet.pitchYMm = (paper.height() - 2 * marginMm + gutterMm) / qMax(1, rows);
    sheet.labelWidthMm = sheet.pitchXMm - gutterMm;
    sheet.labelHeightMm = sheet.pitchYMm - gutterMm;
    return sheet;
}

std::optional<LabelTemplate> LabelTemplate::byName(const QString &name)
{
    const QString wanted = name.trimmed().toUpper();
    if (wanted == u"L7160"_s || wanted == u"J8160"_s)
        return l7160();
    if (wanted == u"5160"_s)
        return avery5160();

    // A QR code with its text needs about 20 mm, so smaller grids are refused.
    static const QRegularExpression gridPattern(u"^GRID:([0-9]{1,2})X([0-9]{1,2})(?::(A4|LETTER))?$"_s);
    const QRegularExpressionMatch match = gridPattern.match(wanted);
    if (!match.hasMatch())
        return std::nullopt;
    const int columns = match.captured(1).toInt();
    const int rows = match.captured(2).toInt();
    const QPageSize::PageSizeId page = match.captured(3) == u"LETTER"_s ? QPageSize::Letter : QPageSize::A4;
    if (columns < 1 || rows < 1)
        return std::nullopt;
    const LabelTemplate sheet = grid(columns, rows, page);
    if (!sheet.isValid() || sheet.labelWidthMm < 20 || sheet.labelHeightMm < 20)
        return std::nullopt;
    return sheet;
}

QStringList LabelTemplate::names()
{
    return {u"L7160"_s, u"5160"_s};
}

} // namespace Console
