// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QString>

#include <optional>

class QPainter;

namespace Console {

// A QR code symbol made by libqrencode, drawn as vector rectangles so it
// stays sharp on any printer, or exported as PNG and SVG. The text is
// encoded case-sensitively in byte mode where needed (libqrencode would
// upper-case the whole URL otherwise).
class QrCode final
{
public:
    enum class Level { L, M, Q, H };

    // Light modules around the symbol on every side (ISO/IEC 18004).
    static constexpr int quietZoneModules = 4;

    // Empty when the text is empty or too long for any QR version.
    static std::optional<QrCode> encode(const QString &text, Level level = Level::M);

    int version() const { return m_version; }
    // Modules per side without the quiet zone.
    int size() const { return m_size; }
    // Modules per side with the quiet zone.
    int sizeWithQuietZone() const { return m_size + 2 * quietZoneModules; }
    bool isDark(int x, int y) const;

    // Paints the symbol with its quiet zone into the square target: a white
    // background, then one filled rectangle per horizontal run of dark modules.
    void paint(QPainter &painter, const QRectF &target) const;

    // modulePixels pixels per module, quiet zone included, black on white.
    QImage toImage(int modulePixels) const;
    // An SVG document with one path; moduleMillimetres sets its printed size.
    QByteArray toSvg(double moduleMillimetres = 0.8) const;

private:
    QrCode() = default;

    int m_version = 0;
    int m_size = 0;
    QList<bool> m_dark; // row-major, m_size * m_size
};

} // namespace Console
