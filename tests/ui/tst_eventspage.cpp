// SPDX-License-Identifier: GPL-3.0-or-later
// The console's Events page, driven through its widgets without a gateway:
// the create form, the QR preview, PDF and QR export, live claims.
#include "ClaimCode.h"
#include "EventsPage.h"
#include "LabelTemplate.h"
#include "QrDecoder.h"
#include "QrPreview.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::EventsPage;
using Gateway::EventRecord;

class TestEventsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createRequestsSingleUseEvent();
    void createRequestsSharedEventWithCap();
    void refusesEmptyName();
    void createdCodesShowInListAndPreview();
    void exportedPdfDecodesToClaimUrls();
    void exportsQrAsPngAndSvg();
    void sharedCodeFillsTheSheet();
    void claimsAppearLiveNewestFirst();
    void savingPublicUrlEmitsIt();
    void eventsTableShowsCountsAndPaid();

private:
    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (!widget)
            qFatal("no child named %s", qPrintable(name));
        return widget;
    }
    void createEvent(EventRecord::CodeKind kind, const QStringList &codes);

    EventsPage *m_page = nullptr;
    QTemporaryDir m_dir;
};

void TestEventsPage::init()
{
    m_page = new EventsPage;
    m_page->resize(1200, 800);
    m_page->show();
}

void TestEventsPage::cleanup()
{
    delete m_page;
    m_page = nullptr;
}

void TestEventsPage::createEvent(EventRecord::CodeKind kind, const QStringList &codes)
{
    EventRecord event;
    event.id = u"evt_test0001"_s;
    event.name = u"DevFest 2026"_s;
    event.codeKind = kind;
    event.codeCount = codes.size();
    event.endsAt = QDateTime::currentDateTimeUtc().addDays(30);
    m_page->showCreated(event, codes);
}

void TestEventsPage::createRequestsSingleUseEvent()
{
    QSignalSpy requested(m_page, &EventsPage::createEventRequested);
    child<QLineEdit>(u"eventName"_s)->setText(u"  DevFest 2026 "_s);
    child<QLineEdit>(u"eventText"_s)->setText(u"Welcome"_s);
    child<QSpinBox>(u"eventCount"_s)->setValue(30);
    child<QSpinBox>(u"eventDays"_s)->setValue(5);
    QTest::mouseClick(child<QPushButton>(u"createEventButton"_s), Qt::LeftButton);

    QCOMPARE(requested.size(), 1);
    const auto request = requested.first().first().value<Gateway::EventIssuer::Request>();
    QCOMPARE(request.name, u"DevFest 2026"_s);
    QCOMPARE(request.description, u"Welcome"_s);
    QCOMPARE(request.codeKind, EventRecord::CodeKind::SingleUse);
    QCOMPARE(request.singleUseCount, 30);
    QCOMPARE(request.trialDays, 5);
    QVERIFY(!request.maxClaims);
}

void TestEventsPage::createRequestsSharedEventWithCap()
{
    QSignalSpy requested(m_page, &EventsPage::createEventRequested);
    child<QLineEdit>(u"eventName"_s)->setText(u"Poster"_s);
    child<QComboBox>(u"eventKind"_s)->setCurrentIndex(1);
    QVERIFY(!child<QSpinBox>(u"eventCount"_s)->isEnabled());
    child<QLineEdit>(u"eventSharedCode"_s)->setText(u"POSTER-2026"_s);
    child<QSpinBox>(u"eventCap"_s)->setValue(250);
    QTest::mouseClick(child<QPushButton>(u"createEventButton"_s), Qt::LeftButton);

    QCOMPARE(requested.size(), 1);
    const auto request = requested.first().first().value<Gateway::EventIssuer::Request>();
    QCOMPARE(request.codeKind, EventRecord::CodeKind::Shared);
    QCOMPARE(request.sharedCode, u"POSTER-2026"_s);
    QCOMPARE(request.maxClaims, std::optional<qint64>(250));
}

void TestEventsPage::refusesEmptyName()
{
    QSignalSpy requested(m_page, &EventsPage::createEventRequested);
    child<QLineEdit>(u"eventName"_s)->setText(u"   "_s);
    QTest::mouseClick(child<QPushButton>(u"createEventButton"_s), Qt::LeftButton);
    QCOMPARE(requested.size(), 0);
}

void TestEventsPage::createdCodesShowInListAndPreview()
{
    child<QLineEdit>(u"publicUrl"_s)->setText(u"https://gw.example.org"_s);
    const QStringList codes{Gateway::ClaimCode::generate(), Gateway::ClaimCode::generate()};
    createEvent(EventRecord::CodeKind::SingleUse, codes);

    auto *list = child<QListWidget>(u"eventCodes"_s);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(1)->text(), Gateway::ClaimCode::display(codes.at(1)));
    auto *preview = child<Console::QrPreview>(u"qrPreview"_s);
    QCOMPARE(preview->text(), u"https://gw.example.org/claim/"_s + codes.at(0));
    list->setCurrentRow(1);
    QCOMPARE(preview->text(), u"https://gw.example.org/claim/"_s + codes.at(1));
    QVERIFY(preview->code());

    // The preview on screen scans too.
    const QImage shown = preview->grab().toImage();
    QCOMPARE(QrDecoder::decode({shown}), QStringList{preview->text()});
}

void TestEventsPage::exportedPdfDecodesToClaimUrls()
{
    child<QLineEdit>(u"publicUrl"_s)->setText(u"https://gw.example.org"_s);
    QStringList codes;
    for (int i = 0; i < 3; ++i)
        codes.append(Gateway::ClaimCode::generate());
    createEvent(EventRecord::CodeKind::SingleUse, codes);
    child<QComboBox>(u"labelTemplate"_s)->setCurrentIndex(1); // 5160

    const QString path = m_dir.filePath(u"page.pdf"_s);
    QVERIFY(m_page->exportPdf(path));
    const QImage page = QrDecoder::renderPdfPage(path, 1, 300);
    QCOMPARE(page.size(), QSize(2550, 3300));
    const Console::LabelTemplate sheet = Console::LabelTemplate::avery5160();
    QList<QRectF> rects;
    for (int i = 0; i < 3; ++i)
        rects.append(QRectF(sheet.leftMm + i * sheet.pitchXMm, sheet.topMm, sheet.labelWidthMm, sheet.labelHeightMm));
    QStringList expected;
    for (const QString &code : codes)
        expected.append(u"https://gw.example.org/claim/"_s + code);
    QCOMPARE(QrDecoder::decode(QrDecoder::crop(page, rects, 300)), expected);
}

void TestEventsPage::exportsQrAsPngAndSvg()
{
    QVERIFY(!m_page->exportQr(m_dir.filePath(u"none.png"_s)));
    child<QLineEdit>(u"publicUrl"_s)->setText(u"http://127.0.0.1:11435"_s);
    const QString code = Gateway::ClaimCode::generate();
    createEvent(EventRecord::CodeKind::SingleUse, {code});

    const QString png = m_dir.filePath(u"code.png"_s);
    QVERIFY(m_page->exportQr(png));
    QCOMPARE(QrDecoder::decode({QImage(png)}), QStringList{u"http://127.0.0.1:11435/claim/"_s + code});
    const QString svg = m_dir.filePath(u"code.svg"_s);
    QVERIFY(m_page->exportQr(svg));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("<path fill=\"#000\""));
}

void TestEventsPage::sharedCodeFillsTheSheet()
{
    child<QLineEdit>(u"publicUrl"_s)->setText(u"https://gw.example.org"_s);
    createEvent(EventRecord::CodeKind::Shared, {u"POSTER2026"_s});
    QCOMPARE(m_page->currentLabels().size(), 21);
    child<QSpinBox>(u"skipLabels"_s)->setValue(5);
    QCOMPARE(m_page->currentLabels().size(), 16);
    QCOMPARE(m_page->currentOptions().skipLabels, 5);
}

void TestEventsPage::claimsAppearLiveNewestFirst()
{
    Gateway::ClaimRecord first;
    first.eventId = u"evt_test0001"_s;
    first.keyId = u"key_aaaaaaaa"_s;
    first.userTier = u"pro_trial"_s;
    first.claimedAt = QDateTime::currentDateTimeUtc();
    Gateway::ClaimRecord second = first;
    second.keyId = u"key_bbbbbbbb"_s;
    second.email = u"<b>ada@example.org</b>"_s;

    m_page->setClaims(QString(), {second, first});
    auto *table = child<QTableWidget>(u"claimsTable"_s);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 2)->text(), u"key_bbbbbbbb"_s);

    Gateway::ClaimRecord third = first;
    third.keyId = u"key_cccccccc"_s;
    m_page->addClaim(third);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 2)->text(), u"key_cccccccc"_s);
    QCOMPARE(table->item(1, 5)->text(), u"<b>ada@example.org</b>"_s);
}

void TestEventsPage::savingPublicUrlEmitsIt()
{
    QSignalSpy changed(m_page, &EventsPage::publicBaseUrlChangeRequested);
    child<QLineEdit>(u"publicUrl"_s)->setText(u" https://gw.example.org "_s);
    QTest::mouseClick(child<QPushButton>(u"savePublicUrlButton"_s), Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toString(), u"https://gw.example.org"_s);
    m_page->setPublicBaseUrl(u"https://other.example.org"_s);
    QCOMPARE(child<QLineEdit>(u"publicUrl"_s)->text(), u"https://other.example.org"_s);
}

void TestEventsPage::eventsTableShowsCountsAndPaid()
{
    child<QLineEdit>(u"publicUrl"_s)->setText(u"https://gw.example.org"_s);
    QStringList codes;
    for (int i = 0; i < 21; ++i)
        codes.append(Gateway::ClaimCode::generate());
    createEvent(EventRecord::CodeKind::SingleUse, codes);

    EventRecord poster;
    poster.id = u"evt_poster01"_s;
    poster.name = u"Poster at the entrance"_s;
    poster.codeKind = EventRecord::CodeKind::Shared;
    poster.codeCount = 1;
    poster.claimCount = 37;
    poster.maxClaims = 100;
    poster.paidCount = 4;
    poster.endsAt = QDateTime::currentDateTimeUtc().addDays(20);
    EventRecord badges;
    badges.id = u"evt_test0001"_s;
    badges.name = u"DevFest 2026"_s;
    badges.codeCount = 21;
    badges.claimCount = 2;
    badges.endsAt = QDateTime::currentDateTimeUtc().addDays(30);
    m_page->setEvents({badges, poster});

    auto *events = child<QTableWidget>(u"eventsTable"_s);
    QCOMPARE(events->rowCount(), 2);
    QCOMPARE(events->item(1, 4)->text(), u"37"_s);
    QCOMPARE(events->item(1, 5)->text(), u"100"_s);
    QCOMPARE(events->item(1, 6)->text(), u"4"_s);
    // The selection survives the refresh, and with it the codes.
    QCOMPARE(child<QListWidget>(u"eventCodes"_s)->count(), 21);

    for (int i = 0; i < 2; ++i) {
        Gateway::ClaimRecord claim;
        claim.eventId = badges.id;
        claim.keyId = i == 0 ? u"key_7h3k9q2m"_s : u"key_x2c4v6b8"_s;
        claim.userName = i == 0 ? u"trial-4f2a9k1m"_s : u"trial-8d0c3x7q"_s;
        claim.userTier = i == 0 ? u"pro"_s : u"pro_trial"_s;
        claim.email = i == 0 ? u"ada@example.org"_s : QString();
        claim.clientAddress = u"192.0.2.17"_s;
        claim.claimedAt = QDateTime::currentDateTimeUtc().addSecs(-60 * (2 - i));
        m_page->addClaim(claim);
    }
    QCOMPARE(child<QTableWidget>(u"claimsTable"_s)->rowCount(), 2);

    // For the documentation: SOULFRA_SCREENSHOT_DIR=docs saves the page.
    const QString dir = qEnvironmentVariable("SOULFRA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(m_page->grab().save(dir + u"/console-events.png"_s));
}

QTEST_MAIN(TestEventsPage)
#include "tst_eventspage.moc"
