// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace Gateway::HttpStatus {

// The reason phrase for status (RFC 9110, section 15), "Unknown" otherwise.
QByteArray reasonPhrase(int status);

// The current time as an IMF-fixdate for the Date header (RFC 9110, 5.6.7).
QByteArray httpDate();

} // namespace Gateway::HttpStatus
