// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace Console {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    auto *closeButton = new QToolButton(this);
    closeButton->setObjectName(QStringLiteral("bannerClose"));
    closeButton->setAutoRaise(true);
    closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeButton->setToolTip(tr("Dismiss"));
    closeButton->setAccessibleName(tr("Dismiss message"));
    connect(closeButton, &QToolButton::clicked, this, &MessageBanner::dismiss);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(closeButton, 0, Qt::AlignTop);

    hide();
}

MessageBanner::~MessageBanner() = default;

MessageBanner::Kind MessageBanner::kind() const
{
    return m_kind;
}

QString MessageBanner::text() const
{
    return m_text->text();
}

void MessageBanner::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;

    const QStyle::StandardPixmap pixmap = kind == Kind::Error ? QStyle::SP_MessageBoxWarning
                                                              : QStyle::SP_MessageBoxInformation;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(size, size));

    m_text->setText(text);
    show();
}

void MessageBanner::showError(const QString &text)
{
    showMessage(Kind::Error, text);
}

void MessageBanner::showInformation(const QString &text)
{
    showMessage(Kind::Information, text);
}

void MessageBanner::dismiss()
{
    m_text->clear();
    hide();
}

} // namespace Console
