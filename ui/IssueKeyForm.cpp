// SPDX-License-Identifier: GPL-3.0-or-later
#include "IssueKeyForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

// The limits that KeyIssuer enforces, repeated here so the field rejects
// bad input as it is typed. KeyIssuer still validates every request.
constexpr int MaxUserNameLength = 64;
constexpr int MaxLabelLength = 200;

} // namespace

IssueKeyForm::IssueKeyForm(QWidget *parent)
    : QGroupBox(tr("Issue a key"), parent)
    , m_userName(new QLineEdit(this))
    , m_tier(new QComboBox(this))
    , m_operator(new QCheckBox(tr("Operator key"), this))
    , m_label(new QLineEdit(this))
    , m_issueButton(new QPushButton(tr("&Issue key"), this))
{
    setObjectName(u"issueKeyForm"_s);

    m_userName->setObjectName(u"issueUserName"_s);
    m_userName->setPlaceholderText(tr("existing or new user"));
    m_userName->setMaxLength(MaxUserNameLength);
    m_userName->setValidator(new QRegularExpressionValidator(
        QRegularExpression(u"[A-Za-z0-9._@+-]{0,%1}"_s.arg(MaxUserNameLength)), m_userName));
    m_userName->setToolTip(tr("ASCII letters, digits and . _ - @ + (at most %1 characters).").arg(MaxUserNameLength));

    m_tier->setObjectName(u"issueTier"_s);
    m_tier->setPlaceholderText(tr("no tiers loaded"));

    m_operator->setObjectName(u"issueOperator"_s);
    m_operator->setToolTip(tr("Operator keys may also pull, push, create, copy and delete models."));

    m_label->setObjectName(u"issueLabel"_s);
    m_label->setPlaceholderText(tr("optional, e.g. laptop"));
    m_label->setMaxLength(MaxLabelLength);

    m_issueButton->setObjectName(u"issueButton"_s);
    m_issueButton->setDefault(true);

    const auto addLabelled = [this](QHBoxLayout *layout, const QString &text, QWidget *field, int stretch) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        layout->addWidget(label);
        layout->addWidget(field, stretch);
        layout->addSpacing(8);
    };

    // One row, so the key list below keeps the page's full width.
    auto *layout = new QHBoxLayout(this);
    addLabelled(layout, tr("&User name:"), m_userName, 2);
    addLabelled(layout, tr("&Tier:"), m_tier, 1);
    layout->addWidget(m_operator);
    layout->addSpacing(8);
    addLabelled(layout, tr("&Label:"), m_label, 2);
    layout->addWidget(m_issueButton);

    connect(m_userName, &QLineEdit::textChanged, this, &IssueKeyForm::updateIssueButton);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &IssueKeyForm::updateIssueButton);
    connect(m_userName, &QLineEdit::returnPressed, this, &IssueKeyForm::submit);
    connect(m_label, &QLineEdit::returnPressed, this, &IssueKeyForm::submit);
    connect(m_issueButton, &QPushButton::clicked, this, &IssueKeyForm::submit);

    updateIssueButton();
}

IssueKeyForm::~IssueKeyForm() = default;

void IssueKeyForm::setBusy(bool busy)
{
    m_busy = busy;
    updateIssueButton();
}

bool IssueKeyForm::isBusy() const
{
    return m_busy;
}

void IssueKeyForm::resetInput()
{
    m_userName->clear();
    m_label->clear();
}

void IssueKeyForm::setTiers(const QStringList &tierNames)
{
    const QString current = m_tier->currentText();

    m_tier->clear();
    m_tier->addItems(tierNames);

    const int previous = m_tier->findText(current);
    m_tier->setCurrentIndex(previous >= 0 ? previous : (tierNames.isEmpty() ? -1 : 0));
    updateIssueButton();
}

void IssueKeyForm::updateIssueButton()
{
    const bool complete = !m_userName->text().trimmed().isEmpty() && m_tier->currentIndex() >= 0;
    m_issueButton->setEnabled(complete && !m_busy);
}

void IssueKeyForm::submit()
{
    if (!m_issueButton->isEnabled())
        return;

    setBusy(true);
    Q_EMIT issueRequested(m_userName->text().trimmed(), m_tier->currentText(), m_operator->isChecked(),
                          m_label->text().trimmed());
}

} // namespace Console
