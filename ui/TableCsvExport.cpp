// SPDX-License-Identifier: GPL-3.0-or-later
#include "TableCsvExport.h"

#include <QAbstractItemModel>
#include <QFileDialog>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcTableCsvExport, "soulfra.ui.tablecsvexport")

bool looksLikeFormula(const QString &text)
{
    if (text.isEmpty())
        return false;

    const QChar first = text.front();
    if (first != u'=' && first != u'+' && first != u'-' && first != u'@' && first != u'\t' && first != u'\r')
        return false;

    // "-12" and "+3.5" are numbers, which spreadsheets read as such.
    bool isNumber = false;
    text.toDouble(&isNumber);
    return !isNumber;
}

QString cellText(const QVariant &value)
{
    // Numbers are written as the C locale writes them, so scripts can read
    // them back whatever the operator's locale.
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(value.toDouble(), 'g', 15);
    default:
        return value.toString();
    }
}

} // namespace

QString TableCsvExport::field(const QString &text)
{
    const QString safe = looksLikeFormula(text) ? u"'"_s + text : text;

    const bool needsQuotes = safe.contains(u',') || safe.contains(u'"') || safe.contains(u'\n') || safe.contains(u'\r');
    if (!needsQuotes)
        return safe;

    QString quoted = safe;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString TableCsvExport::toCsv(const QAbstractItemModel &model, int role)
{
    const int columns = model.columnCount();
    const int rows = model.rowCount();
    QString csv;
    QStringList fields;
    fields.reserve(columns);

    for (int column = 0; column < columns; ++column)
        fields.append(field(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString()));
    csv += fields.join(u',') + u"\r\n"_s;

    for (int row = 0; row < rows; ++row) {
        fields.clear();
        for (int column = 0; column < columns; ++column)
            fields.append(field(cellText(model.data(model.index(row, column), role))));
        csv += fields.join(u',') + u"\r\n"_s;
    }
    return csv;
}

bool TableCsvExport::writeFile(const QAbstractItemModel &model, const QString &path, QString *errorMessage, int role)
{
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly) && file.write(toCsv(model, role).toUtf8()) >= 0 && file.commit();
    if (written)
        return true;

    qCWarning(lcTableCsvExport).noquote() << "cannot write CSV" << path << file.errorString();
    if (errorMessage)
        *errorMessage = tr("Could not write %1: %2").arg(path, file.errorString());
    return false;
}

QPushButton *TableCsvExport::createButton(const QAbstractItemModel *model, const QString &suggestedName, QWidget *parent)
{
    auto *button = new QPushButton(tr("Export CSV…"), parent);
    button->setObjectName(u"exportCsvButton"_s);
    button->setToolTip(tr("Save this table as a CSV file"));

    QPointer<const QAbstractItemModel> guardedModel(model);
    QObject::connect(button, &QPushButton::clicked, button, [button, guardedModel, suggestedName] {
        // Not exec(): the console keeps refreshing while the dialog is open.
        auto *dialog = new QFileDialog(button->window(), tr("Export CSV"), suggestedName, tr("CSV files (*.csv)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setDefaultSuffix(u"csv"_s);
        QObject::connect(dialog, &QFileDialog::fileSelected, button, [button, guardedModel](const QString &path) {
            if (!guardedModel)
                return;
            QString message;
            if (writeFile(*guardedModel, path, &message))
                return;
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Export CSV"), message, QMessageBox::Ok,
                                        button->window());
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
        dialog->open();
    });
    return button;
}

} // namespace Console
