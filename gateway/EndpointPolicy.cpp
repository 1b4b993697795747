// SPDX-License-Identifier: GPL-3.0-or-later
#include "EndpointPolicy.h"

namespace Gateway {

namespace {

bool isOneOf(QByteArrayView path, std::initializer_list<QByteArrayView> paths)
{
    for (QByteArrayView candidate : paths) {
        if (path == candidate)
            return true;
    }
    return false;
}

} // namespace

EndpointPolicy EndpointPolicy::classify(QByteArrayView method, QByteArrayView path)
{
    EndpointPolicy policy;
    policy.openAiShape = path.startsWith("/v1/") || path == "/v1";

    const bool readOnly = method == "GET" || method == "HEAD";

    // "GET /" returns "Ollama is running" and "/api/version" the version.
    // They are the de-facto health checks, and the stock Ollama CLI cannot
    // send a key.
    if (readOnly && (path == "/" || path == "/api/version")) {
        policy.access = Access::Public;
        return policy;
    }

    // These change the model store, sign the host out of ollama.com or send
    // requests to ollama.com on the host's account.
    if (isOneOf(path, {"/api/pull", "/api/push", "/api/create", "/api/copy", "/api/delete", "/api/me",
                       "/api/signout"})
        || path.startsWith("/api/blobs/") || path.startsWith("/api/user/") || path.startsWith("/api/experimental/")) {
        policy.access = Access::Operator;
        policy.jsonBody = (method == "POST" || method == "DELETE") && !path.startsWith("/api/blobs/")
            && !path.startsWith("/api/experimental/");
        return policy;
    }

    if (method == "POST" && isOneOf(path, {"/api/generate", "/api/chat"})) {
        policy.generation = true;
        policy.inference = true;
        policy.jsonBody = true;
        policy.streamsByDefault = true;
        return policy;
    }

    if (method == "POST" && isOneOf(path, {"/v1/chat/completions", "/v1/completions"})) {
        policy.generation = true;
        policy.inference = true;
        policy.jsonBody = true;
        return policy;
    }

    // Newer OpenAI Responses and Anthropic Messages routes run a model too.
    if (method == "POST" && isOneOf(path, {"/v1/responses", "/v1/messages"})) {
        policy.inference = true;
        policy.jsonBody = true;
        return policy;
    }

    if (method == "POST" && isOneOf(path, {"/api/embed", "/api/embeddings", "/v1/embeddings"})) {
        policy.inference = true;
        policy.jsonBody = true;
        return policy;
    }

    if (method == "POST" && path == "/api/show")
        policy.jsonBody = true;

    return policy;
}

} // namespace Gateway
