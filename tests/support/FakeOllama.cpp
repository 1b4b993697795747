// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeOllama.h"

#include "TestPaths.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcFakeOllama, "soulfra.tests.fakeollama")

constexpr int startTimeoutMs = 15 * 1000;  // node starts in well under a second
constexpr int controlTimeoutMs = 10 * 1000;
constexpr int stopTimeoutMs = 5 * 1000;

} // namespace

FakeOllama::FakeOllama()
{
    // A proxy from the environment must never see test traffic.
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

FakeOllama::~FakeOllama()
{
    stop();
}

bool FakeOllama::start()
{
    const QString script = TestPaths::fakeOllamaScript();
    if (script.isEmpty()) {
        m_error = u"SOULFRA_FAKE_OLLAMA is not set; run the test through ctest"_s;
        return false;
    }

    m_process.start(u"node"_s, {script, u"--port"_s, u"0"_s});
    if (!m_process.waitForStarted(startTimeoutMs)) {
        m_error = u"cannot start node %1: %2"_s.arg(script, m_process.errorString());
        return false;
    }

    if (!readListeningLine()) {
        stop();
        return false;
    }
    qCDebug(lcFakeOllama) << "fake Ollama listening on port" << m_port;
    return true;
}

bool FakeOllama::readListeningLine()
{
    const QDeadlineTimer deadline(startTimeoutMs);
    while (!m_process.canReadLine()) {
        if (m_process.state() != QProcess::Running || deadline.hasExpired()
            || !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            m_error = u"fake Ollama printed no LISTENING line: %1"_s.arg(m_process.errorString());
            return false;
        }
    }

    const QByteArray line = m_process.readLine().trimmed();
    const QList<QByteArray> words = line.split(' ');
    bool ok = false;
    const uint port = words.size() == 2 && words.at(0) == "LISTENING" ? words.at(1).toUInt(&ok) : 0;
    if (!ok || port == 0 || port > 65535) {
        m_error = u"unexpected first line from the fake Ollama: %1"_s.arg(QString::fromUtf8(line));
        return false;
    }
    m_port = quint16(port);
    return true;
}

QUrl FakeOllama::url() const
{
    QUrl result;
    result.setScheme(u"http"_s);
    result.setHost(u"127.0.0.1"_s);
    result.setPort(m_port);
    return result;
}

QJsonArray FakeOllama::requests()
{
    return QJsonDocument::fromJson(control("GET", u"/_fake/requests"_s)).array();
}

void FakeOllama::reset()
{
    control("POST", u"/_fake/reset"_s);
}

void FakeOllama::release()
{
    control("POST", u"/_fake/release"_s);
}

QJsonObject FakeOllama::stats()
{
    return QJsonDocument::fromJson(control("GET", u"/_fake/stats"_s)).object();
}

// Returns the reply body, or an empty array after logging why the call failed.
QByteArray FakeOllama::control(const QByteArray &verb, const QString &path)
{
    QUrl target = url();
    target.setPath(path);
    QNetworkRequest request(target);
    request.setTransferTimeout(controlTimeoutMs);

    const std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(controlTimeoutMs + 1000)) {
        qCWarning(lcFakeOllama) << verb << path << "timed out";
        reply->abort();
        return {};
    }
    if (reply->error() != QNetworkReply::NoError) {
        qCWarning(lcFakeOllama) << verb << path << "failed:" << reply->errorString();
        return {};
    }
    return reply->readAll();
}

void FakeOllama::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;

    m_process.terminate();
    if (!m_process.waitForFinished(stopTimeoutMs)) {
        qCWarning(lcFakeOllama) << "fake Ollama ignored SIGTERM; killing it";
        m_process.kill();
        m_process.waitForFinished(stopTimeoutMs);
    }
}
