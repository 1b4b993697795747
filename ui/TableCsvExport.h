// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

class QAbstractItemModel;
class QPushButton;
class QWidget;

namespace Console {

// CSV (RFC 4180) of any item model, for the "Export CSV…" button under
// every console table: a header row from the horizontal header, then one
// record per row, fields separated by commas and records by CRLF. A field
// that contains a comma, a double quote, CR or LF is enclosed in double
// quotes, with each double quote doubled.
//
// Spreadsheets run a cell that starts with =, +, -, @, TAB or CR as a
// formula, and some texts in the console come from clients (topic names,
// user names). Such a text field is prefixed with a single quote unless it
// is a number, so an exported file never runs a formula on opening.
class TableCsvExport final
{
    Q_DECLARE_TR_FUNCTIONS(Console::TableCsvExport)

public:
    TableCsvExport() = delete;

    // The CSV text of every row and column of model (top level), read with
    // role; hidden columns of a view are not known here and are included.
    static QString toCsv(const QAbstractItemModel &model, int role = Qt::DisplayRole);
    // One field, quoted when it has to be.
    static QString field(const QString &text);

    // Writes toCsv(model) as UTF-8 to path; on failure returns false and
    // sets *errorMessage to a sentence for the operator.
    static bool writeFile(const QAbstractItemModel &model, const QString &path, QString *errorMessage = nullptr,
                          int role = Qt::DisplayRole);

    // A push button "Export CSV…" that asks for a file name (without
    // blocking the event loop) and writes model there. model must outlive
    // the button; suggestedName is the default file name, e.g. "top-models.csv".
    static QPushButton *createButton(const QAbstractItemModel *model, const QString &suggestedName, QWidget *parent);
};

} // namespace Console
