// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Paths that ctest passes to every test through the environment.
namespace TestPaths {

inline QString sourceDir() { return qEnvironmentVariable("SOULFRA_SOURCE_DIR"); }
inline QString gatewayBinary() { return qEnvironmentVariable("SOULFRA_GATEWAY_BIN"); }
inline QString fakeOllamaScript() { return qEnvironmentVariable("SOULFRA_FAKE_OLLAMA"); }

} // namespace TestPaths
