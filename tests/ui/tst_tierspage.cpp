// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageBanner.h"
#include "TiersPage.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::TiersPage;
using Gateway::TierRecord;
using Gateway::UserRecord;

namespace {

QList<TierRecord> defaultTiers()
{
    TierRecord free;
    free.name = u"free"_s;
    free.keyPrefix = u"sk_free_"_s;
    free.callsPerDay = 1000;
    free.generationsPerMonth = 100;
    free.brandsPerMonth = 3;
    TierRecord pro;
    pro.name = u"pro"_s;
    pro.keyPrefix = u"sk_live_"_s;
    pro.priceCentsPerMonth = 1900;
    pro.callsPerDay = 50000;
    pro.queuePriority = 10;
    return {free, pro};
}

UserRecord user(const QString &name, const QString &tier)
{
    UserRecord record;
    record.name = name;
    record.tier = tier;
    return record;
}

} // namespace

class TestTiersPage final : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    T *child(TiersPage &page, const QString &name)
    {
        T *widget = page.findChild<T *>(name);
        if (!widget)
            qFatal("no child %s", qPrintable(name));
        return widget;
    }

    // The limit editors in form order: calls/day, generations/month,
    // brands/month, requests/minute, tokens/day, tokens/month, streams.
    QLineEdit *limitEdit(TiersPage &page, int index)
    {
        return child<QLineEdit>(page, u"tierLimit"_s + QString::number(index));
    }

private Q_SLOTS:
    void tableShowsLimitsAndUserCounts()
    {
        TiersPage page;
        page.setTiers(defaultTiers());
        page.setUsers({user(u"a"_s, u"pro"_s), user(u"b"_s, u"pro"_s), user(u"c"_s, u"free"_s)});

        auto *table = child<QTableWidget>(page, u"tierTable"_s);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->text(), u"free"_s);
        QCOMPARE(table->item(0, 1)->text(), u"1"_s);
        QCOMPARE(table->item(1, 1)->text(), u"2"_s);
        QCOMPARE(table->item(1, 2)->text(), u"19.00"_s);
        QCOMPARE(table->item(0, 3)->text(), u"1000"_s);
        QCOMPARE(table->item(1, 4)->text(), u"unlimited"_s);
    }

    void selectingTierLoadsForm()
    {
        TiersPage page;
        page.setTiers(defaultTiers());
        child<QTableWidget>(page, u"tierTable"_s)->selectRow(1);

        QCOMPARE(child<QLineEdit>(page, u"tierName"_s)->text(), u"pro"_s);
        QVERIFY(child<QLineEdit>(page, u"tierName"_s)->isReadOnly());
        QCOMPARE(limitEdit(page, 0)->text(), u"50000"_s);
        QCOMPARE(limitEdit(page, 1)->text(), u"unlimited"_s);
        QCOMPARE(child<QSpinBox>(page, u"tierPriority"_s)->value(), 10);
    }

    void saveEmitsEditedTier()
    {
        TiersPage page;
        page.setTiers(defaultTiers());
        child<QTableWidget>(page, u"tierTable"_s)->selectRow(0);
        QSignalSpy saved(&page, &TiersPage::saveTierRequested);

        limitEdit(page, 0)->setText(u"250"_s);
        limitEdit(page, 3)->setText(u"20"_s);
        child<QLineEdit>(page, u"tierModels"_s)->setText(u"llama3.2:*, qwen2.5-coder:7b"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveTierButton"_s), Qt::LeftButton);

        QCOMPARE(saved.size(), 1);
        const TierRecord tier = saved.first().first().value<TierRecord>();
        QCOMPARE(tier.name, u"free"_s);
        QCOMPARE(tier.keyPrefix, u"sk_free_"_s);
        QCOMPARE(tier.callsPerDay, std::optional<qint64>(250));
        QCOMPARE(tier.generationsPerMonth, std::optional<qint64>(100));
        QCOMPARE(tier.requestsPerMinute, std::optional<qint64>(20));
        QCOMPARE(tier.modelPatterns, (QStringList{u"llama3.2:*"_s, u"qwen2.5-coder:7b"_s}));
        QVERIFY(child<QLabel>(page, u"tierError"_s)->text().isEmpty());
    }

    void invalidValuesNameTheField_data()
    {
        QTest::addColumn<QString>("objectName");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");

        QTest::newRow("word limit") << u"tierLimit0"_s << u"lots"_s << u"API calls per day: \"lots\""_s;
        QTest::newRow("negative limit") << u"tierLimit4"_s << u"-1"_s << u"Tokens per day: \"-1\""_s;
        QTest::newRow("empty limit") << u"tierLimit6"_s << QString() << u"Concurrent streams: enter"_s;
        QTest::newRow("price") << u"tierPrice"_s << u"cheap"_s << u"Price: \"cheap\""_s;
        QTest::newRow("model pattern") << u"tierModels"_s << u"llama 3"_s << u"Models: \"llama 3\""_s;
        QTest::newRow("no models") << u"tierModels"_s << u" , "_s << u"Models: enter"_s;
        QTest::newRow("trial days") << u"tierTrialDays"_s << u"0"_s << u"Trial days: \"0\""_s;
    }

    void invalidValuesNameTheField()
    {
        QFETCH(QString, objectName);
        QFETCH(QString, value);
        QFETCH(QString, message);

        TiersPage page;
        page.setTiers(defaultTiers());
        child<QTableWidget>(page, u"tierTable"_s)->selectRow(0);
        QSignalSpy saved(&page, &TiersPage::saveTierRequested);

        child<QLineEdit>(page, objectName)->setText(value);
        QTest::mouseClick(child<QPushButton>(page, u"saveTierButton"_s), Qt::LeftButton);

        QCOMPARE(saved.size(), 0);
        const QString error = child<QLabel>(page, u"tierError"_s)->text();
        QVERIFY2(error.startsWith(message), qPrintable(error));
    }

    void newTierNeedsUniqueValidName()
    {
        TiersPage page;
        page.setTiers(defaultTiers());
        QSignalSpy saved(&page, &TiersPage::saveTierRequested);
        QTest::mouseClick(child<QPushButton>(page, u"newTierButton"_s), Qt::LeftButton);
        auto *name = child<QLineEdit>(page, u"tierName"_s);
        QVERIFY(!name->isReadOnly());

        name->setText(u"Team Plan"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveTierButton"_s), Qt::LeftButton);
        QVERIFY(child<QLabel>(page, u"tierError"_s)->text().startsWith(u"Name: use"_s));

        name->setText(u"pro"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveTierButton"_s), Qt::LeftButton);
        QVERIFY(child<QLabel>(page, u"tierError"_s)->text().contains(u"a tier named pro exists"_s));
        QCOMPARE(saved.size(), 0);

        name->setText(u"team"_s);
        child<QLineEdit>(page, u"tierTrialDays"_s)->setText(u"14"_s);
        auto *fallback = child<QComboBox>(page, u"tierFallback"_s);
        fallback->setCurrentIndex(fallback->findData(u"free"_s));
        QTest::mouseClick(child<QPushButton>(page, u"saveTierButton"_s), Qt::LeftButton);
        QCOMPARE(saved.size(), 1);
        const TierRecord team = saved.first().first().value<TierRecord>();
        QCOMPARE(team.name, u"team"_s);
        QVERIFY(!team.callsPerDay);
        QCOMPARE(team.modelPatterns, QStringList{u"*"_s});
        QCOMPARE(team.trialDurationSeconds, std::optional<qint64>(14 * 86400));
        QCOMPARE(team.fallbackTier, u"free"_s);
    }

    void saveErrorShowsInBanner()
    {
        TiersPage page;
        page.showSaveError(u"gold"_s, u"the database is locked"_s);
        auto *banner = page.findChild<Console::MessageBanner *>(u"tiersBanner"_s);
        QVERIFY(banner);
        QVERIFY(banner->text().contains(u"the database is locked"_s));
        QCOMPARE(banner->kind(), Console::MessageBanner::Kind::Error);
    }
};

QTEST_MAIN(TestTiersPage)
#include "tst_tierspage.moc"
