// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RetentionPolicy.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace Gateway {
class GatewayController;
}

namespace Console {

// Edits the retention settings: how much prompt and response text the
// request log keeps, and after how many days raw log rows are purged.
// Reads and saves through the controller, so only its storage thread touches
// the database. The running gateway applies a change within a few seconds.
class RetentionSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionSettingsDialog)

public:
    explicit RetentionSettingsDialog(Gateway::GatewayController *controller, QWidget *parent = nullptr);
    ~RetentionSettingsDialog() override;

    // The policy the fields describe.
    Gateway::RetentionPolicy policyFromForm() const;
    void setPolicy(const Gateway::RetentionPolicy &policy);

private:
    void updateEnabled();
    void save();
    void showFailure(const QString &message);

    Gateway::GatewayController *m_controller = nullptr;
    bool m_loaded = false;
    bool m_saving = false;
    QComboBox *m_textMode = nullptr;
    QSpinBox *m_textChars = nullptr;
    QSpinBox *m_logDays = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Console
