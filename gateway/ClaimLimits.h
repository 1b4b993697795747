// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Gateway {

// How many failed claim attempts (unknown, used or expired codes) the claim
// page accepts before it answers 429. The per-address limit stops one
// guesser; the global one bounds a botnet, at the price of pausing claims
// for everyone while it lasts.
struct ClaimLimits
{
    int failuresPerAddress = 10;
    int addressWindowSeconds = 600;
    int failuresGlobal = 200;
    int globalWindowSeconds = 60;
};

} // namespace Gateway
