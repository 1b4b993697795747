// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrPreview.h"

#include <QPainter>

namespace Console {

QrPreview::QrPreview(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(120, 120);
}

void QrPreview::setText(const QString &text)
{
    m_text = text;
    m_code = QrCode::encode(text);
    setToolTip(text);
    update();
}

QSize QrPreview::sizeHint() const
{
    return {220, 220};
}

void QrPreview::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (!m_code) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Select a code to preview its QR code."));
        return;
    }

    // Whole device pixels per module keep the edges sharp on screen.
    const int side = qMin(width(), height());
    const int modules = m_code->sizeWithQuietZone();
    const int pixelsPerModule = qMax(1, side / modules);
    const int drawn = pixelsPerModule * modules;
    const QRectF target((width() - drawn) / 2, (height() - drawn) / 2, drawn, drawn);
    m_code->paint(painter, target);
}

} // namespace Console
