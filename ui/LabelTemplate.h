// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPageSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace Console {

// The geometry of a sheet of labels, in millimetres from the paper's top
// left corner. Label makers' figures differ by about half a millimetre
// between sources and printers, which LabelSheet's offsets correct.
struct LabelTemplate
{
    QString name;
    QPageSize::PageSizeId pageSize = QPageSize::A4;
    int columns = 1;
    int rows = 1;
    double labelWidthMm = 0;
    double labelHeightMm = 0;
    double pitchXMm = 0; // left edge to left edge of neighbouring labels
    double pitchYMm = 0;
    double leftMm = 0;   // paper edge to the first label
    double topMm = 0;

    int labelsPerPage() const { return columns * rows; }
    bool isValid() const;

    // Avery L7160 (also J8160): A4, 3 x 7 labels of 63.5 x 38.1 mm.
    static LabelTemplate l7160();
    // Avery 5160: US Letter, 3 x 10 labels of 2.625 x 1 inch.
    static LabelTemplate avery5160();
    // A custom grid: columns x rows labels filling the page inside 10 mm
    // margins, with 2 mm between labels.
    static LabelTemplate grid(int columns, int rows, QPageSize::PageSizeId pageSize);
    // "L7160", "5160" or "grid:COLSxROWS[:a4|letter]" (A4 unless given),
    // case-insensitive; nullopt for anything else or a grid whose labels
    // would be smaller than 20 mm.
    static std::optional<LabelTemplate> byName(const QString &name);
    static QStringList names();
};

} // namespace Console
