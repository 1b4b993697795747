// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimeZone>

namespace {

struct NumericOption
{
    const char *name;
    const char *valueName;
    const char *description;
};

// Options whose value is a number; the unit is part of the description.
constexpr NumericOption numericOptions[] = {
    {"workers", "N", "Worker threads that serve connections (default: one per CPU core, at least 2)."},
    {"max-body-bytes", "BYTES", "Largest request body accepted; larger bodies get 413 (default: 67108864, 64 MiB)."},
    {"max-header-bytes", "BYTES", "Largest request line plus header block; larger get 431 (default: 32768)."},
    {"max-request-line-bytes", "BYTES", "Longest request line; longer get 431 (default: 8192)."},
    {"max-header-count", "N", "Maximum header fields in one request; more get 431 (default: 100)."},
    {"idle-timeout", "SECONDS", "Close a keep-alive connection idle for this long (default: 75)."},
    {"request-timeout", "SECONDS", "Time allowed to receive one whole request; slower clients get 408 (default: 300)."},
    {"upstream-timeout", "SECONDS", "Wait this long for the upstream's first byte before answering 504 (default: 600)."},
    {"connect-timeout", "SECONDS", "Wait this long to connect to the upstream before answering 502 (default: 10)."},
    {"drain-timeout", "SECONDS", "On SIGTERM or SIGINT, let in-flight requests finish for this long (default: 30)."},
    {"max-connections", "N", "Maximum open client connections in total (default: 4096)."},
    {"max-connections-per-ip", "N", "Maximum open client connections from one IP address (default: 1024)."},
    {"max-generations", "N", "Generations sent upstream at once; more wait, higher tier priority first (default: 4)."},
    {"max-queued", "N", "Generations that may wait for the upstream; more get 503 at once (default: 256)."},
    {"queue-timeout", "SECONDS", "A generation that waits longer for the upstream gets 503 (default: 30)."},
};

} // namespace

GatewayOptions::Outcome GatewayOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);

    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QString());
    const QCommandLineOption version(QStringLiteral("version"), QString());
    const QCommandLineOption headless(QStringLiteral("headless"), QString());
    const QCommandLineOption listen(QStringLiteral("listen"), QString(), QStringLiteral("ADDRESS:PORT"));
    const QCommandLineOption upstream(QStringLiteral("upstream"), QString(), QStringLiteral("URL"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption timeZone(QStringLiteral("time-zone"), QString(), QStringLiteral("ZONE"));
    const QCommandLineOption adminListen(QStringLiteral("admin-listen"), QString(), QStringLiteral("ADDRESS:PORT"));
    parser.addOptions({help, version, headless, listen, upstream, dataDir, timeZone, adminListen});
    for (const NumericOption &option : numericOptions)
        parser.addOption(QCommandLineOption(QString::fromLatin1(option.name), QString(), QString::fromLatin1(option.valueName)));

    if (!parser.parse(arguments)) {
        const QStringList unknown = parser.unknownOptionNames();
        m_errorText = unknown.isEmpty() ? parser.errorText()
                                        : QStringLiteral("unknown option --%1").arg(unknown.first());
        return Outcome::UsageError;
    }
    if (parser.isSet(help))
        return Outcome::ShowHelp;
    if (parser.isSet(version))
        return Outcome::ShowVersion;
    if (!parser.positionalArguments().isEmpty()) {
        m_errorText = QStringLiteral("unknown command or argument '%1'").arg(parser.positionalArguments().first());
        return Outcome::UsageError;
    }

    m_headless = parser.isSet(headless);
    m_config.storage.dataDir = parser.isSet(dataDir) ? parser.value(dataDir) : Gateway::StorageConfig::defaultDataDir();
    if (m_config.storage.dataDir.isEmpty()) {
        m_errorText = QStringLiteral("--data-dir must not be empty");
        return Outcome::UsageError;
    }

    if (parser.isSet(timeZone)) {
        const QTimeZone zone(parser.value(timeZone).trimmed().toUtf8());
        if (!zone.isValid()) {
            m_errorText = QStringLiteral("invalid --time-zone value '%1': expected an IANA time zone such as UTC or "
                                         "Europe/Berlin").arg(parser.value(timeZone));
            return Outcome::UsageError;
        }
        m_config.limitTimeZone = zone;
    }
    if (parser.isSet(adminListen)) {
        // setListen() validates and stores into the client listener, so the
        // client values are saved around it.
        const QHostAddress clientAddress = m_config.listenAddress;
        const quint16 clientPort = m_config.listenPort;
        if (!setListen(parser.value(adminListen))) {
            m_errorText.replace(QStringLiteral("--listen"), QStringLiteral("--admin-listen"));
            return Outcome::UsageError;
        }
        m_config.adminEnabled = true;
        m_config.adminListenAddress = m_config.listenAddress;
        m_config.adminListenPort = m_config.listenPort;
        m_config.listenAddress = clientAddress;
        m_config.listenPort = clientPort;
    }
    if (parser.isSet(listen) && !setListen(parser.value(listen)))
        return Outcome::UsageError;
    if (parser.isSet(upstream) && !setUpstream(parser.value(upstream)))
        return Outcome::UsageError;

    Gateway::HttpLimits &limits = m_config.limits;
    struct Target
    {
        const char *name;
        qint64 minimum;
        qint64 maximum;
        qint64 scale; // seconds to milliseconds where the config is in ms
        std::function<void(qint64)> apply;
    };
    const Target targets[] = {
        {"workers", 1, 256, 1, [this](qint64 v) { m_config.workerThreads = int(v); }},
        {"max-body-bytes", 1, qint64(1) << 40, 1, [&limits](qint64 v) { limits.maxBodyBytes = v; }},
        {"max-header-bytes", 256, 16 * 1024 * 1024, 1, [&limits](qint64 v) { limits.maxHeaderBytes = int(v); }},
        {"max-request-line-bytes", 64, 16 * 1024 * 1024, 1, [&limits](qint64 v) { limits.maxRequestLineBytes = int(v); }},
        {"max-header-count", 1, 10000, 1, [&limits](qint64 v) { limits.maxHeaderCount = int(v); }},
        {"idle-timeout", 1, 86400, 1000, [&limits](qint64 v) { limits.idleTimeoutMs = int(v); }},
        {"request-timeout", 1, 86400, 1000, [&limits](qint64 v) { limits.requestTimeoutMs = int(v); }},
        {"upstream-timeout", 1, 86400, 1000, [this](qint64 v) { m_config.upstreamFirstByteTimeoutMs = int(v); }},
        {"connect-timeout", 1, 3600, 1000, [this](qint64 v) { m_config.upstreamConnectTimeoutMs = int(v); }},
        {"drain-timeout", 0, 86400, 1000, [this](qint64 v) { m_config.drainTimeoutMs = int(v); }},
        {"max-connections", 1, 1000000, 1, [&limits](qint64 v) { limits.maxConnections = int(v); }},
        {"max-connections-per-ip", 1, 1000000, 1, [&limits](qint64 v) { limits.maxConnectionsPerAddress = int(v); }},
        {"max-generations", 1, 10000, 1, [this](qint64 v) { m_config.maxGenerationsInFlight = int(v); }},
        {"max-queued", 0, 1000000, 1, [this](qint64 v) { m_config.maxQueuedGenerations = int(v); }},
        {"queue-timeout", 1, 86400, 1000, [this](qint64 v) { m_config.maxQueueWaitMs = int(v); }},
    };

    for (const Target &target : targets) {
        const QString name = QString::fromLatin1(target.name);
        if (!parser.isSet(name))
            continue;
        qint64 value = 0;
        if (!readNumber(name, parser.value(name), target.minimum, target.maximum, value))
            return Outcome::UsageError;
        target.apply(value * target.scale);
    }

    return Outcome::Run;
}

bool GatewayOptions::setListen(const QString &value)
{
    const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        m_errorText = QStringLiteral("invalid --listen value '%1': expected ADDRESS:PORT, e.g. 127.0.0.1:11435").arg(value);
        return false;
    }

    QString host = value.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);

    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host)) {
        m_errorText = QStringLiteral("invalid --listen address '%1': expected an IP address such as 127.0.0.1 or [::1]").arg(host);
        return false;
    }

    bool ok = false;
    const uint port = value.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535) {
        m_errorText = QStringLiteral("invalid --listen port '%1': expected 0 to 65535 (0 picks a free port)").arg(value.mid(colon + 1));
        return false;
    }

    m_config.listenAddress = address;
    m_config.listenPort = quint16(port);
    return true;
}

bool GatewayOptions::setUpstream(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.host().isEmpty()
        || (!url.path().isEmpty() && url.path() != QLatin1String("/"))) {
        m_errorText = QStringLiteral("invalid --upstream value '%1': expected http://HOST:PORT, e.g. http://127.0.0.1:11434").arg(value);
        return false;
    }

    m_config.upstream = url;
    return true;
}

bool GatewayOptions::readNumber(const QString &option, const QString &value, qint64 minimum, qint64 maximum, qint64 &out)
{
    bool ok = false;
    out = value.toLongLong(&ok);
    if (!ok || out < minimum || out > maximum) {
        m_errorText = QStringLiteral("invalid --%1 value '%2': expected a whole number from %3 to %4")
                          .arg(option, value)
                          .arg(minimum)
                          .arg(maximum);
        return false;
    }
    return true;
}

QString GatewayOptions::helpText() const
{
    QString text = QStringLiteral(
        "Usage: soulfra-gateway [options]\n"
        "       soulfra-gateway COMMAND ... [options]   (see soulfra-gateway COMMAND --help)\n"
        "\n"
        "Commands, each working on the database of --data-dir:\n"
        "  keys create|list|revoke|rotate  API keys\n"
        "  tiers set|list                  tiers and their limits\n"
        "  users set|list|export|delete    users, their overrides and their data\n"
        "  events ...                      events with QR claim codes\n"
        "  usage                           usage rollups as CSV or JSON\n"
        "  rollups rebuild                 recompute the rollups from the request log\n"
        "  retention                       how long prompts and log rows are kept\n"
        "  admin-token                     a token for the admin HTTP API\n"
        "\n"
        "Serves Ollama's HTTP API with API keys, metering and a request log. Starts the operator\n"
        "console, or only the gateway with --headless (it then runs until SIGTERM or SIGINT).\n"
        "\n"
        "Options:\n"
        "  --headless                      Run without the console.\n"
        "  --listen ADDRESS:PORT           Address and port to serve clients on; port 0 picks a free\n"
        "                                  one (default: 127.0.0.1:11435, loopback only).\n"
        "  --upstream URL                  Ollama server to forward to (default: http://127.0.0.1:11434).\n"
        "  --data-dir DIR                  Directory for the database (default: %1).\n"
        "  --time-zone ZONE                Time zone whose midnight starts the day and month limit\n"
        "                                  windows, e.g. Europe/Berlin (default: UTC).\n"
        "  --admin-listen ADDRESS:PORT     Serve the admin HTTP API here, e.g. 127.0.0.1:11436; it needs\n"
        "                                  a token from 'soulfra-gateway admin-token' (default: off).\n");
    text = text.arg(Gateway::StorageConfig::defaultDataDir());

    for (const NumericOption &option : numericOptions) {
        const QString left = QStringLiteral("  --%1 %2").arg(QString::fromLatin1(option.name), QString::fromLatin1(option.valueName));
        text += left.leftJustified(33) + QString::fromLatin1(option.description) + QLatin1Char('\n');
    }

    text += QStringLiteral(
        "  --version                       Print the version.\n"
        "  -h, --help                      Print this help.\n"
        "\n"
        "Exit status: 0 on a clean stop, 1 when the gateway cannot start, 2 on invalid usage.\n");
    return text;
}
