// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace Gateway {

// What the gateway requires of a request to one Ollama endpoint.
struct EndpointPolicy
{
    enum class Access {
        Public,   // no key: health checks that Ollama's own CLI and orchestrators call
        Key,      // any valid key
        Operator, // an operator key: endpoints that change the model store or the host
    };

    Access access = Access::Key;
    bool openAiShape = false;  // /v1: errors in OpenAI's shape
    bool generation = false;   // counts as a generation when it completes
    bool inference = false;    // runs a model (generation or embedding)
    bool jsonBody = false;     // the body is a JSON object the gateway inspects
    bool streamsByDefault = false; // native generate and chat stream unless "stream": false

    // Classifies a request. Paths Ollama does not have get the Key policy
    // and are passed through, so newer endpoints keep working.
    static EndpointPolicy classify(QByteArrayView method, QByteArrayView path);
};

} // namespace Gateway
