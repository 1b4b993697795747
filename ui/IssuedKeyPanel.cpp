// SPDX-License-Identifier: GPL-3.0-or-later
#include "IssuedKeyPanel.h"

#include "KeyIssuer.h"

#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

IssuedKeyPanel::IssuedKeyPanel(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_keyEdit(new QLineEdit(this))
    , m_snippetLanguage(new QComboBox(this))
    , m_snippetEdit(new QPlainTextEdit(this))
    , m_copyStatus(new QLabel(this))
    , m_copyKeyButton(new QPushButton(tr("&Copy key"), this))
    , m_copySnippetButton(new QPushButton(tr("Copy &snippet"), this))
    , m_doneButton(new QPushButton(tr("&Done"), this))
{
    setObjectName(u"issuedKeyPanel"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    const QFont fixedFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_title->setObjectName(u"issuedKeyTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *note = new QLabel(tr("Copy the key now. Only its hash is stored, so it cannot be shown again "
                               "after you close this panel."),
                            this);
    note->setWordWrap(true);

    m_keyEdit->setObjectName(u"issuedKeyEdit"_s);
    m_keyEdit->setReadOnly(true);
    m_keyEdit->setFont(fixedFont);
    m_keyEdit->setAccessibleName(tr("New API key"));

    m_snippetEdit->setObjectName(u"issuedKeySnippet"_s);
    m_snippetEdit->setReadOnly(true);
    m_snippetEdit->setFont(fixedFont);
    m_snippetEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snippetEdit->setAccessibleName(tr("Code example"));
    // Tall enough for the whole snippet (eight lines) without a scroll bar.
    m_snippetEdit->setFixedHeight(QFontMetrics(fixedFont).lineSpacing() * 9 + 12);

    m_copyStatus->setObjectName(u"issuedKeyCopyStatus"_s);

    m_copyKeyButton->setObjectName(u"copyKeyButton"_s);
    m_copySnippetButton->setObjectName(u"copySnippetButton"_s);
    m_doneButton->setObjectName(u"issuedKeyDoneButton"_s);
    connect(m_copyKeyButton, &QPushButton::clicked, this, &IssuedKeyPanel::copyKey);
    connect(m_copySnippetButton, &QPushButton::clicked, this, &IssuedKeyPanel::copySnippet);
    connect(m_doneButton, &QPushButton::clicked, this, &IssuedKeyPanel::dismiss);

    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_copyKeyButton);

    m_snippetLanguage->setObjectName(u"snippetLanguage"_s);
    m_snippetLanguage->addItem(tr("curl"), QVariant::fromValue(int(SnippetLanguage::Curl)));
    m_snippetLanguage->addItem(tr("Python (ollama)"), QVariant::fromValue(int(SnippetLanguage::PythonOllama)));
    m_snippetLanguage->addItem(tr("Python (openai)"), QVariant::fromValue(int(SnippetLanguage::PythonOpenAi)));
    m_snippetLanguage->addItem(tr("JavaScript (ollama)"), QVariant::fromValue(int(SnippetLanguage::JavaScriptOllama)));
    m_snippetLanguage->addItem(tr("JavaScript (openai)"), QVariant::fromValue(int(SnippetLanguage::JavaScriptOpenAi)));
    connect(m_snippetLanguage, &QComboBox::currentIndexChanged, this, &IssuedKeyPanel::showSnippet);

    auto *snippetHeading = new QLabel(tr("Try it &with:"), this);
    snippetHeading->setBuddy(m_snippetLanguage);
    auto *snippetRow = new QHBoxLayout;
    snippetRow->addWidget(snippetHeading);
    snippetRow->addWidget(m_snippetLanguage);
    snippetRow->addStretch(1);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyStatus, 1);
    buttons->addWidget(m_copySnippetButton);
    buttons->addWidget(m_doneButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(note);
    layout->addLayout(keyRow);
    layout->addLayout(snippetRow);
    layout->addWidget(m_snippetEdit);
    layout->addLayout(buttons);

    hide();
}

IssuedKeyPanel::~IssuedKeyPanel()
{
    wipe();
}

void IssuedKeyPanel::setListenUrl(const QString &url)
{
    m_listenUrl = url;
    if (isShowingKey())
        m_snippetEdit->setPlainText(snippet());
}

bool IssuedKeyPanel::isShowingKey() const
{
    return !m_secret.isEmpty();
}

void IssuedKeyPanel::showKey(const Gateway::IssuedKey &key)
{
    wipe();
    // A deep copy, so wipe() overwrites a buffer that only this panel uses.
    m_secret = QByteArray(key.secret.constData(), key.secret.size());

    m_title->setText(tr("New key %1 for %2 (tier %3)").arg(key.record.id, key.record.userName, key.record.tier));
    m_keyEdit->setText(QString::fromLatin1(m_secret));
    m_snippetEdit->setPlainText(snippet());
    m_copyStatus->clear();

    show();
    m_copyKeyButton->setFocus();
}

void IssuedKeyPanel::dismiss()
{
    wipe();
    hide();
    Q_EMIT dismissed();
}

void IssuedKeyPanel::copyKey()
{
    QGuiApplication::clipboard()->setText(QString::fromLatin1(m_secret));
    m_copyStatus->setText(tr("Key copied to the clipboard."));
}

void IssuedKeyPanel::copySnippet()
{
    QGuiApplication::clipboard()->setText(snippet());
    m_copyStatus->setText(tr("Snippet copied to the clipboard."));
}

void IssuedKeyPanel::showSnippet()
{
    if (isShowingKey())
        m_snippetEdit->setPlainText(snippet());
}

QString IssuedKeyPanel::snippet() const
{
    return snippet(SnippetLanguage(m_snippetLanguage->currentData().toInt()));
}

QString IssuedKeyPanel::snippet(SnippetLanguage language) const
{
    const QString baseUrl = m_listenUrl.isEmpty() ? u"http://127.0.0.1:11435"_s : m_listenUrl;
    const QString key = QString::fromLatin1(m_secret);
    const QString question = u"Why is the sky blue?"_s;

    // Every snippet names llama3.2, which the user may need to replace with
    // a model the key may use.
    switch (language) {
    case SnippetLanguage::Curl:
        break;
    case SnippetLanguage::PythonOllama:
        return u"# pip install ollama\n"
               "from ollama import Client\n\n"
               "client = Client(host=\"%1\", headers={\"Authorization\": \"Bearer %2\"})\n"
               "print([model.model for model in client.list().models])\n"
               "reply = client.chat(model=\"llama3.2\", messages=[{\"role\": \"user\", \"content\": \"%3\"}])\n"
               "print(reply.message.content)"_s.arg(baseUrl, key, question);
    case SnippetLanguage::PythonOpenAi:
        return u"# pip install openai\n"
               "from openai import OpenAI\n\n"
               "client = OpenAI(base_url=\"%1/v1\", api_key=\"%2\")\n"
               "reply = client.chat.completions.create(\n"
               "    model=\"llama3.2\", messages=[{\"role\": \"user\", \"content\": \"%3\"}])\n"
               "print(reply.choices[0].message.content)"_s.arg(baseUrl, key, question);
    case SnippetLanguage::JavaScriptOllama:
        return u"// npm install ollama\n"
               "import { Ollama } from 'ollama';\n\n"
               "const ollama = new Ollama({ host: '%1', headers: { Authorization: 'Bearer %2' } });\n"
               "const reply = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: '%3' }] });\n"
               "console.log(reply.message.content);"_s.arg(baseUrl, key, question);
    case SnippetLanguage::JavaScriptOpenAi:
        return u"// npm install openai\n"
               "import OpenAI from 'openai';\n\n"
               "const openai = new OpenAI({ baseURL: '%1/v1', apiKey: '%2' });\n"
               "const reply = await openai.chat.completions.create({\n"
               "    model: 'llama3.2', messages: [{ role: 'user', content: '%3' }] });\n"
               "console.log(reply.choices[0].message.content);"_s.arg(baseUrl, key, question);
    }

    // The first command works with any installed model. The second names a
    // model that the user may need to replace with one from the first's output.
    return u"# "_s + tr("List the models this key may use") + u"\n"_s
        + u"curl "_s + baseUrl + u"/api/tags \\\n"_s
        + u"  -H \"Authorization: Bearer "_s + key + u"\"\n\n"_s
        + u"# "_s + tr("Ask a model (replace llama3.2 with a model from the list)") + u"\n"_s
        + u"curl "_s + baseUrl + u"/api/generate \\\n"_s
        + u"  -H \"Authorization: Bearer "_s + key + u"\" \\\n"_s
        + u"  -d '{\"model\": \"llama3.2\", \"prompt\": \"Why is the sky blue?\", \"stream\": false}'"_s;
}

void IssuedKeyPanel::wipe()
{
    // Overwrite before release so the freed buffer does not keep the key.
    // NOTE: copies made by Qt (the signal argument, QLineEdit's and the text
    // document's internal strings, the clipboard) are freed but not overwritten.
    m_secret.fill('\0');
    m_secret.clear();
    m_keyEdit->clear();
    m_snippetEdit->clear();
    m_copyStatus->clear();
    m_title->clear();
}

} // namespace Console
