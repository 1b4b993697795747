// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrCode.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

QRecLevel levelFor(QrCode::Level level)
{
    switch (level) {
    case QrCode::Level::L:
        return QR_ECLEVEL_L;
    case QrCode::Level::M:
        return QR_ECLEVEL_M;
    case QrCode::Level::Q:
        return QR_ECLEVEL_Q;
    case QrCode::Level::H:
        return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

struct QrCodeDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};

} // namespace

std::optional<QrCode> QrCode::encode(const QString &text, Level level)
{
    if (text.isEmpty())
        return std::nullopt;

    const QByteArray utf8 = text.toUtf8();
    // casesensitive = 1: with 0, libqrencode upper-cases the whole text.
    const std::unique_ptr<QRcode, QrCodeDeleter> encoded(
        QRcode_encodeString(utf8.constData(), 0, levelFor(level), QR_MODE_8, 1));
    if (!encoded)
        return std::nullopt;

    QrCode code;
    code.m_version = encoded->version;
    code.m_size = encoded->width;
    code.m_dark.resize(qsizetype(code.m_size) * code.m_size);
    for (qsizetype i = 0; i < code.m_dark.size(); ++i)
        code.m_dark[i] = (encoded->data[i] & 1) != 0; // bit 0 is the module's colour
    return code;
}

bool QrCode::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_dark.at(qsizetype(y) * m_size + x);
}

void QrCode::paint(QPainter &painter, const QRectF &target) const
{
    const double module = target.width() / sizeWithQuietZone();

    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(target, Qt::white);
    painter.setBrush(Qt::black);

    // Runs of dark modules become one rectangle each: fewer, larger shapes
    // leave no hairline gaps between neighbours in PDF viewers.
    for (int y = 0; y < m_size; ++y) {
        int x = 0;
        while (x < m_size) {
            if (!isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < m_size && isDark(x, y))
                ++x;
            painter.drawRect(QRectF(target.left() + (start + quietZoneModules) * module,
                                    target.top() + (y + quietZoneModules) * module, (x - start) * module, module));
        }
    }
    painter.restore();
}

QImage QrCode::toImage(int modulePixels) const
{
    const int side = sizeWithQuietZone() * modulePixels;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter, QRectF(0, 0, side, side));
    painter.end();
    return image;
}

QByteArray QrCode::toSvg(double moduleMillimetres) const
{
    const int side = sizeWithQuietZone();
    const QByteArray millimetres = QByteArray::number(side * moduleMillimetres, 'f', 2);
    QByteArray path;
    for (int y = 0; y < m_size; ++y) {
        int x = 0;
        while (x < m_size) {
            if (!isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < m_size && isDark(x, y))
                ++x;
            path += 'M' + QByteArray::number(start + quietZoneModules) + ' ' + QByteArray::number(y + quietZoneModules)
                + 'h' + QByteArray::number(x - start) + "v1h-" + QByteArray::number(x - start) + 'z';
        }
    }
    const QByteArray sideText = QByteArray::number(side);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + millimetres + "mm\" height=\""
        + millimetres + "mm\" viewBox=\"0 0 " + sideText + ' ' + sideText
        + "\" shape-rendering=\"crispEdges\">\n"
          "<rect width=\"" + sideText + "\" height=\"" + sideText + "\" fill=\"#fff\"/>\n"
          "<path fill=\"#000\" d=\"" + path + "\"/>\n</svg>\n";
}

} // namespace Console
