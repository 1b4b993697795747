// SPDX-License-Identifier: GPL-3.0-or-later
// Measures how responsive the console's dashboard stays while it refreshes
// from a live database (for example one that a headless gateway under load
// writes to). It shows DashboardPage on --data-dir, tells it that rows were
// logged ten times a second as GatewayController::requestsLogged does, and
// records on the GUI thread:
//   - timer lateness: how late a 5 ms precise timer fires, which is the
//     longest the event loop could not react (a stall);
//   - the duration of each event delivered, and of each widget paint.
//
//   gui_probe --data-dir DIR [--seconds N] [--tab live|range]
//
// Run it with QT_QPA_PLATFORM=offscreen or under xvfb-run.
#include "DashboardLiveTab.h"
#include "DashboardPage.h"
#include "StorageConfig.h"
#include "UsageService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int probeIntervalMs = 5;
constexpr int rowsLoggedIntervalMs = 100; // GatewayController batches about ten signals a second

// Times every event the GUI thread delivers at the outermost level.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        // Paints arrive nested (inside the timer or update request that
        // flushes the window), so they are timed at any depth.
        if (m_depth > 0 && event->type() == QEvent::Paint && m_recording) {
            QElapsedTimer paintClock;
            paintClock.start();
            const bool painted = QApplication::notify(receiver, event);
            paints.push_back(double(paintClock.nsecsElapsed()) / 1e6);
            return painted;
        }
        if (m_depth > 0)
            return QApplication::notify(receiver, event);

        ++m_depth;
        QElapsedTimer clock;
        clock.start();
        const QEvent::Type type = event->type();
        const bool result = QApplication::notify(receiver, event);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        --m_depth;

        if (m_recording) {
            events.push_back(ms);
            if (type == QEvent::Paint)
                paints.push_back(ms);
        }
        return result;
    }

    void setRecording(bool recording) { m_recording = recording; }

    std::vector<double> events;
    std::vector<double> paints;

private:
    int m_depth = 0;
    bool m_recording = false;
};

struct Figures
{
    double max = 0;
    double p99 = 0;
    size_t count = 0;
};

Figures figuresOf(std::vector<double> values)
{
    Figures figures;
    figures.count = values.size();
    if (values.empty())
        return figures;
    std::sort(values.begin(), values.end());
    figures.max = values.back();
    figures.p99 = values.at(std::min(values.size() - 1, size_t(double(values.size()) * 0.99)));
    return figures;
}

void print(const char *name, const Figures &figures)
{
    std::printf("%-22s max %8.2f ms   p99 %8.2f ms   (%zu samples)\n", name, figures.max, figures.p99, figures.count);
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures GUI thread stalls of the dashboard while it refreshes."_s);
    parser.addHelpOption();
    parser.addOption({u"data-dir"_s, u"Gateway data directory (contains gateway.sqlite)."_s, u"dir"_s});
    parser.addOption({u"seconds"_s, u"How long to measure, in seconds (default 30)."_s, u"n"_s, u"30"_s});
    parser.addOption({u"tab"_s, u"Dashboard tab to show: live or range (default live)."_s, u"tab"_s, u"live"_s});
    parser.process(app);

    if (!parser.isSet(u"data-dir"_s)) {
        std::fprintf(stderr, "gui_probe: --data-dir is missing\n");
        return 2;
    }
    bool validSeconds = false;
    const int seconds = parser.value(u"seconds"_s).toInt(&validSeconds);
    if (!validSeconds || seconds <= 0) {
        std::fprintf(stderr, "gui_probe: --seconds must be a positive number\n");
        return 2;
    }

    Gateway::StorageConfig config;
    config.dataDir = parser.value(u"data-dir"_s);
    Gateway::UsageService service(config);
    Console::DashboardPage page(&service);
    page.resize(1280, 800);
    if (parser.value(u"tab"_s) == u"range"_s)
        page.showRangeTab();
    page.show();

    int refreshes = 0;
    QObject::connect(page.liveTab(), &Console::DashboardLiveTab::refreshed, &app, [&refreshes] { ++refreshes; });

    QTimer rowsLogged;
    QObject::connect(&rowsLogged, &QTimer::timeout, &page, &Console::DashboardPage::noteRowsLogged);
    rowsLogged.start(rowsLoggedIntervalMs);

    std::vector<double> lateness;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        if (sinceTick.isValid())
            lateness.push_back(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - probeIntervalMs));
        sinceTick.start();
    });

    // The first second (window creation, first layout) is not measured.
    QTimer::singleShot(1000, &app, [&] {
        app.setRecording(true);
        probe.start(probeIntervalMs);
    });
    QTimer::singleShot(1000 + seconds * 1000, &app, &QCoreApplication::quit);
    const int status = app.exec();
    app.setRecording(false);

    std::printf("gui_probe: %d s on %s, %d live refreshes\n", seconds, qPrintable(config.databasePath()), refreshes);
    print("timer lateness (stall)", figuresOf(lateness));
    print("event handling", figuresOf(app.events));
    print("paint", figuresOf(app.paints));
    return status;
}
