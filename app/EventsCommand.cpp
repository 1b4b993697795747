// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventsCommand.h"

#include "ClaimCode.h"
#include "ClaimService.h"
#include "EventIssuer.h"
#include "EventStore.h"
#include "LabelSheet.h"
#include "QrCode.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>
#include <QUrl>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using Gateway::ErrorCode;

namespace {

const QString programName = u"soulfra-gateway events"_s;

int usageError(QTextStream &err, const QString &command, const QString &message)
{
    err << programName << ' ' << command << ": " << message << '\n'
        << EventsCommand::tr("Run '%1 %2 --help' for its options.").arg(programName, command) << '\n';
    return EventsCommand::UsageError;
}

int reportError(QTextStream &err, const QString &command, const Gateway::Error &error)
{
    switch (error.code()) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::NotFound:
    case ErrorCode::AlreadyExists:
        return usageError(err, command, error.message());
    default:
        err << programName << ' ' << command << ": " << error.message() << '\n';
        return EventsCommand::Failure;
    }
}

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(
        u"data-dir"_s,
        EventsCommand::tr("Directory that contains the gateway database (gateway.sqlite). Default: %1.")
            .arg(Gateway::StorageConfig::defaultDataDir()),
        EventsCommand::tr("dir"));
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({u"h"_s, u"help"_s}, EventsCommand::tr("Show this help and exit."));
}

void printHelp(QTextStream &out, const QString &usage, const QString &description, const QCommandLineParser &parser)
{
    // QCommandLineParser's own help names argv[0]; only its option list is reused.
    QString options = parser.helpText();
    const qsizetype at = options.indexOf(u"Options:"_s);
    out << EventsCommand::tr("Usage: %1").arg(usage) << "\n\n" << description << "\n\n"
        << (at >= 0 ? options.mid(at) : options);
}

struct Session
{
    std::unique_ptr<Gateway::SqliteStorage> storage;
};

std::optional<int> parse(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                         QTextStream &err)
{
    if (!parser.parse(QStringList{programName + u' ' + command} + arguments))
        return usageError(err, command, parser.errorText());
    return std::nullopt;
}

// Opens the database; with mustExist, a missing file is a usage error, so a
// mistyped --data-dir never creates an empty database.
std::optional<int> openStorage(const QCommandLineParser &parser, const QString &command, bool mustExist,
                               QTextStream &err, Session &session)
{
    Gateway::StorageConfig config;
    config.dataDir = parser.isSet(u"data-dir"_s) ? parser.value(u"data-dir"_s) : Gateway::StorageConfig::defaultDataDir();
    if (config.dataDir.trimmed().isEmpty())
        return usageError(err, command, EventsCommand::tr("the value of --data-dir must not be empty"));
    if (mustExist && !QFileInfo::exists(config.databasePath())) {
        return usageError(err, command,
                          EventsCommand::tr("no gateway database at %1; check --data-dir").arg(config.databasePath()));
    }
    session.storage = std::make_unique<Gateway::SqliteStorage>(config.databasePath(), u"events-"_s + command);
    if (Gateway::Result<Gateway::Done> opened = session.storage->open(); !opened)
        return reportError(err, command, opened.error());
    return std::nullopt;
}

std::optional<int> positiveNumber(const QCommandLineParser &parser, const QString &name, int max, int &value,
                                  const QString &command, QTextStream &err)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    value = parser.value(name).toInt(&ok);
    if (!ok || value < 1 || value > max) {
        return usageError(err, command,
                          EventsCommand::tr("invalid --%1 value \"%2\": use a whole number from 1 to %3")
                              .arg(name, parser.value(name))
                              .arg(max));
    }
    return std::nullopt;
}

bool isUsableBaseUrl(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    return parsed.isValid() && !parsed.host().isEmpty()
        && (parsed.scheme() == u"http"_s || parsed.scheme() == u"https"_s) && !parsed.hasQuery() && !parsed.hasFragment();
}

int runCreate(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"create"_s;
    QCommandLineParser parser;
    parser.addOption({u"name"_s, EventsCommand::tr("Event name, printed on every label. Required."), u"name"_s});
    parser.addOption({u"single-use"_s,
                      EventsCommand::tr("Make this many single-use codes, one per badge or card (1 to %1).")
                          .arg(Gateway::EventIssuer::maxSingleUseCodes),
                      u"count"_s});
    parser.addOption({u"shared"_s,
                      EventsCommand::tr("Use one shared code for a poster: 8 to 32 Crockford Base32 symbols, or "
                                        "\"auto\" for a random one."),
                      u"code"_s});
    parser.addOption({u"cap"_s, EventsCommand::tr("Most claims of a shared code. Default: 100."), u"count"_s});
    parser.addOption({u"days"_s, EventsCommand::tr("Days each trial key works. Default: 7."), u"days"_s});
    parser.addOption({u"valid-days"_s, EventsCommand::tr("Days from now the codes can be claimed. Default: 30."),
                      u"days"_s});
    parser.addOption({u"tier"_s, EventsCommand::tr("Tier of the trial keys. Default: pro_trial."), u"tier"_s});
    parser.addOption({u"text"_s, EventsCommand::tr("Short text for the claim page."), u"text"_s});
    parser.addOption(dataDirOption());
    parser.addOption(helpOption());
    if (std::optional<int> done = parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        printHelp(out, programName + u" create --name NAME --single-use N | --shared CODE [options]"_s,
                  EventsCommand::tr("Creates an event and prints its id, then its codes one per line. Only hashes "
                                    "of the codes are stored: keep this output to print the sheet."),
                  parser);
        return EventsCommand::Success;
    }

    if (!parser.isSet(u"name"_s))
        return usageError(err, command, EventsCommand::tr("missing --name"));
    if (parser.isSet(u"single-use"_s) == parser.isSet(u"shared"_s))
        return usageError(err, command, EventsCommand::tr("give exactly one of --single-use N and --shared CODE"));

    Gateway::EventIssuer::Request request;
    request.name = parser.value(u"name"_s);
    request.description = parser.value(u"text"_s);
    if (parser.isSet(u"tier"_s))
        request.tier = parser.value(u"tier"_s);

    int value = 0;
    if (parser.isSet(u"single-use"_s)) {
        if (parser.isSet(u"cap"_s))
            return usageError(err, command, EventsCommand::tr("--cap works only with --shared, because each single-use code allows one claim"));
        if (auto done = positiveNumber(parser, u"single-use"_s, Gateway::EventIssuer::maxSingleUseCodes, value, command, err))
            return *done;
        request.singleUseCount = value;
    } else {
        request.codeKind = Gateway::EventRecord::CodeKind::Shared;
        const QString code = parser.value(u"shared"_s);
        request.sharedCode = code.compare(u"auto"_s, Qt::CaseInsensitive) == 0 ? QString() : code;
        request.maxClaims = 100;
        if (auto done = positiveNumber(parser, u"cap"_s, 1000000, value, command, err))
            return *done;
        if (parser.isSet(u"cap"_s))
            request.maxClaims = value;
    }
    if (auto done = positiveNumber(parser, u"days"_s, Gateway::EventIssuer::maxTrialDays, value, command, err))
        return *done;
    if (parser.isSet(u"days"_s))
        request.trialDays = value;
    if (auto done = positiveNumber(parser, u"valid-days"_s, 3650, value, command, err))
        return *done;
    if (parser.isSet(u"valid-days"_s)) {
        request.startsAt = QDateTime::currentDateTimeUtc();
        request.endsAt = request.startsAt.addDays(value);
    }

    Session session;
    if (std::optional<int> done = openStorage(parser, command, false, err, session))
        return *done;
    Gateway::Result<Gateway::EventIssuer::Created> created = Gateway::EventIssuer::create(*session.storage, request);
    if (!created)
        return reportError(err, command, created.error());

    out << created.value().event.id << '\n';
    for (const QString &code : created.value().codes)
        out << Gateway::ClaimCode::display(code) << '\n';
    return EventsCommand::Success;
}

QString formatTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : u"-"_s;
}

int runList(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"list"_s;
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    parser.addOption(helpOption());
    if (std::optional<int> done = parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        printHelp(out, programName + u" list [--data-dir DIR]"_s, EventsCommand::tr("Lists events and their claims."),
                  parser);
        return EventsCommand::Success;
    }
    Session session;
    if (std::optional<int> done = openStorage(parser, command, true, err, session))
        return *done;
    Gateway::Result<QList<Gateway::EventRecord>> events = Gateway::EventStore(*session.storage).events();
    if (!events)
        return reportError(err, command, events.error());

    out << EventsCommand::tr("ID\tKIND\tCODES\tCLAIMS\tCAP\tPAID\tENDS\tREVOKED\tNAME") << '\n';
    for (const Gateway::EventRecord &event : events.value()) {
        const bool shared = event.codeKind == Gateway::EventRecord::CodeKind::Shared;
        out << event.id << '\t' << (shared ? u"shared"_s : u"single-use"_s) << '\t' << event.codeCount << '\t'
            << event.claimCount << '\t' << (event.maxClaims ? QString::number(*event.maxClaims) : u"-"_s) << '\t'
            << event.paidCount << '\t' << formatTime(event.endsAt) << '\t' << formatTime(event.revokedAt) << '\t'
            << event.name << '\n';
    }
    return EventsCommand::Success;
}

int runRevoke(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"revoke"_s;
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    parser.addOption(helpOption());
    parser.addPositionalArgument(u"id"_s, EventsCommand::tr("The event whose codes stop working."));
    if (std::optional<int> done = parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        printHelp(out, programName + u" revoke ID [--data-dir DIR]"_s,
                  EventsCommand::tr("Revokes every code of an event, e.g. after a sheet leaked. Keys already "
                                    "claimed keep working."),
                  parser);
        return EventsCommand::Success;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(err, command, EventsCommand::tr("give exactly one event id"));
    Session session;
    if (std::optional<int> done = openStorage(parser, command, true, err, session))
        return *done;
    const QString id = parser.positionalArguments().first();
    if (Gateway::Result<Gateway::EventRecord> found = Gateway::EventStore(*session.storage).findEvent(id); !found)
        return reportError(err, command, found.error());
    Gateway::Result<Gateway::EventRecord> revoked = Gateway::EventStore(*session.storage).revokeEvent(id);
    if (!revoked)
        return reportError(err, command, revoked.error());
    out << EventsCommand::tr("Revoked the codes of event %1.").arg(id) << '\n';
    return EventsCommand::Success;
}

int runSetUrl(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"set-url"_s;
    QCommandLineParser parser;
    parser.addOption(dataDirOption());
    parser.addOption(helpOption());
    parser.addPositionalArgument(u"url"_s, EventsCommand::tr("Public base URL, e.g. https://gw.example.org"));
    if (std::optional<int> done = parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        printHelp(out, programName + u" set-url URL [--data-dir DIR]"_s,
                  EventsCommand::tr("Sets the address that QR codes point to: the gateway as phones reach it, "
                                    "e.g. through a reverse proxy or tunnel."),
                  parser);
        return EventsCommand::Success;
    }
    if (parser.positionalArguments().size() != 1 || !isUsableBaseUrl(parser.positionalArguments().first())) {
        return usageError(err, command,
                          EventsCommand::tr("give one http or https URL without query or fragment"));
    }
    Session session;
    if (std::optional<int> done = openStorage(parser, command, false, err, session))
        return *done;
    const QString url = parser.positionalArguments().first().trimmed();
    if (auto written = Gateway::EventStore(*session.storage).setSetting(Gateway::ClaimService::publicBaseUrlSetting(), url);
        !written) {
        return reportError(err, command, written.error());
    }
    out << EventsCommand::tr("QR codes now point to %1.").arg(url) << '\n';
    return EventsCommand::Success;
}

// The base URL from --public-url or, without it, the stored setting.
std::optional<int> publicBaseUrl(const QCommandLineParser &parser, Gateway::SqliteStorage &storage,
                                 const QString &command, QTextStream &err, QString &url)
{
    if (parser.isSet(u"public-url"_s)) {
        url = parser.value(u"public-url"_s).trimmed();
    } else {
        Gateway::Result<QString> stored =
            Gateway::EventStore(storage).setting(Gateway::ClaimService::publicBaseUrlSetting());
        if (!stored)
            return reportError(err, command, stored.error());
        url = stored.value();
        if (url.isEmpty()) {
            return usageError(err, command,
                              EventsCommand::tr("no public URL: give --public-url or run '%1 set-url URL'")
                                  .arg(programName));
        }
    }
    if (!isUsableBaseUrl(url))
        return usageError(err, command, EventsCommand::tr("\"%1\" is not an http or https URL").arg(url));
    return std::nullopt;
}

// Reads codes as `create` printed them: lines that are event ids or empty
// are skipped, and every code must belong to the event.
std::optional<int> readCodes(QTextStream &in, Gateway::SqliteStorage &storage, const QString &eventId,
                             const QString &command, QTextStream &err, QStringList &codes)
{
    Gateway::EventStore store(storage);
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        if (line.isEmpty() || line.startsWith(u"evt_"_s))
            continue;
        const std::optional<QString> code = Gateway::ClaimCode::normalize(line);
        if (!code)
            return usageError(err, command, EventsCommand::tr("invalid code \"%1\" in the codes input: pass the lines that 'create' printed").arg(line.left(40)));
        Gateway::Result<bool> known = store.hasCode(eventId, Gateway::ClaimCode::hash(*code));
        if (!known)
            return reportError(err, command, known.error());
        if (!known.value()) {
            return usageError(err, command,
                              EventsCommand::tr("code %1 does not belong to event %2")
                                  .arg(Gateway::ClaimCode::display(*code), eventId));
        }
        codes.append(*code);
    }
    if (codes.isEmpty())
        return usageError(err, command, EventsCommand::tr("no codes given; pass the output of 'create' with --codes"));
    return std::nullopt;
}

std::optional<int> codesFrom(const QCommandLineParser &parser, QTextStream &in, Gateway::SqliteStorage &storage,
                             const QString &eventId, const QString &command, QTextStream &err, QStringList &codes)
{
    const QString path = parser.isSet(u"codes"_s) ? parser.value(u"codes"_s) : u"-"_s;
    if (path == u"-"_s)
        return readCodes(in, storage, eventId, command, err, codes);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return usageError(err, command, EventsCommand::tr("cannot read %1: %2").arg(path, file.errorString()));
    QTextStream stream(&file);
    return readCodes(stream, storage, eventId, command, err, codes);
}

std::optional<double> millimetres(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return 0.0;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < -20 || value > 20)
        return std::nullopt;
    return value;
}

int runSheet(const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err)
{
    const QString command = u"sheet"_s;
    QCommandLineParser parser;
    parser.addPositionalArgument(u"id"_s, EventsCommand::tr("The event."));
    parser.addOption({u"template"_s, EventsCommand::tr("Label sheet: L7160 (A4, 3 x 7), 5160 (US Letter, 3 x 10), or a custom grid "
                                                       "grid:COLSxROWS[:a4|letter] (labels of at least 20 mm)."),
                      u"name"_s});
    parser.addOption({u"out"_s, EventsCommand::tr("PDF file to write."), u"file"_s});
    parser.addOption({u"codes"_s,
                      EventsCommand::tr("File with the codes as 'create' printed them, or - for standard input. "
                                        "Default: -."),
                      u"file"_s});
    parser.addOption({u"public-url"_s, EventsCommand::tr("Base URL the QR codes point to. Default: the setting."),
                      u"url"_s});
    parser.addOption({u"offset-x"_s, EventsCommand::tr("Move everything right by this many mm (-20 to 20)."), u"mm"_s});
    parser.addOption({u"offset-y"_s, EventsCommand::tr("Move everything down by this many mm (-20 to 20)."), u"mm"_s});
    parser.addOption({u"skip"_s, EventsCommand::tr("Labels already used on the first sheet."), u"count"_s});
    parser.addOption({u"outlines"_s, EventsCommand::tr("Draw label borders, for a calibration print.")});
    parser.addOption(dataDirOption());
    parser.addOption(helpOption());
    if (std::optional<int> done = parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        printHelp(out, programName + u" sheet ID --template L7160|5160 --out FILE.pdf [options]"_s,
                  EventsCommand::tr("Writes a printable sheet of labels: a QR code of the claim URL, the event "
                                    "name and the code on each. A shared code fills one page."),
                  parser);
        return EventsCommand::Success;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(err, command, EventsCommand::tr("give exactly one event id"));
    const std::optional<Console::LabelTemplate> sheet = Console::LabelTemplate::byName(parser.value(u"template"_s));
    if (!sheet)
        return usageError(err, command,
                          EventsCommand::tr("invalid --template \"%1\": use L7160, 5160 or grid:COLSxROWS[:a4|letter]").arg(parser.value(u"template"_s)));
    if (parser.value(u"out"_s).isEmpty())
        return usageError(err, command, EventsCommand::tr("missing --out FILE.pdf"));

    Console::LabelSheet::Options options;
    const std::optional<double> offsetX = millimetres(parser, u"offset-x"_s);
    const std::optional<double> offsetY = millimetres(parser, u"offset-y"_s);
    if (!offsetX || !offsetY)
        return usageError(err, command, EventsCommand::tr("invalid --offset-x or --offset-y: use millimetres from -20 to 20"));
    options.offsetXMm = *offsetX;
    options.offsetYMm = *offsetY;
    options.outlines = parser.isSet(u"outlines"_s);
    int skip = 0;
    if (auto done = positiveNumber(parser, u"skip"_s, sheet->labelsPerPage() - 1, skip, command, err))
        return *done;
    options.skipLabels = skip;

    Session session;
    if (std::optional<int> done = openStorage(parser, command, true, err, session))
        return *done;
    const QString eventId = parser.positionalArguments().first();
    Gateway::Result<Gateway::EventRecord> event = Gateway::EventStore(*session.storage).findEvent(eventId);
    if (!event)
        return reportError(err, command, event.error());
    QString baseUrl;
    if (std::optional<int> done = publicBaseUrl(parser, *session.storage, command, err, baseUrl))
        return *done;
    QStringList codes;
    if (std::optional<int> done = codesFrom(parser, in, *session.storage, eventId, command, err, codes))
        return *done;

    if (event.value().codeKind == Gateway::EventRecord::CodeKind::Shared && codes.size() == 1) {
        const QString code = codes.first();
        while (codes.size() < sheet->labelsPerPage() - options.skipLabels)
            codes.append(code);
    }

    QList<Console::LabelSheet::Label> labels;
    for (const QString &code : std::as_const(codes))
        labels.append({Gateway::ClaimCode::claimUrl(baseUrl, code), event.value().name, Gateway::ClaimCode::display(code)});

    QString error;
    const std::optional<int> pages = Console::LabelSheet::writePdf(parser.value(u"out"_s), *sheet, labels, options, &error);
    if (!pages) {
        err << programName << ' ' << command << ": " << error << '\n';
        return EventsCommand::Failure;
    }
    out << EventsCommand::tr("Wrote %1 labels on %2 pages to %3.").arg(labels.size()).arg(*pages).arg(parser.value(u"out"_s))
        << '\n';
    return EventsCommand::Success;
}

int runQr(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = u"qr"_s;
    QCommandLineParser parser;
    parser.addPositionalArgument(u"id"_s, EventsCommand::tr("The event."));
    parser.addOption({u"code"_s, EventsCommand::tr("The code to encode. Required."), u"code"_s});
    parser.addOption({u"out"_s, EventsCommand::tr("PNG or SVG file to write, by its extension."), u"file"_s});
    parser.addOption({u"public-url"_s, EventsCommand::tr("Base URL the QR code points to. Default: the setting."),
                      u"url"_s});
    parser.addOption({u"module-pixels"_s, EventsCommand::tr("Pixels per module in a PNG. Default: 10."), u"pixels"_s});
    parser.addOption(dataDirOption());
    parser.addOption(helpOption());
    if (std::optional<int> done = parse(parser, command, arguments, err))
        return *done;
    if (parser.isSet(u"help"_s)) {
        printHelp(out, programName + u" qr ID --code CODE --out FILE.png|FILE.svg [options]"_s,
                  EventsCommand::tr("Writes the QR code of one claim URL, e.g. for a poster or a slide."), parser);
        return EventsCommand::Success;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(err, command, EventsCommand::tr("give exactly one event id"));
    const QString path = parser.value(u"out"_s);
    const bool svg = path.endsWith(u".svg"_s, Qt::CaseInsensitive);
    if (!svg && !path.endsWith(u".png"_s, Qt::CaseInsensitive))
        return usageError(err, command, EventsCommand::tr("--out must name a .png or .svg file"));
    int modulePixels = 10;
    if (auto done = positiveNumber(parser, u"module-pixels"_s, 100, modulePixels, command, err))
        return *done;

    Session session;
    if (std::optional<int> done = openStorage(parser, command, true, err, session))
        return *done;
    const QString eventId = parser.positionalArguments().first();
    QString baseUrl;
    if (std::optional<int> done = publicBaseUrl(parser, *session.storage, command, err, baseUrl))
        return *done;
    QString input = parser.value(u"code"_s);
    QTextStream codeStream(&input);
    QStringList codes;
    if (std::optional<int> done = readCodes(codeStream, *session.storage, eventId, command, err, codes))
        return *done;

    const std::optional<Console::QrCode> code = Console::QrCode::encode(Gateway::ClaimCode::claimUrl(baseUrl, codes.first()));
    if (!code) {
        err << programName << ' ' << command << ": " << EventsCommand::tr("the URL does not fit a QR code") << '\n';
        return EventsCommand::Failure;
    }
    QSaveFile file(path);
    const QByteArray bytes = svg ? code->toSvg() : QByteArray();
    bool written = false;
    if (file.open(QIODevice::WriteOnly)) {
        written = svg ? file.write(bytes) == bytes.size() : code->toImage(modulePixels).save(&file, "PNG");
        written = written && file.commit();
    }
    if (!written) {
        err << programName << ' ' << command << ": " << EventsCommand::tr("cannot write %1: %2").arg(path, file.errorString())
            << '\n';
        return EventsCommand::Failure;
    }
    out << EventsCommand::tr("Wrote %1.").arg(path) << '\n';
    return EventsCommand::Success;
}

} // namespace

int EventsCommand::run(const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err)
{
    const QString command = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    if (command == u"create"_s)
        return runCreate(rest, out, err);
    if (command == u"list"_s)
        return runList(rest, out, err);
    if (command == u"revoke"_s)
        return runRevoke(rest, out, err);
    if (command == u"set-url"_s)
        return runSetUrl(rest, out, err);
    if (command == u"sheet"_s)
        return runSheet(rest, in, out, err);
    if (command == u"qr"_s)
        return runQr(rest, out, err);

    if (command == u"-h"_s || command == u"--help"_s || command.isEmpty()) {
        (command.isEmpty() ? err : out)
            << tr("Usage: %1 create|list|revoke|set-url|sheet|qr [options]").arg(programName) << '\n'
            << tr("Run '%1 COMMAND --help' for the options of a command.").arg(programName) << '\n';
        return command.isEmpty() ? UsageError : Success;
    }
    err << tr("%1: unknown command \"%2\"").arg(programName, command) << '\n';
    return UsageError;
}
