// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFrame>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Gateway {
struct IssuedKey;
}

namespace Console {

// Shows a newly issued key once, with a Copy button and ready-to-paste
// snippets for curl, Python (ollama and openai packages) and JavaScript.
// Storage keeps only the key's hash, so once the operator dismisses the
// panel (or another key replaces it) nothing can show this key again.
class IssuedKeyPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IssuedKeyPanel)

public:
    explicit IssuedKeyPanel(QWidget *parent = nullptr);
    ~IssuedKeyPanel() override; // wipes a key still shown

    // Base URL for the snippet, e.g. "http://127.0.0.1:11435".
    void setListenUrl(const QString &url);

    bool isShowingKey() const;

    enum class SnippetLanguage { Curl, PythonOllama, PythonOpenAi, JavaScriptOllama, JavaScriptOpenAi };
    // The snippet for language, filled in with the key and the listen URL.
    QString snippet(SnippetLanguage language) const;

public Q_SLOTS:
    void showKey(const Gateway::IssuedKey &key);
    // Wipes the key from the panel's memory and hides the panel.
    void dismiss();

Q_SIGNALS:
    void dismissed();

private:
    void copyKey();
    void copySnippet();
    QString snippet() const;
    void showSnippet();
    void wipe();

    QLabel *m_title = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QComboBox *m_snippetLanguage = nullptr;
    QPlainTextEdit *m_snippetEdit = nullptr;
    QLabel *m_copyStatus = nullptr;
    QPushButton *m_copyKeyButton = nullptr;
    QPushButton *m_copySnippetButton = nullptr;
    QPushButton *m_doneButton = nullptr;
    QByteArray m_secret;
    QString m_listenUrl;
};

} // namespace Console
