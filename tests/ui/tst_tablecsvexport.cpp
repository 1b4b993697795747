// SPDX-License-Identifier: GPL-3.0-or-later
#include "TableCsvExport.h"

#include <QFile>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::TableCsvExport;

namespace {

QStandardItem *number(const QVariant &value)
{
    auto *item = new QStandardItem;
    item->setData(value, Qt::DisplayRole);
    return item;
}

} // namespace

class TestTableCsvExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldQuoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");

        QTest::newRow("plain") << u"llama3"_s << u"llama3"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
        QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("newline") << u"line1\nline2"_s << u"\"line1\nline2\""_s;
        QTest::newRow("carriage return") << u"a\rb"_s << u"\"a\rb\""_s;
        QTest::newRow("crlf") << u"a\r\nb"_s << u"\"a\r\nb\""_s;
        QTest::newRow("only a quote") << u"\""_s << u"\"\"\"\""_s;
        QTest::newRow("spaces kept") << u" padded "_s << u" padded "_s;
        QTest::newRow("non-ascii") << u"Müller–ß"_s << u"Müller–ß"_s;
        QTest::newRow("formula") << u"=HYPERLINK(\"x\")"_s << u"\"'=HYPERLINK(\"\"x\"\")\""_s;
        QTest::newRow("at sign") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
        QTest::newRow("plus text") << u"+cmd"_s << u"'+cmd"_s;
        QTest::newRow("minus text") << u"-x"_s << u"'-x"_s;
        QTest::newRow("negative number") << u"-12"_s << u"-12"_s;
        QTest::newRow("signed decimal") << u"+3.5"_s << u"+3.5"_s;
    }

    void fieldQuoting()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(TableCsvExport::field(text), field);
    }

    void tableHasHeaderAndCrlfRecords()
    {
        QStandardItemModel model(0, 3);
        model.setHorizontalHeaderLabels({u"Model"_s, u"Requests"_s, u"Share, %"_s});
        model.appendRow({new QStandardItem(u"llama3"_s), number(qint64(1234567)), number(12.5)});
        model.appendRow({new QStandardItem(u"a \"quoted\", name"_s), number(qint64(0)), number(0.1)});

        const QString csv = TableCsvExport::toCsv(model);
        QCOMPARE(csv,
                 u"Model,Requests,\"Share, %\"\r\n"
                 "llama3,1234567,12.5\r\n"
                 "\"a \"\"quoted\"\", name\",0,0.1\r\n"_s);
    }

    void emptyModelGivesHeaderOnly()
    {
        QStandardItemModel model(0, 2);
        model.setHorizontalHeaderLabels({u"User"_s, u"Requests"_s});
        QCOMPARE(TableCsvExport::toCsv(model), u"User,Requests\r\n"_s);

        QStandardItemModel noColumns;
        QCOMPARE(TableCsvExport::toCsv(noColumns), u"\r\n"_s);
    }

    void multilineCellStaysOneRecord()
    {
        QStandardItemModel model(0, 2);
        model.setHorizontalHeaderLabels({u"Prompt"_s, u"n"_s});
        model.appendRow({new QStandardItem(u"first\nsecond"_s), number(2)});

        const QString csv = TableCsvExport::toCsv(model);
        QCOMPARE(csv, u"Prompt,n\r\n\"first\nsecond\",2\r\n"_s);
        QCOMPARE(csv.count(u"\r\n"_s), 2);
    }

    void writeFileWritesUtf8()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStandardItemModel model(0, 1);
        model.setHorizontalHeaderLabels({u"Name"_s});
        model.appendRow(new QStandardItem(u"Jürgen"_s));

        const QString path = dir.filePath(u"out.csv"_s);
        QString message;
        QVERIFY(TableCsvExport::writeFile(model, path, &message));
        QVERIFY(message.isEmpty());

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), "Name\r\nJ\xc3\xbcrgen\r\n"_ba);
    }

    void writeFileReportsFailure()
    {
        QStandardItemModel model(0, 1);
        QString message;
        QVERIFY(!TableCsvExport::writeFile(model, u"/nonexistent-dir/out.csv"_s, &message));
        QVERIFY(message.contains(u"/nonexistent-dir/out.csv"_s));
        QVERIFY(!TableCsvExport::writeFile(model, u"/nonexistent-dir/out.csv"_s)); // no message wanted
    }
};

QTEST_MAIN(TestTableCsvExport)
#include "tst_tablecsvexport.moc"
