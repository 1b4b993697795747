// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayController.h"

#include "ClaimRateLimiter.h"
#include "ClaimService.h"
#include "ConnectionLimiter.h"
#include "AdminServer.h"
#include "GatewayContext.h"
#include "GenerationQueue.h"
#include "HealthMonitor.h"
#include "HttpServer.h"
#include "KeyIndex.h"
#include "KeyManager.h"
#include "KeyUseRecorder.h"
#include "PrivacyService.h"
#include "LimitEnforcer.h"
#include "RequestLogWriter.h"
#include "Worker.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcController, "soulfra.gateway.gatewaycontroller")

constexpr int liveFeedIntervalMs = 100;   // at most about ten batches a second for the console
constexpr int maxRowsPerBatch = 2000;     // older rows of one batch are dropped from the live feed only
constexpr int statsIntervalMs = 1000;
constexpr int drainPollMs = 20;

// Joins a thread on destruction, so no worker outlives its owner.
struct OwnedThread
{
    std::unique_ptr<QThread> thread;

    explicit OwnedThread(const QString &name)
        : thread(std::make_unique<QThread>())
    {
        thread->setObjectName(name);
    }

    ~OwnedThread()
    {
        thread->quit();
        thread->wait();
    }
};

} // namespace

class GatewayController::Private
{
public:
    GatewayController *q;
    State state = State::Stopped;
    GatewayConfig config;
    GatewayContext context;
    GatewayCounters counters;
    KeyIndex keys;
    KeyUseRecorder keyUse;
    std::unique_ptr<ConnectionLimiter> limiter;
    std::unique_ptr<LimitEnforcer> limits;
    std::unique_ptr<GenerationQueue> generations;

    // Objects living on the owned threads; deleted there through deleteLater
    // before their threads are joined.
    std::vector<std::unique_ptr<OwnedThread>> threads;
    QList<Worker *> workers;
    HttpServer *server = nullptr;
    HealthMonitor *health = nullptr;
    RequestLogWriter *logWriter = nullptr;
    KeyManager *keyManager = nullptr;
    AdminServer *admin = nullptr;
    ClaimService *claims = nullptr; // on the key manager's thread
    PrivacyService *privacy = nullptr; // on the key manager's thread
    std::unique_ptr<ClaimRateLimiter> claimLimiter;

    int pendingStarts = 0;
    bool startFailedOnce = false;
    QString listenUrl;

    QTimer *feedTimer = nullptr;
    QTimer *statsTimer = nullptr;
    QList<RequestLogEntry> feedRows;
    qint64 lastCompleted = 0;
    QElapsedTimer statsClock;

    QTimer *drainTimer = nullptr;
    QElapsedTimer drainClock;

    explicit Private(GatewayController *owner)
        : q(owner)
    {
    }

    void setState(State newState)
    {
        if (state == newState)
            return;
        state = newState;
        Q_EMIT q->stateChanged(state);
    }

    QThread *newThread(const QString &name)
    {
        threads.push_back(std::make_unique<OwnedThread>(name));
        QThread *thread = threads.back()->thread.get();
        thread->start();
        return thread;
    }

    void onComponentStarted();
    void onComponentFailed(const QString &message);
    void listen();
    void tearDown();
    void emitFeed();
    void emitStats();
    void checkDrained();
    void finishStop();
};

GatewayController::GatewayController(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    qRegisterMetaType<Gateway::RequestLogEntry>();
    qRegisterMetaType<QList<Gateway::RequestLogEntry>>();
    qRegisterMetaType<Gateway::GatewayStats>();
    qRegisterMetaType<Gateway::IssuedKey>();
    qRegisterMetaType<Gateway::KeyRecord>();
    qRegisterMetaType<Gateway::EventRecord>();
    qRegisterMetaType<QList<Gateway::EventRecord>>();
    qRegisterMetaType<Gateway::ClaimRecord>();
    qRegisterMetaType<QList<Gateway::ClaimRecord>>();
    qRegisterMetaType<QList<Gateway::KeyRecord>>();
    qRegisterMetaType<Gateway::UserRecord>();
    qRegisterMetaType<QList<Gateway::UserRecord>>();
    qRegisterMetaType<Gateway::TierRecord>();
    qRegisterMetaType<QList<Gateway::TierRecord>>();
    qRegisterMetaType<Gateway::RetentionPolicy>();
    qRegisterMetaType<qintptr>("qintptr");

    d->feedTimer = new QTimer(this);
    d->feedTimer->setInterval(liveFeedIntervalMs);
    connect(d->feedTimer, &QTimer::timeout, this, [this] { d->emitFeed(); });

    d->statsTimer = new QTimer(this);
    d->statsTimer->setInterval(statsIntervalMs);
    connect(d->statsTimer, &QTimer::timeout, this, [this] { d->emitStats(); });

    d->drainTimer = new QTimer(this);
    d->drainTimer->setInterval(drainPollMs);
    connect(d->drainTimer, &QTimer::timeout, this, [this] { d->checkDrained(); });
}

GatewayController::~GatewayController()
{
    d->tearDown();
}

GatewayController::State GatewayController::state() const
{
    return d->state;
}

GatewayConfig GatewayController::config() const
{
    return d->config;
}

void GatewayController::requestUsers()
{
    if (KeyManager *manager = d->keyManager)
        QMetaObject::invokeMethod(manager, [manager] { manager->listUsers(); }, Qt::QueuedConnection);
}

void GatewayController::requestTierRecords()
{
    if (KeyManager *manager = d->keyManager)
        QMetaObject::invokeMethod(manager, [manager] { manager->listTierRecords(); }, Qt::QueuedConnection);
}

void GatewayController::saveUser(const UserRecord &user)
{
    KeyManager *manager = d->keyManager;
    if (!manager) {
        Q_EMIT userSaveFailed(user.name, tr("Start the gateway to manage users."));
        return;
    }
    QMetaObject::invokeMethod(manager, [manager, user] { manager->saveUser(user); }, Qt::QueuedConnection);
}

void GatewayController::saveTier(const TierRecord &tier)
{
    KeyManager *manager = d->keyManager;
    if (!manager) {
        Q_EMIT tierSaveFailed(tier.name, tr("Start the gateway to manage tiers."));
        return;
    }
    QMetaObject::invokeMethod(manager, [manager, tier] { manager->saveTier(tier); }, Qt::QueuedConnection);
}

int GatewayController::queuedGenerations() const
{
    return d->generations ? d->generations->queued() : 0;
}

UsageSnapshot GatewayController::usageOf(const QString &userName) const
{
    return d->limits ? d->limits->usageOf(userName) : UsageSnapshot();
}

void GatewayController::start(const GatewayConfig &config)
{
    if (d->state != State::Stopped) {
        Q_EMIT startFailed(tr("The gateway is already running."));
        return;
    }

    const QUrl &upstream = config.upstream;
    if (upstream.scheme() != QLatin1String("http") || upstream.host().isEmpty()) {
        Q_EMIT startFailed(tr("Invalid upstream URL \"%1\": expected http://HOST:PORT.").arg(upstream.toString()));
        return;
    }

    d->config = config;
    d->setState(State::Starting);

    GatewayContext &context = d->context;
    context = GatewayContext();
    context.config = config;
    context.upstreamHost = upstream.host();
    context.upstreamPort = quint16(upstream.port(80));
    const QString hostPart = upstream.host().contains(QLatin1Char(':'))
        ? QLatin1Char('[') + upstream.host() + QLatin1Char(']')
        : upstream.host();
    context.upstreamHostHeader = (hostPart + QLatin1Char(':') + QString::number(context.upstreamPort)).toLatin1();
    context.upstreamLabel = QStringLiteral("http://") + QString::fromLatin1(context.upstreamHostHeader);
    context.keys = &d->keys;
    d->counters.completed.storeRelaxed(0);
    d->counters.inFlight.storeRelaxed(0);
    d->counters.openConnections.storeRelaxed(0);
    context.counters = &d->counters;

    d->limiter = std::make_unique<ConnectionLimiter>(config.limits.maxConnections, config.limits.maxConnectionsPerAddress);

    // Log writer and key manager open the database on their own threads;
    // the server listens once both report started.
    d->logWriter = new RequestLogWriter(config.storage);
    d->logWriter->setLimitWindow(config.limitTimeZone, config.clock);
    d->logWriter->moveToThread(d->newThread(QStringLiteral("soulfra-log-writer")));
    context.logWriter = d->logWriter;

    d->limits = std::make_unique<LimitEnforcer>(config.clock, config.limitTimeZone);
    context.limits = d->limits.get();
    d->generations = std::make_unique<GenerationQueue>(config.maxGenerationsInFlight, config.maxQueuedGenerations);
    context.generations = d->generations.get();

    d->keyManager = new KeyManager(config.storage, &d->keys);
    d->keyManager->setKeyUseRecorder(&d->keyUse);
    context.keyUse = &d->keyUse;
    d->keyManager->setLimitEnforcer(d->limits.get());
    d->keyManager->moveToThread(d->newThread(QStringLiteral("soulfra-storage")));
    context.keyManager = d->keyManager;

    // Claims share the storage thread with the key manager, so a claimed key
    // enters the index before the claim page answers.
    d->claims = new ClaimService(config.storage, d->keyManager);
    d->claims->moveToThread(d->keyManager->thread());
    context.claims = d->claims;
    d->claimLimiter = std::make_unique<ClaimRateLimiter>(config.claimLimits);
    context.claimLimiter = d->claimLimiter.get();
    connect(d->claims, &ClaimService::claimed, this, &GatewayController::claimed);
    connect(d->claims, &ClaimService::failed, this, &GatewayController::eventsFailed);
    connect(d->claims, &ClaimService::eventCreated, this, &GatewayController::eventCreated);
    connect(d->claims, &ClaimService::eventCreateFailed, this, &GatewayController::eventCreateFailed);
    connect(d->claims, &ClaimService::eventsListed, this, &GatewayController::eventsListed);
    connect(d->claims, &ClaimService::claimsListed, this, &GatewayController::claimsListed);
    connect(d->claims, &ClaimService::eventRevoked, this, &GatewayController::eventRevoked);
    connect(d->claims, &ClaimService::publicBaseUrlRead, this, &GatewayController::publicBaseUrlRead);

    d->privacy = new PrivacyService(config.storage);
    d->privacy->moveToThread(d->keyManager->thread());
    connect(d->privacy, &PrivacyService::userDataExported, this, &GatewayController::userDataExported);
    connect(d->privacy, &PrivacyService::userDataDeleted, this, &GatewayController::userDataDeleted);
    connect(d->privacy, &PrivacyService::userDataFailed, this, &GatewayController::userDataFailed);
    connect(d->privacy, &PrivacyService::retentionPolicyRead, this, &GatewayController::retentionPolicyRead);
    connect(d->privacy, &PrivacyService::retentionPolicySaved, this, &GatewayController::retentionPolicySaved);
    connect(d->privacy, &PrivacyService::retentionPolicyFailed, this, &GatewayController::retentionPolicyFailed);

    connect(d->logWriter, &RequestLogWriter::started, this, [this] { d->onComponentStarted(); });
    connect(d->logWriter, &RequestLogWriter::failed, this, [this](const QString &message) { d->onComponentFailed(message); });
    connect(d->logWriter, &RequestLogWriter::rowsCommitted, this, [this](const QList<RequestLogEntry> &rows) {
        d->feedRows += rows;
        if (d->feedRows.size() > maxRowsPerBatch)
            d->feedRows.remove(0, d->feedRows.size() - maxRowsPerBatch);
    });

    connect(d->keyManager, &KeyManager::started, this, [this](int keyCount) {
        qCInfo(lcController) << "key index loaded with" << keyCount << "keys";
        d->onComponentStarted();
    });
    connect(d->keyManager, &KeyManager::failed, this, [this](const QString &message) { d->onComponentFailed(message); });
    connect(d->keyManager, &KeyManager::keyIssued, this, &GatewayController::keyIssued);
    connect(d->keyManager, &KeyManager::keyIssueFailed, this, &GatewayController::keyIssueFailed);
    connect(d->keyManager, &KeyManager::keyRevoked, this, &GatewayController::keyRevoked);
    connect(d->keyManager, &KeyManager::keyRevokeFailed, this, &GatewayController::keyRevokeFailed);
    connect(d->keyManager, &KeyManager::keyRotateFailed, this, &GatewayController::keyRotateFailed);
    connect(d->keyManager, &KeyManager::keysListed, this, &GatewayController::keysListed);
    connect(d->keyManager, &KeyManager::tiersListed, this, &GatewayController::tiersListed);
    connect(d->keyManager, &KeyManager::keysChanged, this, &GatewayController::keysChanged);
    connect(d->keyManager, &KeyManager::usersListed, this, &GatewayController::usersListed);
    connect(d->keyManager, &KeyManager::tierRecordsListed, this, &GatewayController::tierRecordsListed);
    connect(d->keyManager, &KeyManager::userSaved, this, &GatewayController::userSaved);
    connect(d->keyManager, &KeyManager::userSaveFailed, this, &GatewayController::userSaveFailed);
    connect(d->keyManager, &KeyManager::tierSaved, this, &GatewayController::tierSaved);
    connect(d->keyManager, &KeyManager::tierSaveFailed, this, &GatewayController::tierSaveFailed);

    d->pendingStarts = 2;
    d->startFailedOnce = false;
    QMetaObject::invokeMethod(d->logWriter, "start", Qt::QueuedConnection);
    QMetaObject::invokeMethod(d->keyManager, "start", Qt::QueuedConnection);
    QMetaObject::invokeMethod(d->claims, "start", Qt::QueuedConnection);
}

void GatewayController::Private::onComponentStarted()
{
    if (state != State::Starting || --pendingStarts > 0)
        return;
    listen();
}

void GatewayController::Private::onComponentFailed(const QString &message)
{
    if (state == State::Starting && !startFailedOnce) {
        startFailedOnce = true;
        qCWarning(lcController) << "gateway failed to start:" << message;
        tearDown();
        setState(State::Stopped);
        Q_EMIT q->startFailed(message);
        return;
    }
    qCWarning(lcController) << "gateway component failed:" << message;
}

void GatewayController::Private::listen()
{
    int workerCount = config.workerThreads > 0 ? config.workerThreads : qMax(2, QThread::idealThreadCount());
    for (int i = 0; i < workerCount; ++i) {
        auto *worker = new Worker(context, limiter.get());
        worker->moveToThread(newThread(QStringLiteral("soulfra-worker-%1").arg(i)));
        workers.append(worker);
    }

    QThread *acceptThread = newThread(QStringLiteral("soulfra-accept"));
    server = new HttpServer(workers);
    server->moveToThread(acceptThread);

    if (config.adminEnabled) {
        admin = new AdminServer(config.storage, config.limits, limits.get());
        admin->moveToThread(newThread(QStringLiteral("soulfra-admin")));
        QObject::connect(admin, &AdminServer::started, q, &GatewayController::adminStarted);
        QObject::connect(admin, &AdminServer::failed, q, &GatewayController::adminFailed);
        AdminServer *adminServer = admin;
        const QHostAddress adminAddress = config.adminListenAddress;
        const quint16 adminPort = config.adminListenPort;
        QMetaObject::invokeMethod(adminServer, [adminServer, adminAddress, adminPort] {
            adminServer->start(adminAddress, adminPort);
        });
    }

    if (config.upstreamHealthIntervalMs > 0) {
        health = new HealthMonitor(config.upstream, config.upstreamHealthIntervalMs);
        health->moveToThread(acceptThread);
        QObject::connect(health, &HealthMonitor::healthChanged, q, &GatewayController::upstreamHealthChanged);
    }

    const QHostAddress address = config.listenAddress;
    const quint16 port = config.listenPort;
    HttpServer *listener = server;
    GatewayController *controller = q;

    QMetaObject::invokeMethod(server, [listener, controller, address, port] {
        const bool ok = listener->listen(address, port);
        const quint16 actualPort = listener->serverPort();
        const QString error = listener->errorString();

        QMetaObject::invokeMethod(controller, [controller, ok, actualPort, error] {
            Private *self = controller->d.get();
            if (self->state != State::Starting)
                return;

            if (!ok) {
                const QString message = tr("Cannot listen on %1:%2: %3")
                                            .arg(self->config.listenAddress.toString())
                                            .arg(self->config.listenPort)
                                            .arg(error);
                self->onComponentFailed(message);
                return;
            }

            const QHostAddress &listenAddress = self->config.listenAddress;
            const QString host = listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                ? QLatin1Char('[') + listenAddress.toString() + QLatin1Char(']')
                : listenAddress.toString();
            self->listenUrl = QStringLiteral("http://%1:%2").arg(host).arg(actualPort);
            qCInfo(lcController) << "gateway listening on" << self->listenUrl << "upstream" << self->context.upstreamLabel;

            if (self->health)
                QMetaObject::invokeMethod(self->health, "start", Qt::QueuedConnection);
            self->lastCompleted = 0;
            self->statsClock.start();
            self->feedTimer->start();
            self->statsTimer->start();
            self->setState(State::Running);
            Q_EMIT controller->started(self->listenUrl);
        });
    });
}

void GatewayController::stop()
{
    if (d->state != State::Running)
        return;

    d->setState(State::Stopping);
    qCInfo(lcController) << "stopping: no new connections, in-flight requests may finish for"
                         << d->config.drainTimeoutMs << "ms";

    HttpServer *listener = d->server;
    QMetaObject::invokeMethod(listener, [listener] { listener->close(); });
    for (Worker *worker : std::as_const(d->workers))
        QMetaObject::invokeMethod(worker, "beginDrain", Qt::QueuedConnection);

    d->drainClock.start();
    d->drainTimer->start();
}

void GatewayController::Private::checkDrained()
{
    const bool drained = counters.inFlight.loadRelaxed() == 0;
    const bool timedOut = drainClock.elapsed() >= config.drainTimeoutMs;
    if (!drained && !timedOut)
        return;

    drainTimer->stop();
    if (!drained) {
        qCWarning(lcController) << "drain timeout reached with" << counters.inFlight.loadRelaxed()
                                << "requests in flight; closing their connections";
    }

    for (Worker *worker : std::as_const(workers))
        QMetaObject::invokeMethod(worker, "closeAll", Qt::QueuedConnection);

    // The writer commits what is queued, including rows of the requests cut
    // just now, before the controller reports stopped.
    RequestLogWriter *writer = logWriter;
    GatewayController *controller = q;
    QMetaObject::invokeMethod(writer, [writer, controller] {
        writer->stop();
        QMetaObject::invokeMethod(controller, [controller] { controller->d->finishStop(); });
    });
}

void GatewayController::Private::finishStop()
{
    if (state != State::Stopping)
        return;

    emitFeed();
    tearDown();
    setState(State::Stopped);
    qCInfo(lcController) << "gateway stopped";
    Q_EMIT q->stopped();
}

void GatewayController::Private::tearDown()
{
    feedTimer->stop();
    statsTimer->stop();
    drainTimer->stop();

    // The writer commits what is queued before the workers go, so that no
    // commit callback is posted to a worker's pool while it is deleted.
    // After a normal stop() it has stopped already and returns at once.
    if (logWriter)
        QMetaObject::invokeMethod(logWriter, "stop", Qt::BlockingQueuedConnection);
    // Claims in progress finish before the workers, whose pools receive
    // their replies, are deleted.
    if (claims)
        QMetaObject::invokeMethod(claims, "stop", Qt::BlockingQueuedConnection);

    // Objects are deleted on their own threads, then every thread is joined.
    if (server) {
        HttpServer *listener = server;
        QMetaObject::invokeMethod(listener, [listener] { listener->close(); });
    }
    for (Worker *worker : std::as_const(workers))
        worker->deleteLater();
    if (server)
        server->deleteLater();
    if (health)
        health->deleteLater();
    if (admin) {
        AdminServer *adminServer = admin;
        QMetaObject::invokeMethod(adminServer, [adminServer] { adminServer->stop(); });
        admin->deleteLater();
    }
    if (claims) {
        QMetaObject::invokeMethod(claims, "stop", Qt::QueuedConnection);
        claims->deleteLater();
    }
    if (privacy)
        privacy->deleteLater(); // closes its connection on the storage thread
    if (keyManager) {
        QMetaObject::invokeMethod(keyManager, "stop", Qt::QueuedConnection);
        keyManager->deleteLater();
    }
    if (logWriter)
        logWriter->deleteLater();

    workers.clear();
    server = nullptr;
    health = nullptr;
    admin = nullptr;
    keyManager = nullptr;
    claims = nullptr;
    privacy = nullptr;
    logWriter = nullptr;
    threads.clear();
    context.claims = nullptr;
    context.claimLimiter = nullptr;
    claimLimiter.reset();
    limiter.reset();
    // Only after the threads are joined: workers and the key manager use both.
    context.limits = nullptr;
    context.generations = nullptr;
    limits.reset();
    generations.reset();
    context.logWriter = nullptr;
    context.keyManager = nullptr;
}

void GatewayController::Private::emitFeed()
{
    if (feedRows.isEmpty())
        return;
    Q_EMIT q->requestsLogged(std::exchange(feedRows, {}));
}

void GatewayController::Private::emitStats()
{
    const qint64 completed = counters.completed.loadRelaxed();
    const double seconds = qMax<qint64>(1, statsClock.restart()) / 1000.0;

    GatewayStats stats;
    stats.requestsPerSecond = double(completed - lastCompleted) / seconds;
    stats.inFlight = counters.inFlight.loadRelaxed();
    stats.openConnections = counters.openConnections.loadRelaxed();
    stats.totalRequests = completed;
    stats.queuedGenerations = generations ? generations->queued() : 0;
    stats.generationsInFlight = generations ? generations->inFlight() : 0;
    lastCompleted = completed;

    Q_EMIT q->statsUpdated(stats);
}

void GatewayController::issueKey(const QString &userName, const QString &tier, bool isOperator, const QString &label)
{
    if (!d->keyManager) {
        Q_EMIT keyIssueFailed(tr("Start the gateway to manage keys."));
        return;
    }
    QMetaObject::invokeMethod(d->keyManager, "issueKey", Qt::QueuedConnection, Q_ARG(QString, userName),
                              Q_ARG(QString, tier), Q_ARG(bool, isOperator), Q_ARG(QString, label));
}

void GatewayController::revokeKey(const QString &keyId)
{
    if (!d->keyManager) {
        Q_EMIT keyRevokeFailed(keyId, tr("Start the gateway to manage keys."));
        return;
    }
    QMetaObject::invokeMethod(d->keyManager, "revokeKey", Qt::QueuedConnection, Q_ARG(QString, keyId));
}

void GatewayController::rotateKey(const QString &keyId, int graceSeconds)
{
    if (!d->keyManager) {
        Q_EMIT keyRotateFailed(keyId, tr("Start the gateway to manage keys."));
        return;
    }
    QMetaObject::invokeMethod(d->keyManager, "rotateKey", Qt::QueuedConnection, Q_ARG(QString, keyId),
                              Q_ARG(int, graceSeconds));
}

void GatewayController::requestKeys()
{
    if (d->keyManager)
        QMetaObject::invokeMethod(d->keyManager, "listKeys", Qt::QueuedConnection);
}

void GatewayController::requestTiers()
{
    if (d->keyManager)
        QMetaObject::invokeMethod(d->keyManager, "listTiers", Qt::QueuedConnection);
}

void GatewayController::createEvent(const EventIssuer::Request &request)
{
    if (!d->claims) {
        Q_EMIT eventCreateFailed(tr("Start the gateway to manage events."));
        return;
    }
    ClaimService *service = d->claims;
    QMetaObject::invokeMethod(service, [service, request] { service->createEvent(request); });
}

void GatewayController::requestEvents()
{
    if (d->claims)
        QMetaObject::invokeMethod(d->claims, "listEvents", Qt::QueuedConnection);
}

void GatewayController::requestClaims(const QString &eventId)
{
    if (d->claims)
        QMetaObject::invokeMethod(d->claims, "listClaims", Qt::QueuedConnection, Q_ARG(QString, eventId));
}

void GatewayController::revokeEvent(const QString &eventId)
{
    if (d->claims)
        QMetaObject::invokeMethod(d->claims, "revokeEvent", Qt::QueuedConnection, Q_ARG(QString, eventId));
}

void GatewayController::requestPublicBaseUrl()
{
    if (d->claims)
        QMetaObject::invokeMethod(d->claims, "readPublicBaseUrl", Qt::QueuedConnection);
}

void GatewayController::setPublicBaseUrl(const QString &url)
{
    if (d->claims)
        QMetaObject::invokeMethod(d->claims, "setPublicBaseUrl", Qt::QueuedConnection, Q_ARG(QString, url));
}

void GatewayController::exportUserData(const QString &userName, const QString &filePath)
{
    PrivacyService *service = d->privacy;
    if (!service) {
        Q_EMIT userDataFailed(userName, tr("Start the gateway to export user data."));
        return;
    }
    QMetaObject::invokeMethod(service, [service, userName, filePath] { service->exportUserData(userName, filePath); },
                              Qt::QueuedConnection);
}

void GatewayController::deleteUserData(const QString &userName)
{
    PrivacyService *service = d->privacy;
    if (!service) {
        Q_EMIT userDataFailed(userName, tr("Start the gateway to delete user data."));
        return;
    }
    QMetaObject::invokeMethod(service, [service, userName] { service->deleteUserData(userName); }, Qt::QueuedConnection);
}

void GatewayController::requestRetentionPolicy()
{
    PrivacyService *service = d->privacy;
    if (!service) {
        Q_EMIT retentionPolicyFailed(tr("Start the gateway to change the retention settings."));
        return;
    }
    QMetaObject::invokeMethod(service, [service] { service->readRetentionPolicy(); }, Qt::QueuedConnection);
}

void GatewayController::saveRetentionPolicy(const RetentionPolicy &policy)
{
    PrivacyService *service = d->privacy;
    if (!service) {
        Q_EMIT retentionPolicyFailed(tr("Start the gateway to change the retention settings."));
        return;
    }
    QMetaObject::invokeMethod(service, [service, policy] { service->saveRetentionPolicy(policy); }, Qt::QueuedConnection);
}

} // namespace Gateway
