// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionSettingsDialog.h"

#include "GatewayController.h"
#include "RetentionPurger.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Gateway::RetentionPolicy;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcRetentionDialog, "soulfra.ui.retentionsettingsdialog")

} // namespace

RetentionSettingsDialog::RetentionSettingsDialog(Gateway::GatewayController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
{
    setWindowTitle(tr("Retention Settings"));

    m_textMode = new QComboBox(this);
    m_textMode->setObjectName(u"retentionTextMode"_s);
    m_textMode->addItem(tr("Full text"), int(RetentionPolicy::TextMode::Full));
    m_textMode->addItem(tr("First characters only"), int(RetentionPolicy::TextMode::FirstChars));
    m_textMode->addItem(tr("No text"), int(RetentionPolicy::TextMode::None));
    connect(m_textMode, &QComboBox::currentIndexChanged, this, &RetentionSettingsDialog::updateEnabled);

    m_textChars = new QSpinBox(this);
    m_textChars->setObjectName(u"retentionTextChars"_s);
    m_textChars->setRange(1, RetentionPolicy::maxTextChars);
    m_textChars->setValue(200);
    m_textChars->setSuffix(tr(" characters"));

    m_logDays = new QSpinBox(this);
    m_logDays->setObjectName(u"retentionLogDays"_s);
    m_logDays->setRange(0, RetentionPolicy::maxLogDays);
    m_logDays->setSpecialValueText(tr("Keep forever"));
    m_logDays->setSuffix(tr(" days"));

    auto *form = new QFormLayout;
    form->addRow(tr("Prompt and response &text:"), m_textMode);
    form->addRow(tr("&Characters kept:"), m_textChars);
    form->addRow(tr("Delete raw log rows &after:"), m_logDays);

    auto *note = new QLabel(
        tr("Text settings apply to new requests within 2 seconds. The purge runs daily and within seconds of a "
           "change; it always keeps the current month, which limits are counted from, and never deletes the "
           "hourly and daily usage that charts show. Per-minute usage is kept for %1 days.")
            .arg(Gateway::RetentionPurger::minutelyKeepDays),
        this);
    note->setWordWrap(true);

    m_status = new QLabel(tr("Reading the current settings…"), this);
    m_status->setObjectName(u"retentionStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RetentionSettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_controller, &Gateway::GatewayController::retentionPolicyRead, this, [this](const RetentionPolicy &policy) {
        setPolicy(policy);
        m_loaded = true;
        m_status->clear();
        updateEnabled();
    });
    connect(m_controller, &Gateway::GatewayController::retentionPolicySaved, this, [this] {
        if (m_saving)
            accept();
    });
    connect(m_controller, &Gateway::GatewayController::retentionPolicyFailed, this,
            &RetentionSettingsDialog::showFailure);

    updateEnabled();
    m_controller->requestRetentionPolicy();
}

RetentionSettingsDialog::~RetentionSettingsDialog() = default;

RetentionPolicy RetentionSettingsDialog::policyFromForm() const
{
    RetentionPolicy policy;
    policy.textMode = RetentionPolicy::TextMode(m_textMode->currentData().toInt());
    if (policy.textMode == RetentionPolicy::TextMode::FirstChars)
        policy.textChars = m_textChars->value();
    policy.logDays = m_logDays->value();
    return policy;
}

void RetentionSettingsDialog::setPolicy(const RetentionPolicy &policy)
{
    m_textMode->setCurrentIndex(qMax(0, m_textMode->findData(int(policy.textMode))));
    if (policy.textMode == RetentionPolicy::TextMode::FirstChars)
        m_textChars->setValue(policy.textChars);
    m_logDays->setValue(policy.logDays);
    updateEnabled();
}

void RetentionSettingsDialog::updateEnabled()
{
    const bool editable = m_loaded && !m_saving;
    m_textMode->setEnabled(editable);
    m_textChars->setEnabled(editable && policyFromForm().textMode == RetentionPolicy::TextMode::FirstChars);
    m_logDays->setEnabled(editable);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(editable);
}

void RetentionSettingsDialog::save()
{
    const RetentionPolicy policy = policyFromForm();
    if (Gateway::Result<Gateway::Done> valid = policy.validate(); !valid) {
        showFailure(valid.error().message());
        return;
    }
    m_saving = true;
    m_status->setText(tr("Saving…"));
    updateEnabled();
    qCInfo(lcRetentionDialog).noquote() << "operator sets text retention" << policy.textSetting() << "and log days"
                                        << policy.logDays;
    m_controller->saveRetentionPolicy(policy);
}

void RetentionSettingsDialog::showFailure(const QString &message)
{
    m_saving = false;
    m_status->setText(tr("The retention settings could not be read or saved: %1").arg(message));
    updateEnabled();
}

} // namespace Console
