// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace Console {

// An inline message above a page's content for problems the operator can
// fix or retry, so they never block the window the way a modal dialog does.
// The text is always shown as plain text because it often quotes untrusted
// input or error strings.
class MessageBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBanner)

public:
    enum class Kind { Information, Error };

    explicit MessageBanner(QWidget *parent = nullptr);
    ~MessageBanner() override;

    Kind kind() const;
    QString text() const;

public Q_SLOTS:
    void showMessage(Console::MessageBanner::Kind kind, const QString &text);
    void showError(const QString &text);
    void showInformation(const QString &text);
    void dismiss();

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    Kind m_kind = Kind::Information;
};

} // namespace Console
