// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Gateway::LogRedaction {

// Returns text with everything shaped like an API key replaced, for values
// that clients control and the request log keeps, such as the request URL.
QString withoutKeys(QString text);

} // namespace Gateway::LogRedaction
