// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <map>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace Gateway {
struct RequestLogEntry;
}

namespace Console {

// Every field of one request log entry, including the prompt and the response
// text. All of it is client-controlled, so it is shown as plain text only.
class RequestDetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestDetailsPane)

public:
    // Fields shown as one label each. The labels are named "detail<Field>",
    // for example "detailRequestId", so tests can find them.
    enum class Field {
        RequestId,
        Time,
        User,
        KeyId,
        Client,
        Request,
        Model,
        Status,
        Outcome,
        Error,
        Tokens,
        Latency,
        TimeToFirstToken,
        Bytes,
        Upstream,
        UserAgent,
        Brand,
        Context,
    };
    Q_ENUM(Field)

    explicit RequestDetailsPane(QWidget *parent = nullptr);
    ~RequestDetailsPane() override;

    bool hasEntry() const;
    QString fieldText(Field field) const;
    QString promptText() const;
    QString responseText() const;

public Q_SLOTS:
    void showEntry(const Gateway::RequestLogEntry &entry);
    void clearEntry();

private:
    QWidget *createFieldsPanel();
    QWidget *createTextPanel(const QString &title, QPlainTextEdit *edit);
    void addField(QFormLayout *layout, Field field, const QString &label);
    void setField(Field field, const QString &text);

    QStackedWidget *m_stack = nullptr;
    std::map<Field, QLabel *> m_fields;
    QPlainTextEdit *m_prompt = nullptr;
    QPlainTextEdit *m_response = nullptr;
    bool m_hasEntry = false;
};

} // namespace Console
