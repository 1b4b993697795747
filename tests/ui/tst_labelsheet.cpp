// SPDX-License-Identifier: GPL-3.0-or-later
// Printable claim-code sheets and single QR exports, decoded back with
// Debian's pdftoppm and zbarimg as a phone would read them.
#include "ClaimCode.h"
#include "LabelSheet.h"
#include "LabelTemplate.h"
#include "QrCode.h"
#include "QrDecoder.h"

#include <QFile>
#include <QPageSize>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::LabelSheet;
using Console::LabelTemplate;
using Console::QrCode;

namespace {

constexpr int scanDpi = 300;

QList<LabelSheet::Label> labelsFor(int count, const QString &base, QStringList *urls)
{
    QList<LabelSheet::Label> labels;
    for (int i = 0; i < count; ++i) {
        const QString code = Gateway::ClaimCode::generate();
        const QString url = Gateway::ClaimCode::claimUrl(base, code);
        labels.append({url, u"DevFest 2026 \u2013 Z\u00fcrich"_s, Gateway::ClaimCode::display(code)});
        urls->append(url);
    }
    return labels;
}

// The rectangles of the labels on one page, shifted by the offsets.
QList<QRectF> labelRects(const LabelTemplate &sheet, int count, double offsetX = 0, double offsetY = 0, int skip = 0)
{
    QList<QRectF> rects;
    for (int i = skip; i < skip + count; ++i) {
        const int column = i % sheet.columns;
        const int row = i / sheet.columns;
        rects.append(QRectF(sheet.leftMm + column * sheet.pitchXMm + offsetX, sheet.topMm + row * sheet.pitchYMm + offsetY,
                            sheet.labelWidthMm, sheet.labelHeightMm));
    }
    return rects;
}

QString pdfText(const QString &path)
{
    QProcess process;
    process.start(u"pdftotext"_s, {path, u"-"_s});
    process.waitForFinished(30000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestLabelSheet final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void templatesMatchTheirPaper();
    void l7160SheetDecodesToExactUrls();
    void avery5160SheetDecodesToExactUrls();
    void customGridDecodesToExactUrls();
    void moreLabelsThanFitStartANewPage();
    void offsetsAndSkipMoveTheLabels();
    void pngExportDecodesToExactUrl();
    void svgExportIsVectorPathOfSameModules();
    void encodesLevelMWithQuietZone();
    void rejectsEmptyOrHugeText();
    void failsOnUnwritablePath();

private:
    QTemporaryDir m_dir;
};

void TestLabelSheet::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!QrDecoder::available())
        QFAIL("pdftoppm and zbarimg are needed: apt-get install poppler-utils zbar-tools");
}

void TestLabelSheet::customGridDecodesToExactUrls()
{
    const std::optional<LabelTemplate> grid = LabelTemplate::byName(u"grid:2x4:letter"_s);
    QVERIFY(grid);
    QVERIFY(grid->isValid());
    QCOMPARE(grid->labelsPerPage(), 8);
    QCOMPARE(grid->pageSize, QPageSize::Letter);
    QVERIFY(!LabelTemplate::byName(u"grid:20x30"_s)); // labels far below 20 mm
    QVERIFY(!LabelTemplate::byName(u"grid:0x3"_s));
    QVERIFY(!LabelTemplate::byName(u"grid:2x4:a3"_s));

    QStringList urls;
    const QList<LabelSheet::Label> labels = labelsFor(8, u"http://127.0.0.1:11435/"_s, &urls);
    const QString path = m_dir.filePath(u"grid.pdf"_s);
    QCOMPARE(LabelSheet::writePdf(path, *grid, labels, {}), std::optional<int>(1));

    const QImage page = QrDecoder::renderPdfPage(path, 1, scanDpi);
    const QStringList decoded = QrDecoder::decode(QrDecoder::crop(page, labelRects(*grid, 8), scanDpi));
    QCOMPARE(decoded, urls);
}

void TestLabelSheet::templatesMatchTheirPaper()
{
    const LabelTemplate l7160 = LabelTemplate::l7160();
    QVERIFY(l7160.isValid());
    QCOMPARE(l7160.labelsPerPage(), 21);
    QCOMPARE(l7160.pageSize, QPageSize::A4);
    QCOMPARE(l7160.labelWidthMm, 63.5);
    // Centred on A4: equal margins left and right, top and bottom.
    QVERIFY(qAbs(l7160.leftMm - (210 - (l7160.leftMm + 2 * l7160.pitchXMm + l7160.labelWidthMm))) < 0.01);
    QVERIFY(qAbs(l7160.topMm - 15.15) < 0.01);

    const LabelTemplate us = LabelTemplate::avery5160();
    QVERIFY(us.isValid());
    QCOMPARE(us.labelsPerPage(), 30);
    QCOMPARE(us.pageSize, QPageSize::Letter);
    QVERIFY(qAbs(us.labelHeightMm - 25.4) < 0.001);

    QCOMPARE(LabelTemplate::byName(u"l7160"_s)->name, u"L7160"_s);
    QCOMPARE(LabelTemplate::byName(u"5160"_s)->name, u"5160"_s);
    QVERIFY(!LabelTemplate::byName(u"L7161"_s));

    LabelTemplate tooWide = l7160;
    tooWide.columns = 4;
    QVERIFY(!tooWide.isValid());
}

void TestLabelSheet::l7160SheetDecodesToExactUrls()
{
    QStringList urls;
    const QList<LabelSheet::Label> labels = labelsFor(21, u"https://gw.example.org"_s, &urls);
    const QString path = m_dir.filePath(u"l7160.pdf"_s);
    QCOMPARE(LabelSheet::writePdf(path, LabelTemplate::l7160(), labels, {}), std::optional<int>(1));

    const QImage page = QrDecoder::renderPdfPage(path, 1, scanDpi);
    QVERIFY(!page.isNull());
    // A4 at 300 dpi.
    QCOMPARE(page.size(), QSize(2480, 3509));
    const QStringList decoded = QrDecoder::decode(QrDecoder::crop(page, labelRects(LabelTemplate::l7160(), 21), scanDpi));
    QCOMPARE(decoded, urls);

    const QString text = pdfText(path);
    QVERIFY(text.contains(u"DevFest 2026 \u2013 Z\u00fcrich"_s) || text.contains(u"Z\u00fcrich"_s));
    for (const LabelSheet::Label &label : labels)
        QVERIFY2(text.contains(label.codeText), qPrintable(label.codeText));
}

void TestLabelSheet::avery5160SheetDecodesToExactUrls()
{
    QStringList urls;
    const QList<LabelSheet::Label> labels = labelsFor(30, u"http://127.0.0.1:11435/"_s, &urls);
    const QString path = m_dir.filePath(u"5160.pdf"_s);
    QCOMPARE(LabelSheet::writePdf(path, LabelTemplate::avery5160(), labels, {}), std::optional<int>(1));

    const QImage page = QrDecoder::renderPdfPage(path, 1, scanDpi);
    QCOMPARE(page.size(), QSize(2550, 3300)); // US Letter at 300 dpi
    const QStringList decoded =
        QrDecoder::decode(QrDecoder::crop(page, labelRects(LabelTemplate::avery5160(), 30), scanDpi));
    QCOMPARE(decoded, urls);
}

void TestLabelSheet::moreLabelsThanFitStartANewPage()
{
    QStringList urls;
    const QList<LabelSheet::Label> labels = labelsFor(23, u"https://gw.example.org"_s, &urls);
    const QString path = m_dir.filePath(u"two-pages.pdf"_s);
    QCOMPARE(LabelSheet::writePdf(path, LabelTemplate::l7160(), labels, {}), std::optional<int>(2));

    const QImage second = QrDecoder::renderPdfPage(path, 2, scanDpi);
    QVERIFY(!second.isNull());
    QCOMPARE(QrDecoder::decode(QrDecoder::crop(second, labelRects(LabelTemplate::l7160(), 2), scanDpi)), urls.mid(21));
}

void TestLabelSheet::offsetsAndSkipMoveTheLabels()
{
    QStringList urls;
    const QList<LabelSheet::Label> labels = labelsFor(2, u"https://gw.example.org"_s, &urls);
    LabelSheet::Options options;
    options.offsetXMm = 4;
    options.offsetYMm = -3;
    options.skipLabels = 4;
    const QString path = m_dir.filePath(u"offset.pdf"_s);
    QCOMPARE(LabelSheet::writePdf(path, LabelTemplate::l7160(), labels, options), std::optional<int>(1));

    const QImage page = QrDecoder::renderPdfPage(path, 1, scanDpi);
    const LabelTemplate sheet = LabelTemplate::l7160();
    // Labels 5 and 6 (second row, middle and right) hold the codes.
    QCOMPARE(QrDecoder::decode(QrDecoder::crop(page, labelRects(sheet, 2, 4, -3, 4), scanDpi)), urls);
    // The first four label positions stay empty.
    QCOMPARE(QrDecoder::decode(QrDecoder::crop(page, labelRects(sheet, 4, 4, -3, 0), scanDpi)), QStringList());

    // The leftmost dark pixel of label 5's QR code moved 4 mm right of the
    // unshifted position: column 1 starts at left + pitch, plus padding
    // and quiet zone.
    const double dotsPerMm = scanDpi / 25.4;
    const int row = qRound((sheet.topMm + sheet.pitchYMm - 3 + sheet.labelHeightMm / 2) * dotsPerMm);
    int firstDark = -1;
    for (int x = qRound((sheet.leftMm + sheet.pitchXMm) * dotsPerMm); x < page.width() && firstDark < 0; ++x) {
        if (qGray(page.pixel(x, row)) < 128)
            firstDark = x;
    }
    const double expectedMm = sheet.leftMm + sheet.pitchXMm + 4 + 1.5;
    QVERIFY(firstDark > 0);
    const double foundMm = firstDark / dotsPerMm;
    // Within the quiet zone and the first modules (about 3.5 mm) of the expected edge.
    QVERIFY2(foundMm > expectedMm && foundMm < expectedMm + 8, qPrintable(QString::number(foundMm)));
}

void TestLabelSheet::pngExportDecodesToExactUrl()
{
    // Mixed case must survive: libqrencode upper-cases without casesensitive.
    const QString url = u"https://Gw.Example.org/ai/claim/7KQ2M9XDTR4P"_s;
    const std::optional<QrCode> code = QrCode::encode(url);
    QVERIFY(code);
    const QImage image = code->toImage(6);
    QCOMPARE(image.width(), code->sizeWithQuietZone() * 6);
    const QString path = m_dir.filePath(u"single.png"_s);
    QVERIFY(image.save(path));
    QCOMPARE(QrDecoder::decode({QImage(path)}), QStringList{url});
}

void TestLabelSheet::svgExportIsVectorPathOfSameModules()
{
    const std::optional<QrCode> code = QrCode::encode(u"https://gw.example.org/claim/ABCDEFGHJKMN"_s);
    QVERIFY(code);
    const QByteArray svg = code->toSvg(1.0);
    QVERIFY(svg.startsWith("<?xml"));
    const QByteArray side = QByteArray::number(code->sizeWithQuietZone());
    QVERIFY(svg.contains(QByteArray("viewBox=\"0 0 " + side + ' ' + side + '"')));
    QVERIFY(svg.contains(QByteArray("width=\"" + side + ".00mm\"")));
    QVERIFY(svg.contains("<path fill=\"#000\" d=\"M"));
    QVERIFY(!svg.contains("<image"));

    // Every dark module is covered by exactly one run in the path.
    int darkModules = 0;
    for (int y = 0; y < code->size(); ++y) {
        for (int x = 0; x < code->size(); ++x)
            darkModules += code->isDark(x, y) ? 1 : 0;
    }
    int runModules = 0;
    const QByteArray path = svg.mid(svg.indexOf("d=\"") + 3);
    for (const QByteArray &run : path.left(path.indexOf('"')).split('z')) {
        const qsizetype h = run.indexOf('h');
        if (h > 0)
            runModules += run.mid(h + 1, run.indexOf('v') - h - 1).toInt();
    }
    QCOMPARE(runModules, darkModules);
}

void TestLabelSheet::encodesLevelMWithQuietZone()
{
    // 60 bytes of lower-case text (byte mode) need version 4 at level M
    // and version 5 at level Q (measured with libqrencode 4.1.1).
    const QString url = u"https://gw.example.org/claim/"_s.leftJustified(60, u'x');
    QCOMPARE(url.size(), 60);
    const std::optional<QrCode> m = QrCode::encode(url);
    const std::optional<QrCode> q = QrCode::encode(url, QrCode::Level::Q);
    QVERIFY(m && q);
    QCOMPARE(m->version(), 4);
    QCOMPARE(q->version(), 5);
    QCOMPARE(m->size(), 33);
    QCOMPARE(m->sizeWithQuietZone(), 41);
    QCOMPARE(QrDecoder::decode({m->toImage(4)}), QStringList{url});

    // The quiet zone is white in the image; the finder pattern starts right after it.
    const QImage image = m->toImage(1);
    for (int i = 0; i < QrCode::quietZoneModules; ++i) {
        QCOMPARE(image.pixelColor(i, 20), QColor(Qt::white));
        QCOMPARE(image.pixelColor(20, i), QColor(Qt::white));
    }
    QCOMPARE(image.pixelColor(4, 4), QColor(Qt::black));
}

void TestLabelSheet::rejectsEmptyOrHugeText()
{
    QVERIFY(!QrCode::encode(QString()));
    QVERIFY(!QrCode::encode(QString(8000, u'a')));

    QString error;
    const QList<LabelSheet::Label> labels{{QString(8000, u'a'), u"x"_s, u"y"_s}};
    QCOMPARE(LabelSheet::writePdf(m_dir.filePath(u"huge.pdf"_s), LabelTemplate::l7160(), labels, {}, &error),
             std::nullopt);
    QVERIFY(error.contains(u"QR code"_s));
}

void TestLabelSheet::failsOnUnwritablePath()
{
    QString error;
    const QList<LabelSheet::Label> labels{{u"https://gw.example.org/claim/ABCDEFGH"_s, u"x"_s, u"ABCD-EFGH"_s}};
    QCOMPARE(LabelSheet::writePdf(m_dir.filePath(u"missing/dir/out.pdf"_s), LabelTemplate::l7160(), labels, {}, &error),
             std::nullopt);
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(TestLabelSheet)
#include "tst_labelsheet.moc"
