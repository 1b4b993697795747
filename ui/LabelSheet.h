// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LabelTemplate.h"
#include "QrCode.h"

#include <QList>
#include <QString>

class QPagedPaintDevice;
class QPainter;

namespace Console {

// Printable sheets of claim-code labels: on each label a QR code of the
// claim URL, the event name and the code as text for people who type it.
// The same painting serves QPdfWriter (PDF export) and QPrinter (printing).
class LabelSheet final
{
public:
    struct Label
    {
        QString url;      // encoded in the QR code
        QString title;    // the event name
        QString codeText; // shown under the title, e.g. "7KQ2-M9XD-TR4P"
    };

    struct Options
    {
        double offsetXMm = 0; // printer calibration: positive moves right
        double offsetYMm = 0; // and down
        int skipLabels = 0;   // labels already used on the first sheet
        bool outlines = false; // thin label borders, for a calibration print
        QrCode::Level level = QrCode::Level::M;
    };

    // Paints every label onto device, which must use the template's paper
    // size, no margins and full-page coordinates. Returns the page count,
    // or an empty optional (with error set) when a URL does not fit a QR code.
    static std::optional<int> render(QPagedPaintDevice &device, const LabelTemplate &sheet,
                                     const QList<Label> &labels, const Options &options, QString *error = nullptr);

    // Writes a PDF file with QPdfWriter at 600 dpi.
    static std::optional<int> writePdf(const QString &path, const LabelTemplate &sheet, const QList<Label> &labels,
                                       const Options &options, QString *error = nullptr);

private:
    static void paintLabel(QPainter &painter, const QRectF &box, double dotsPerMm, const Label &label,
                           const QrCode &code, bool outline);
};

} // namespace Console
