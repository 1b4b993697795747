// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayConfig.h"

// Starts the operator console: the QApplication, translations, the main
// window and the gateway it controls.
class ConsoleLauncher final
{
public:
    static int run(int &argc, char **argv, const Gateway::GatewayConfig &config);
};
