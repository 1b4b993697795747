// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabelTemplate.h"

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

std::optional<LabelTemplate> LabelTemplate::byName(const QString &name)
{
    const QString wanted = name.trimmed().toUpper();
    if (wanted == u"L7160"_s || wanted == u"J8160"_s)
        return l7160();
    if (wanted == u"5160"_s)
        return avery5160();
    return std::nullopt;
}

QStringList LabelTemplate::names()
{
    return {u"L7160"_s, u"5160"_s};
}

} // namespace Console
