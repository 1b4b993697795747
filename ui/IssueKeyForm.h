// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;

namespace Console {

// The fields for a new key. It only collects and checks the input, because
// the gateway validates the user name and tier again and reports failures.
class IssueKeyForm final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IssueKeyForm)

public:
    explicit IssueKeyForm(QWidget *parent = nullptr);
    ~IssueKeyForm() override;

    // While busy (a request is on its way) the Issue button stays disabled,
    // so one click issues one key.
    void setBusy(bool busy);
    bool isBusy() const;

    // Clears the user name and label after a key was issued. The tier and
    // operator choice stay for the next key.
    void resetInput();

public Q_SLOTS:
    void setTiers(const QStringList &tierNames);

Q_SIGNALS:
    void issueRequested(const QString &userName, const QString &tier, bool isOperator, const QString &label);

private:
    void updateIssueButton();
    void submit();

    QLineEdit *m_userName = nullptr;
    QComboBox *m_tier = nullptr;
    QCheckBox *m_operator = nullptr;
    QLineEdit *m_label = nullptr;
    QPushButton *m_issueButton = nullptr;
    bool m_busy = false;
};

} // namespace Console
