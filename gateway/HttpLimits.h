// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Gateway {

// Limits the embedded HTTP server enforces on every client connection.
struct HttpLimits
{
    int maxRequestLineBytes = 8 * 1024;        // longer: 431
    int maxHeaderBytes = 32 * 1024;            // request line and header block; larger: 431
    int maxHeaderCount = 100;                  // more fields: 431
    qint64 maxBodyBytes = 64LL * 1024 * 1024;  // larger: 413. Generous because clients send base64 images
    int idleTimeoutMs = 75 * 1000;             // keep-alive connection with no request in progress
    int requestTimeoutMs = 5 * 60 * 1000;      // from the first byte of a request to its last body byte
    int maxConnections = 4096;                 // open client connections in total
    int maxConnectionsPerAddress = 1024;       // open client connections from one IP address
};

} // namespace Gateway
