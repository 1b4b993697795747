// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestDetailsPane.h"

#include "LiveLogModel.h"
#include "RequestLogEntry.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMetaEnum>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

QString orUnknown(const QString &text)
{
    return text.isEmpty() ? LiveLogModel::unknownValueText() : text;
}

QString formatCount(const std::optional<qint64> &count)
{
    return count ? QLocale().toString(*count) : LiveLogModel::unknownValueText();
}

QString fieldObjectName(RequestDetailsPane::Field field)
{
    const QMetaEnum fields = QMetaEnum::fromType<RequestDetailsPane::Field>();
    return u"detail"_s + QLatin1StringView(fields.valueToKey(static_cast<int>(field)));
}

} // namespace

RequestDetailsPane::RequestDetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_prompt(new QPlainTextEdit(this))
    , m_response(new QPlainTextEdit(this))
{
    auto *placeholder = new QLabel(tr("Select a request to see its details."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_prompt->setObjectName(u"detailPrompt"_s);
    m_prompt->setPlaceholderText(tr("No prompt text was stored for this request."));
    m_response->setObjectName(u"detailResponse"_s);
    m_response->setPlaceholderText(tr("No response text was stored for this request."));

    auto *texts = new QSplitter(Qt::Vertical, this);
    texts->addWidget(createTextPanel(tr("Prompt"), m_prompt));
    texts->addWidget(createTextPanel(tr("Response"), m_response));

    auto *details = new QSplitter(Qt::Horizontal, this);
    details->setChildrenCollapsible(false);
    details->addWidget(createFieldsPanel());
    details->addWidget(texts);
    details->setStretchFactor(0, 1);
    details->setStretchFactor(1, 1);

    m_stack->addWidget(placeholder);
    m_stack->addWidget(details);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

RequestDetailsPane::~RequestDetailsPane() = default;

QWidget *RequestDetailsPane::createFieldsPanel()
{
    auto *fields = new QWidget(this);
    auto *form = new QFormLayout(fields);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    addField(form, Field::RequestId, tr("Request ID:"));
    addField(form, Field::Time, tr("Time:"));
    addField(form, Field::User, tr("User:"));
    addField(form, Field::KeyId, tr("Key ID:"));
    addField(form, Field::Client, tr("Client:"));
    addField(form, Field::Request, tr("Request:"));
    addField(form, Field::Model, tr("Model:"));
    addField(form, Field::Status, tr("Status:"));
    addField(form, Field::Outcome, tr("Outcome:"));
    addField(form, Field::Error, tr("Error:"));
    addField(form, Field::Tokens, tr("Tokens:"));
    addField(form, Field::Latency, tr("Latency:"));
    addField(form, Field::TimeToFirstToken, tr("Time to first token:"));
    addField(form, Field::Bytes, tr("Body bytes:"));
    addField(form, Field::Upstream, tr("Upstream:"));
    addField(form, Field::UserAgent, tr("User agent:"));
    addField(form, Field::Brand, tr("Brand:"));
    addField(form, Field::Context, tr("Language / framework:"));

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

QWidget *RequestDetailsPane::createTextPanel(const QString &title, QPlainTextEdit *edit)
{
    edit->setReadOnly(true);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *panel = new QWidget(this);
    auto *heading = new QLabel(title, panel);
    heading->setBuddy(edit);

    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(edit);
    return panel;
}

void RequestDetailsPane::addField(QFormLayout *layout, Field field, const QString &label)
{
    auto *value = new QLabel(this);
    value->setObjectName(fieldObjectName(field));
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    layout->addRow(label, value);
    m_fields.emplace(field, value);
}

bool RequestDetailsPane::hasEntry() const
{
    return m_hasEntry;
}

QString RequestDetailsPane::fieldText(Field field) const
{
    return m_fields.at(field)->text();
}

QString RequestDetailsPane::promptText() const
{
    return m_prompt->toPlainText();
}

QString RequestDetailsPane::responseText() const
{
    return m_response->toPlainText();
}

void RequestDetailsPane::showEntry(const Gateway::RequestLogEntry &entry)
{
    const QLocale locale;
    const QString none = LiveLogModel::unknownValueText();

    setField(Field::RequestId, orUnknown(entry.requestId));
    setField(Field::Time, entry.startedAt.isValid()
                              ? entry.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz t"_s)
                              : none);
    setField(Field::User, entry.userName.isEmpty() ? tr("none (no valid key)") : entry.userName);
    setField(Field::KeyId, orUnknown(entry.keyId));
    setField(Field::Client, orUnknown(entry.clientAddress));
    setField(Field::Request, entry.method + u' ' + entry.path);
    setField(Field::Model, orUnknown(entry.model));
    setField(Field::Status, QString::number(entry.status));
    setField(Field::Outcome, orUnknown(entry.outcome));
    setField(Field::Error, orUnknown(entry.errorMessage));
    setField(Field::Tokens, tr("%1 prompt, %2 completion")
                                .arg(formatCount(entry.promptTokens), formatCount(entry.completionTokens)));
    setField(Field::Latency, tr("%1 ms").arg(locale.toString(entry.latencyMs, 'f', 1)));
    setField(Field::TimeToFirstToken, entry.timeToFirstTokenMs
                                          ? tr("%1 ms").arg(locale.toString(*entry.timeToFirstTokenMs, 'f', 1))
                                          : none);
    setField(Field::Bytes, tr("%1 received, %2 sent")
                               .arg(locale.toString(entry.requestBytes), locale.toString(entry.responseBytes)));
    setField(Field::Upstream, orUnknown(entry.upstream));
    setField(Field::UserAgent, orUnknown(entry.userAgent));
    setField(Field::Brand, orUnknown(entry.brand));
    setField(Field::Context, tr("%1 / %2").arg(orUnknown(entry.contextLanguage), orUnknown(entry.contextFramework)));

    m_prompt->setPlainText(entry.promptText);
    m_response->setPlainText(entry.responseText);

    m_hasEntry = true;
    m_stack->setCurrentIndex(1);
}

void RequestDetailsPane::clearEntry()
{
    for (const auto &[field, label] : m_fields)
        label->clear();
    m_prompt->clear();
    m_response->clear();

    m_hasEntry = false;
    m_stack->setCurrentIndex(0);
}

void RequestDetailsPane::setField(Field field, const QString &text)
{
    m_fields.at(field)->setText(text);
}

} // namespace Console
