// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QRectF>
#include <QStringList>

// Decodes QR codes the way a phone would see them: with Debian's zbarimg
// on rendered pixels, never with our own encoder.
class QrDecoder final
{
public:
    // True when pdftoppm and zbarimg are installed.
    static bool available();

    // Renders one page of a PDF at dpi with pdftoppm; a null image on failure.
    static QImage renderPdfPage(const QString &pdfPath, int page, int dpi);

    // Every symbol zbarimg finds in the images, in order. Whole A4 pages
    // scanned at once miss a symbol now and then, so callers pass crops.
    static QStringList decode(const QList<QImage> &images);

    // Crops millimetre rectangles out of a page rendered at dpi.
    static QList<QImage> crop(const QImage &page, const QList<QRectF> &millimetres, int dpi);
};
