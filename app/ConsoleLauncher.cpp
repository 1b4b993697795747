// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleLauncher.h"

#include "GatewayController.h"
#include "MainWindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int ConsoleLauncher::run(int &argc, char **argv, const Gateway::GatewayConfig &config)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Soulfra Gateway"));

    // Qt's own strings first, then ours; either may be missing for a locale.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    // English is the source language, but its plural forms ("%n requests")
    // come from the English translation, so it is the fallback.
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("soulfra-gateway"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || appTranslator.load(QStringLiteral("soulfra-gateway_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    Gateway::GatewayController controller;
    Console::MainWindow window(&controller, config);
    window.show();

    // The operator opened the console to serve; start at once.
    controller.start(config);

    const int status = QApplication::exec();
    return status;
}
