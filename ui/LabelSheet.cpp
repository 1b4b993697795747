// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabelSheet.h"

#include <QFont>
#include <QFontMetricsF>
#include <QLoggingCategory>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcLabelSheet, "soulfra.ui.labelsheet")

constexpr int pdfDotsPerInch = 600;
constexpr double paddingMm = 1.5;
constexpr double gapMm = 2.0;
constexpr double maxQrSideMm = 30.0;
constexpr double minCodePoints = 5.0;

} // namespace

void LabelSheet::paintLabel(QPainter &painter, const QRectF &box, double dotsPerMm, const Label &label,
                            const QrCode &code, bool outline)
{
    if (outline) {
        painter.save();
        painter.setPen(QPen(Qt::lightGray, 0.1 * dotsPerMm));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(box, 2 * dotsPerMm, 2 * dotsPerMm);
        painter.restore();
    }

    // The QR code fills the label's height up to 30 mm (0.7 to 0.8 mm
    // modules for a claim URL, ample for phones); the text takes the rest.
    const double padding = paddingMm * dotsPerMm;
    const double side = qMin(box.height() - 2 * padding, maxQrSideMm * dotsPerMm);
    const double top = box.top() + (box.height() - side) / 2;
    code.paint(painter, QRectF(box.left() + padding, top, side, side));

    const QRectF text(box.left() + padding + side + gapMm * dotsPerMm, top,
                      box.width() - side - 2 * padding - gapMm * dotsPerMm, side);
    if (text.width() <= 0)
        return;

    // Small labels (5160 is 1 inch high) get smaller type.
    const bool small = box.height() < 30 * dotsPerMm;
    QFont titleFont(u"DejaVu Sans"_s);
    titleFont.setPointSizeF(small ? 7.5 : 10);
    titleFont.setBold(true);
    QFont codeFont(u"DejaVu Sans Mono"_s);
    codeFont.setStyleHint(QFont::Monospace);
    codeFont.setPointSizeF(small ? 8 : 10);

    painter.save();
    painter.setPen(Qt::black);
    // The code must be legible in full, so its type shrinks to fit the width.
    while (codeFont.pointSizeF() > minCodePoints
           && QFontMetricsF(codeFont, painter.device()).horizontalAdvance(label.codeText) > text.width()) {
        codeFont.setPointSizeF(codeFont.pointSizeF() - 0.5);
    }
    painter.setFont(codeFont);
    const double codeHeight = QFontMetricsF(codeFont, painter.device()).height();
    const QRectF codeRect(text.left(), text.bottom() - codeHeight, text.width(), codeHeight);
    painter.drawText(codeRect, Qt::AlignLeft | Qt::AlignVCenter, label.codeText);

    painter.setFont(titleFont);
    const QRectF titleRect(text.left(), text.top(), text.width(), text.height() - codeHeight - gapMm * dotsPerMm);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, label.title);
    painter.restore();
}

std::optional<int> LabelSheet::render(QPagedPaintDevice &device, const LabelTemplate &sheet, const QList<Label> &labels,
                                      const Options &options, QString *error)
{
    if (!sheet.isValid()) {
        if (error)
            *error = u"the label template %1 does not fit its paper"_s.arg(sheet.name);
        return std::nullopt;
    }

    QList<QrCode> codes;
    codes.reserve(labels.size());
    for (const Label &label : labels) {
        std::optional<QrCode> code = QrCode::encode(label.url, options.level);
        if (!code) {
            if (error)
                *error = u"cannot make a QR code of \"%1\""_s.arg(label.url);
            return std::nullopt;
        }
        codes.append(*code);
    }

    QPainter painter;
    if (!painter.begin(&device)) {
        if (error)
            *error = u"cannot paint on the output device"_s;
        return std::nullopt;
    }

    const double dotsPerMm = device.logicalDpiX() / 25.4;
    const int perPage = sheet.labelsPerPage();
    const int skip = qBound(0, options.skipLabels, perPage - 1);
    int pages = 1;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const qsizetype slot = i + skip;
        if (slot > 0 && slot % perPage == 0) {
            device.newPage();
            ++pages;
        }
        const int onPage = int(slot % perPage);
        const int column = onPage % sheet.columns;
        const int row = onPage / sheet.columns;
        const QRectF box((sheet.leftMm + column * sheet.pitchXMm + options.offsetXMm) * dotsPerMm,
                         (sheet.topMm + row * sheet.pitchYMm + options.offsetYMm) * dotsPerMm,
                         sheet.labelWidthMm * dotsPerMm, sheet.labelHeightMm * dotsPerMm);
        paintLabel(painter, box, dotsPerMm, labels.at(i), codes.at(i), options.outlines);
    }
    painter.end();
    qCDebug(lcLabelSheet) << "rendered" << labels.size() << "labels on" << pages << "pages of" << sheet.name;
    return pages;
}

std::optional<int> LabelSheet::writePdf(const QString &path, const LabelTemplate &sheet, const QList<Label> &labels,
                                        const Options &options, QString *error)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(sheet.pageSize));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    writer.setResolution(pdfDotsPerInch);
    writer.setTitle(u"Claim codes"_s);
    writer.setCreator(u"Soulfra Gateway"_s);
    return render(writer, sheet, labels, options, error);
}

} // namespace Console
