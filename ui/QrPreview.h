// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "QrCode.h"

#include <QWidget>

#include <optional>

namespace Console {

// Shows one QR code, scaled to the widget with whole pixels per module so
// that a phone can scan it off the screen.
class QrPreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QrPreview)

public:
    explicit QrPreview(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    const std::optional<QrCode> &code() const { return m_code; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    std::optional<QrCode> m_code;
};

} // namespace Console
