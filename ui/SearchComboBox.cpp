// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchComboBox.h"

#include <QCompleter>
#include <QLineEdit>

namespace Console {

SearchComboBox::SearchComboBox(const QString &placeholder, int minimumCharacters, QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMinimumContentsLength(minimumCharacters);
    lineEdit()->setPlaceholderText(placeholder);
    completer()->setFilterMode(Qt::MatchContains);
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    completer()->setCaseSensitivity(Qt::CaseInsensitive);
}

} // namespace Console
