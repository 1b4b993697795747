// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QUrl>

// The fake Ollama server (tests/fake-ollama/fake-ollama.mjs) run as a child
// process for one test. Its X-Fake-* request headers and control endpoints
// are described at the top of that script.
//
// The control calls block on QSignalSpy::wait, which spins a nested event
// loop. That is fine in tests; product code never waits this way.
class FakeOllama final
{
public:
    FakeOllama();
    ~FakeOllama();
    Q_DISABLE_COPY_MOVE(FakeOllama)

    // Starts `node $SOULFRA_FAKE_OLLAMA --port 0` and waits for its
    // "LISTENING <port>" line. On failure errorString() returns the reason.
    bool start();
    QString errorString() const { return m_error; }

    quint16 port() const { return m_port; }
    QUrl url() const; // http://127.0.0.1:<port>

    // Every request the fake received since start or the last reset(), oldest first.
    QJsonArray requests();
    // Forgets the recorded requests and restores the initial models.
    void reset();
    // Lets every stream held by "X-Fake-Hold: 1" continue.
    void release();
    // Open connections, active requests, streams in progress, held streams.
    QJsonObject stats();

private:
    bool readListeningLine();
    QByteArray control(const QByteArray &verb, const QString &path);
    void stop();

    QProcess m_process;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
    QString m_error;
};
