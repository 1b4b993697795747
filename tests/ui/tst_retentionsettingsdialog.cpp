// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RetentionSettingsDialog.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

std::unique_ptr<SqliteStorage> openStorage(const QString &dataDir)
{
    StorageConfig config;
    config.dataDir = dataDir;
    auto storage = std::make_unique<SqliteStorage>(config.databasePath(), u"test"_s);
    if (!storage->open())
        return {};
    return storage;
}

} // namespace

// The dialog against a running gateway, through GatewayController only.
class TestRetentionSettingsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAndSavesSettings()
    {
        GatewayFixture gateway;
        {
            std::unique_ptr<SqliteStorage> storage = openStorage(gateway.dataDir());
            QVERIFY(storage);
            QVERIFY(storage->saveSettings({{RetentionPolicy::textSettingName, u"first:50"_s},
                                           {RetentionPolicy::logDaysSettingName, u"20"_s}}).ok());
        }
        QVERIFY(gateway.start());

        Console::RetentionSettingsDialog dialog(&gateway.controller());
        auto *mode = dialog.findChild<QComboBox *>(u"retentionTextMode"_s);
        auto *chars = dialog.findChild<QSpinBox *>(u"retentionTextChars"_s);
        auto *days = dialog.findChild<QSpinBox *>(u"retentionLogDays"_s);
        QVERIFY(mode && chars && days);
        QVERIFY(!mode->isEnabled()); // until the settings are read

        QTRY_VERIFY(mode->isEnabled());
        QCOMPARE(dialog.policyFromForm().textMode, RetentionPolicy::TextMode::FirstChars);
        QCOMPARE(chars->value(), 50);
        QCOMPARE(days->value(), 20);

        mode->setCurrentIndex(mode->findData(int(RetentionPolicy::TextMode::None)));
        QVERIFY(!chars->isEnabled());
        days->setValue(0);
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));

        std::unique_ptr<SqliteStorage> storage = openStorage(gateway.dataDir());
        QVERIFY(storage);
        QCOMPARE(storage->setting(RetentionPolicy::textSettingName).value(), u"none"_s);
        QCOMPARE(storage->setting(RetentionPolicy::logDaysSettingName).value(), u"0"_s);
        QVERIFY(gateway.stop());
    }

    void stoppedGatewayShowsWhy()
    {
        GatewayController controller;
        Console::RetentionSettingsDialog dialog(&controller);
        auto *status = dialog.findChild<QLabel *>(u"retentionStatus"_s);
        QVERIFY(status);
        QVERIFY2(status->text().contains(u"Start the gateway"_s), qPrintable(status->text()));
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->isEnabled());
    }
};

QTEST_MAIN(TestRetentionSettingsDialog)
#include "tst_retentionsettingsdialog.moc"
