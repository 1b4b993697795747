// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QComboBox>

namespace Console {

// A combo box of names (users, models) in which the operator types any part
// of a name to find it; typing never adds an entry.
class SearchComboBox final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchComboBox)

public:
    SearchComboBox(const QString &placeholder, int minimumCharacters, QWidget *parent = nullptr);
};

} // namespace Console
