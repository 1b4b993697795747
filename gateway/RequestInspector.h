// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Gateway {

// Facts about a client request body that the gateway needs before it
// forwards it: the model for the allowlist and the log, the streaming mode,
// and the text kept in the request log.
struct InspectedRequest
{
    QString model;            // as the client sent it: "model", or the deprecated "name" where Ollama reads it
    QString canonicalModel;   // ModelName::canonical(); empty when no model was named or the name is invalid
    bool modelInvalid = false; // a non-empty model string that is not a valid Ollama name
    bool streamRequested = false; // native generate, chat, pull, push, create: unless "stream":false; /v1: only "stream":true
    bool clientAskedUsage = false; // /v1 chat and completions: stream_options.include_usage is true
    QString brand;            // context.brand
    QString contextLanguage;  // context.language
    QString contextFramework; // context.framework
    QString promptText;       // the prompt or the last user message, text only, capped at maxTextChars
    qint64 imageBytes = 0;    // base64 characters of every image in the body; never copied into promptText
};

// Reads client request bodies with QJsonDocument. Field names match the way
// Ollama's Go decoder matches them: case-insensitively, with the last of
// duplicate keys winning. Where the order of two spellings of one field
// decides the value (`"model"` and `"Model"`), the body is rejected, because
// the gateway could otherwise check a different model than Ollama runs.
class RequestInspector final
{
public:
    RequestInspector() = delete;

    // Inspects the body sent to path (without the query). A path that takes
    // no JSON body gives an empty result. Errors are BadRequest: an empty or
    // blank body on a JSON path ("missing request body", Ollama's message), a
    // body that is not valid JSON (message with the parse error and offset),
    // a JSON value that is not an object, a field of the wrong type that
    // Ollama would also reject (model, name, stream, stream_options), and two
    // spellings of one of those fields. maxTextChars caps promptText; 0 or
    // less keeps no text.
    static Result<InspectedRequest> inspect(QByteArrayView path, QByteArrayView body, int maxTextChars);

    // Returns body with stream_options.include_usage set to true, every other
    // byte unchanged. Without a "stream_options" key, the member is inserted
    // right after the opening brace. With one, a second "stream_options" with
    // the client's members plus include_usage is appended before the closing
    // brace; Ollama's Go decoder keeps the last duplicate key. A body that is
    // not a JSON object is returned unchanged.
    static QByteArray withUsageRequested(QByteArrayView body);
};

} // namespace Gateway
