// SPDX-License-Identifier: GPL-3.0-or-later
// `soulfra-gateway events ...` run as a process, as staff would without a
// display: create codes, print sheets, export a QR code, revoke.
#include "ClaimCode.h"
#include "EventIssuer.h"
#include "LabelTemplate.h"
#include "QrDecoder.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"
#include "TestPaths.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QStringList lines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
};

Run runEvents(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(environment);
    process.start(TestPaths::gatewayBinary(), QStringList{u"events"_s} + arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QList<QRectF> labelRects(const Console::LabelTemplate &sheet, int count)
{
    QList<QRectF> rects;
    for (int i = 0; i < count; ++i) {
        rects.append(QRectF(sheet.leftMm + (i % sheet.columns) * sheet.pitchXMm,
                            sheet.topMm + (i / sheet.columns) * sheet.pitchYMm, sheet.labelWidthMm, sheet.labelHeightMm));
    }
    return rects;
}

} // namespace

class TestEventsCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createPrintsIdAndCodes();
    void createsSharedCodeWithCap();
    void rejectsBadCreateArguments_data();
    void rejectsBadCreateArguments();
    void sheetDecodesToClaimUrlsOfTheSetting();
    void sheetReadsCodesFromStandardInputForLetter();
    void sheetRejectsCodesOfAnotherEvent();
    void sheetNeedsAPublicUrl();
    void qrExportsPngAndSvg();
    void revokeStopsEveryCode();

private:
    QStringList dataDir() const { return {u"--data-dir"_s, m_dir->path()}; }
    Run create(const QStringList &extra);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestEventsCommand::init()
{
    QVERIFY(!TestPaths::gatewayBinary().isEmpty());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run TestEventsCommand::create(const QStringList &extra)
{
    return runEvents(QStringList{u"create"_s, u"--name"_s, u"DevFest 2026"_s} + extra + dataDir());
}

void TestEventsCommand::createPrintsIdAndCodes()
{
    const Run run = create({u"--single-use"_s, u"5"_s, u"--days"_s, u"3"_s});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.lines();
    QCOMPARE(lines.size(), 6);
    QVERIFY(QRegularExpression(u"^evt_[0-9a-z]{8}$"_s).match(lines.first()).hasMatch());
    static const QRegularExpression shown(u"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"_s);
    for (const QString &code : lines.mid(1))
        QVERIFY2(shown.match(code).hasMatch(), qPrintable(code));

    const Run list = runEvents(QStringList{u"list"_s} + dataDir());
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains(lines.first() + u"\tsingle-use\t5\t0\t-\t0\t"_s));
}

void TestEventsCommand::createsSharedCodeWithCap()
{
    const Run run = create({u"--shared"_s, u"poster-2026"_s, u"--cap"_s, u"2"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines().size(), 2);
    QCOMPARE(run.lines().at(1), u"P0ST-ER20-26"_s);

    const Run automatic = create({u"--shared"_s, u"auto"_s});
    QCOMPARE(automatic.exitCode, 0);
    QCOMPARE(automatic.lines().at(1).size(), 14);
    const Run list = runEvents(QStringList{u"list"_s} + dataDir());
    QVERIFY(list.out.contains(run.lines().first() + u"\tshared\t1\t0\t2\t"_s));
    QVERIFY(list.out.contains(automatic.lines().first() + u"\tshared\t1\t0\t100\t"_s));
}

void TestEventsCommand::rejectsBadCreateArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("both kinds") << QStringList{u"--name"_s, u"x"_s, u"--single-use"_s, u"2"_s, u"--shared"_s, u"auto"_s};
    QTest::newRow("no kind") << QStringList{u"--name"_s, u"x"_s};
    QTest::newRow("no name") << QStringList{u"--single-use"_s, u"2"_s};
    QTest::newRow("zero codes") << QStringList{u"--name"_s, u"x"_s, u"--single-use"_s, u"0"_s};
    QTest::newRow("not a number") << QStringList{u"--name"_s, u"x"_s, u"--single-use"_s, u"ten"_s};
    QTest::newRow("cap on single use") << QStringList{u"--name"_s, u"x"_s, u"--single-use"_s, u"2"_s, u"--cap"_s, u"5"_s};
    QTest::newRow("U in shared code") << QStringList{u"--name"_s, u"x"_s, u"--shared"_s, u"UUUU-UUUU"_s};
    QTest::newRow("too long trial") << QStringList{u"--name"_s, u"x"_s, u"--single-use"_s, u"2"_s, u"--days"_s, u"400"_s};
    QTest::newRow("unknown tier") << QStringList{u"--name"_s, u"x"_s, u"--single-use"_s, u"2"_s, u"--tier"_s, u"gold"_s};
}

void TestEventsCommand::rejectsBadCreateArguments()
{
    QFETCH(QStringList, arguments);
    const Run run = runEvents(QStringList{u"create"_s} + arguments + dataDir());
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY(!run.err.isEmpty());
    const Run list = runEvents(QStringList{u"list"_s} + dataDir());
    QCOMPARE(list.lines().size(), list.exitCode == 0 ? 1 : 0);
}

void TestEventsCommand::sheetDecodesToClaimUrlsOfTheSetting()
{
    if (!QrDecoder::available())
        QFAIL("pdftoppm and zbarimg are needed: apt-get install poppler-utils zbar-tools");

    const Run created = create({u"--single-use"_s, u"21"_s});
    QCOMPARE(created.exitCode, 0);
    const QString codesFile = m_dir->filePath(u"codes.txt"_s);
    QFile file(codesFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(created.out.toUtf8());
    file.close();

    QCOMPARE(runEvents(QStringList{u"set-url"_s, u"https://gw.example.org/ai/"_s} + dataDir()).exitCode, 0);
    const QString pdf = m_dir->filePath(u"sheet.pdf"_s);
    const Run sheet = runEvents(QStringList{u"sheet"_s, created.lines().first(), u"--template"_s, u"L7160"_s,
                                            u"--out"_s, pdf, u"--codes"_s, codesFile} + dataDir());
    QCOMPARE(sheet.exitCode, 0);

    QStringList expected;
    for (const QString &code : created.lines().mid(1))
        expected.append(u"https://gw.example.org/ai/claim/"_s + QString(code).remove(u'-'));
    const QImage page = QrDecoder::renderPdfPage(pdf, 1, 300);
    QCOMPARE(QrDecoder::decode(QrDecoder::crop(page, labelRects(Console::LabelTemplate::l7160(), 21), 300)), expected);
}

void TestEventsCommand::sheetReadsCodesFromStandardInputForLetter()
{
    const Run created = create({u"--single-use"_s, u"3"_s});
    const QString pdf = m_dir->filePath(u"letter.pdf"_s);
    const Run sheet = runEvents(QStringList{u"sheet"_s, created.lines().first(), u"--template"_s, u"5160"_s,
                                            u"--out"_s, pdf, u"--public-url"_s, u"http://127.0.0.1:11435"_s}
                                    + dataDir(),
                                created.out.toLower().toUtf8());
    QCOMPARE(sheet.exitCode, 0);
    QStringList expected;
    for (const QString &code : created.lines().mid(1))
        expected.append(u"http://127.0.0.1:11435/claim/"_s + QString(code).remove(u'-'));
    const QImage page = QrDecoder::renderPdfPage(pdf, 1, 300);
    QCOMPARE(page.size(), QSize(2550, 3300));
    QCOMPARE(QrDecoder::decode(QrDecoder::crop(page, labelRects(Console::LabelTemplate::avery5160(), 3), 300)), expected);
}

void TestEventsCommand::sheetRejectsCodesOfAnotherEvent()
{
    const Run first = create({u"--single-use"_s, u"2"_s});
    const Run second = create({u"--single-use"_s, u"2"_s});
    const QString pdf = m_dir->filePath(u"wrong.pdf"_s);
    const Run sheet = runEvents(QStringList{u"sheet"_s, first.lines().first(), u"--template"_s, u"L7160"_s, u"--out"_s,
                                            pdf, u"--public-url"_s, u"https://gw.example.org"_s}
                                    + dataDir(),
                                second.out.toUtf8());
    QCOMPARE(sheet.exitCode, 2);
    QVERIFY(sheet.err.contains(u"does not belong"_s));
    QVERIFY(!QFile::exists(pdf));

    const Run garbage = runEvents(QStringList{u"sheet"_s, first.lines().first(), u"--template"_s, u"L7160"_s, u"--out"_s,
                                              pdf, u"--public-url"_s, u"https://gw.example.org"_s}
                                      + dataDir(),
                                  "<script>\n");
    QCOMPARE(garbage.exitCode, 2);
    QVERIFY(!QFile::exists(pdf));
}

void TestEventsCommand::sheetNeedsAPublicUrl()
{
    const Run created = create({u"--single-use"_s, u"1"_s});
    const QString pdf = m_dir->filePath(u"nourl.pdf"_s);
    const QStringList sheet{u"sheet"_s, created.lines().first(), u"--template"_s, u"L7160"_s, u"--out"_s, pdf};
    Run run = runEvents(sheet + dataDir(), created.out.toUtf8());
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(u"set-url"_s));
    run = runEvents(sheet + QStringList{u"--public-url"_s, u"ftp://gw.example.org"_s} + dataDir(), created.out.toUtf8());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(runEvents(QStringList{u"set-url"_s, u"javascript:alert(1)"_s} + dataDir()).exitCode, 2);
    run = runEvents(QStringList{u"sheet"_s, created.lines().first(), u"--template"_s, u"A4"_s, u"--out"_s, pdf}
                        + dataDir(),
                    created.out.toUtf8());
    QCOMPARE(run.exitCode, 2);
    QVERIFY(!QFile::exists(pdf));
}

void TestEventsCommand::qrExportsPngAndSvg()
{
    const Run created = create({u"--shared"_s, u"auto"_s});
    const QString code = created.lines().at(1);
    const QString png = m_dir->filePath(u"poster.png"_s);
    const QStringList base{u"qr"_s, created.lines().first(), u"--code"_s, code.toLower(), u"--public-url"_s,
                           u"https://Gw.Example.org"_s};
    QCOMPARE(runEvents(base + QStringList{u"--out"_s, png} + dataDir()).exitCode, 0);
    QCOMPARE(QrDecoder::decode({QImage(png)}),
             QStringList{u"https://Gw.Example.org/claim/"_s + QString(code).remove(u'-')});

    const QString svg = m_dir->filePath(u"poster.svg"_s);
    QCOMPARE(runEvents(base + QStringList{u"--out"_s, svg} + dataDir()).exitCode, 0);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("<path"));

    QCOMPARE(runEvents(base + QStringList{u"--out"_s, m_dir->filePath(u"poster.gif"_s)} + dataDir()).exitCode, 2);
    QCOMPARE(runEvents(QStringList{u"qr"_s, created.lines().first(), u"--code"_s, Gateway::ClaimCode::generate(),
                                   u"--public-url"_s, u"https://gw.example.org"_s, u"--out"_s, png}
                           + dataDir())
                 .exitCode,
             2);
}

void TestEventsCommand::revokeStopsEveryCode()
{
    const Run created = create({u"--single-use"_s, u"2"_s});
    const QString id = created.lines().first();
    QCOMPARE(runEvents(QStringList{u"revoke"_s, id} + dataDir()).exitCode, 0);
    QCOMPARE(runEvents(QStringList{u"revoke"_s, u"evt_missing0"_s} + dataDir()).exitCode, 2);

    Gateway::StorageConfig config;
    config.dataDir = m_dir->path();
    Gateway::SqliteStorage storage(config.databasePath(), u"check"_s);
    QVERIFY(storage.open());
    for (const QString &code : created.lines().mid(1)) {
        Gateway::EventIssuer::ClaimRequest request;
        request.codeText = code;
        const auto claimed = Gateway::EventIssuer::redeem(storage, request);
        QVERIFY(!claimed);
        QCOMPARE(claimed.error().code(), Gateway::ErrorCode::NotFound);
    }
}

QTEST_GUILESS_MAIN(TestEventsCommand)
#include "tst_eventscommand.moc"
