// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventsPage.h"

#include "ClaimCode.h"
#include "MessageBanner.h"
#include "QrPreview.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

enum EventColumn { IdColumn, NameColumn, KindColumn, CodesColumn, ClaimsColumn, CapColumn, PaidColumn, EndsColumn,
                   RevokedColumn, EventColumnCount };

QString shownTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

QTableWidget *newTable(QWidget *parent, const QStringList &headers, const QString &name)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

EventsPage::EventsPage(QWidget *parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
{
    m_banner->setObjectName(u"eventsBanner"_s);

    auto *top = new QHBoxLayout;
    top->addWidget(createForm(), 1);
    top->addWidget(createCodesPanel(), 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(createLists(), 1);
}

EventsPage::~EventsPage() = default;

QWidget *EventsPage::createForm()
{
    auto *form = new QWidget(this);

    m_name = new QLineEdit(form);
    m_name->setObjectName(u"eventName"_s);
    m_name->setMaxLength(120);
    m_name->setPlaceholderText(tr("Printed on every label, e.g. DevFest 2026"));
    m_text = new QLineEdit(form);
    m_text->setObjectName(u"eventText"_s);
    m_text->setMaxLength(1000);
    m_text->setPlaceholderText(tr("Short text for the claim page"));

    m_kind = new QComboBox(form);
    m_kind->setObjectName(u"eventKind"_s);
    m_kind->addItem(tr("Single-use codes, one per badge"));
    m_kind->addItem(tr("One shared code, for a poster"));
    m_count = new QSpinBox(form);
    m_count->setObjectName(u"eventCount"_s);
    m_count->setRange(1, Gateway::EventIssuer::maxSingleUseCodes);
    m_count->setValue(21);
    m_sharedCode = new QLineEdit(form);
    m_sharedCode->setObjectName(u"eventSharedCode"_s);
    m_sharedCode->setPlaceholderText(tr("Empty for a random code"));
    m_cap = new QSpinBox(form);
    m_cap->setObjectName(u"eventCap"_s);
    m_cap->setRange(1, 1000000);
    m_cap->setValue(100);
    m_days = new QSpinBox(form);
    m_days->setObjectName(u"eventDays"_s);
    m_days->setRange(1, Gateway::EventIssuer::maxTrialDays);
    m_days->setValue(7);
    m_days->setSuffix(tr(" days"));

    m_createButton = new QPushButton(tr("&Create Event"), form);
    m_createButton->setObjectName(u"createEventButton"_s);
    connect(m_createButton, &QPushButton::clicked, this, &EventsPage::requestCreate);

    m_publicUrl = new QLineEdit(form);
    m_publicUrl->setObjectName(u"publicUrl"_s);
    m_publicUrl->setPlaceholderText(tr("https://gateway.example.org"));
    m_publicUrl->setToolTip(tr("The gateway as phones reach it; QR codes point here."));
    auto *saveUrl = new QPushButton(tr("Save"), form);
    saveUrl->setObjectName(u"savePublicUrlButton"_s);
    connect(saveUrl, &QPushButton::clicked, this,
            [this] { Q_EMIT publicBaseUrlChangeRequested(m_publicUrl->text().trimmed()); });
    connect(m_publicUrl, &QLineEdit::textChanged, this, &EventsPage::updatePreview);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_publicUrl, 1);
    urlRow->addWidget(saveUrl);

    const auto updateKind = [this] {
        const bool shared = m_kind->currentIndex() == 1;
        m_count->setEnabled(!shared);
        m_sharedCode->setEnabled(shared);
        m_cap->setEnabled(shared);
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, updateKind);
    updateKind();

    auto *layout = new QFormLayout(form);
    layout->addRow(tr("Public URL:"), urlRow);
    layout->addRow(tr("&Name:"), m_name);
    layout->addRow(tr("&Text:"), m_text);
    layout->addRow(tr("Codes:"), m_kind);
    layout->addRow(tr("Number of codes:"), m_count);
    layout->addRow(tr("Shared code:"), m_sharedCode);
    layout->addRow(tr("Claim cap:"), m_cap);
    layout->addRow(tr("Trial length:"), m_days);
    layout->addRow(QString(), m_createButton);
    return form;
}

QWidget *EventsPage::createCodesPanel()
{
    auto *panel = new QWidget(this);
    m_codes = new QListWidget(panel);
    m_codes->setObjectName(u"eventCodes"_s);
    connect(m_codes, &QListWidget::currentRowChanged, this, &EventsPage::updatePreview);
    m_preview = new QrPreview(panel);
    m_preview->setObjectName(u"qrPreview"_s);

    m_template = new QComboBox(panel);
    m_template->setObjectName(u"labelTemplate"_s);
    m_template->addItem(tr("Avery L7160 (A4, 3 × 7)"), u"L7160"_s);
    m_template->addItem(tr("Avery 5160 (US Letter, 3 × 10)"), u"5160"_s);
    m_offsetX = new QDoubleSpinBox(panel);
    m_offsetY = new QDoubleSpinBox(panel);
    for (QDoubleSpinBox *offset : {m_offsetX, m_offsetY}) {
        offset->setRange(-20, 20);
        offset->setSingleStep(0.5);
        offset->setSuffix(tr(" mm"));
        offset->setToolTip(tr("Calibration for printers that shift the page."));
    }
    m_offsetX->setObjectName(u"offsetX"_s);
    m_offsetY->setObjectName(u"offsetY"_s);
    m_skip = new QSpinBox(panel);
    m_skip->setObjectName(u"skipLabels"_s);
    m_skip->setRange(0, 29);
    m_skip->setToolTip(tr("Labels already used on the first sheet."));

    auto *print = new QPushButton(tr("&Print…"), panel);
    print->setObjectName(u"printButton"_s);
    connect(print, &QPushButton::clicked, this, &EventsPage::printSheet);
    auto *pdf = new QPushButton(tr("Export P&DF…"), panel);
    pdf->setObjectName(u"exportPdfButton"_s);
    connect(pdf, &QPushButton::clicked, this, &EventsPage::choosePdf);
    auto *image = new QPushButton(tr("Save &QR Code…"), panel);
    image->setObjectName(u"exportQrButton"_s);
    image->setToolTip(tr("Saves the selected code's QR code as PNG or SVG."));
    connect(image, &QPushButton::clicked, this, &EventsPage::chooseQrFile);

    auto *settings = new QFormLayout;
    settings->addRow(tr("Labels:"), m_template);
    settings->addRow(tr("Offset right:"), m_offsetX);
    settings->addRow(tr("Offset down:"), m_offsetY);
    settings->addRow(tr("Skip labels:"), m_skip);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(print);
    buttons->addWidget(pdf);
    buttons->addWidget(image);

    auto *side = new QVBoxLayout;
    side->addWidget(m_preview, 1);
    side->addLayout(settings);
    auto *top = new QHBoxLayout;
    top->addWidget(m_codes, 1);
    top->addLayout(side, 1);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top, 1);
    layout->addLayout(buttons);
    return panel;
}

QWidget *EventsPage::createLists()
{
    auto *splitter = new QSplitter(Qt::Vertical, this);

    auto *eventsPanel = new QWidget(splitter);
    m_events = newTable(eventsPanel,
                        {tr("ID"), tr("Name"), tr("Kind"), tr("Codes"), tr("Claims"), tr("Cap"), tr("Paid later"),
                         tr("Ends"), tr("Revoked")},
                        u"eventsTable"_s);
    connect(m_events, &QTableWidget::itemSelectionChanged, this, &EventsPage::selectEvent);
    auto *refresh = new QPushButton(tr("&Refresh"), eventsPanel);
    refresh->setObjectName(u"refreshEventsButton"_s);
    connect(refresh, &QPushButton::clicked, this, &EventsPage::refreshRequested);
    auto *revoke = new QPushButton(tr("Re&voke Codes…"), eventsPanel);
    revoke->setObjectName(u"revokeEventButton"_s);
    revoke->setToolTip(tr("Stops every code of the selected event, e.g. after a sheet leaked."));
    connect(revoke, &QPushButton::clicked, this, &EventsPage::confirmRevoke);
    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Events"), eventsPanel), 1);
    tools->addWidget(refresh);
    tools->addWidget(revoke);
    auto *eventsLayout = new QVBoxLayout(eventsPanel);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    eventsLayout->addLayout(tools);
    eventsLayout->addWidget(m_events, 1);

    auto *claimsPanel = new QWidget(splitter);
    m_claims = newTable(claimsPanel,
                        {tr("Claimed"), tr("Event"), tr("Key"), tr("User"), tr("Tier now"), tr("Email"), tr("Address")},
                        u"claimsTable"_s);
    auto *claimsLayout = new QVBoxLayout(claimsPanel);
    claimsLayout->setContentsMargins(0, 0, 0, 0);
    claimsLayout->addWidget(new QLabel(tr("Claims, newest first, as they happen"), claimsPanel));
    claimsLayout->addWidget(m_claims, 1);
    return splitter;
}

void EventsPage::requestCreate()
{
    Gateway::EventIssuer::Request request;
    request.name = m_name->text().trimmed();
    request.description = m_text->text().trimmed();
    request.trialDays = m_days->value();
    if (m_kind->currentIndex() == 1) {
        request.codeKind = Gateway::EventRecord::CodeKind::Shared;
        request.sharedCode = m_sharedCode->text().trimmed();
        request.maxClaims = m_cap->value();
    } else {
        request.singleUseCount = m_count->value();
    }
    if (request.name.isEmpty()) {
        m_banner->showError(tr("Give the event a name; it is printed on every label."));
        m_name->setFocus();
        return;
    }
    m_banner->dismiss();
    Q_EMIT createEventRequested(request);
}

void EventsPage::setEvents(const QList<Gateway::EventRecord> &events)
{
    const QString selected = selectedEventId();
    m_eventList = events;
    m_events->setRowCount(int(events.size()));
    for (int row = 0; row < events.size(); ++row) {
        const Gateway::EventRecord &event = events.at(row);
        const bool shared = event.codeKind == Gateway::EventRecord::CodeKind::Shared;
        const QStringList cells{
            event.id, event.name, shared ? tr("shared") : tr("single-use"), QString::number(event.codeCount),
            QString::number(event.claimCount), event.maxClaims ? QString::number(*event.maxClaims) : tr("1 per code"),
            QString::number(event.paidCount), shownTime(event.endsAt), shownTime(event.revokedAt),
        };
        for (int column = 0; column < EventColumnCount; ++column)
            m_events->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (event.id == selected)
            m_events->selectRow(row);
    }
}

void EventsPage::showCreated(const Gateway::EventRecord &event, const QStringList &codes)
{
    m_codesByEvent.insert(event.id, codes);
    m_banner->showInformation(tr("Created %1 with %n code(s). Print or export the codes now: only their hashes are "
                                 "stored, so they cannot be shown again after the console closes.",
                                 nullptr, int(codes.size()))
                                  .arg(event.id));
    QList<Gateway::EventRecord> events = m_eventList;
    events.prepend(event);
    setEvents(events);
    m_events->selectRow(0);
    Q_EMIT refreshRequested();
}

void EventsPage::showError(const QString &message)
{
    m_banner->showError(message);
}

void EventsPage::showRevoked(const Gateway::EventRecord &event)
{
    m_banner->showInformation(tr("The codes of %1 no longer work.").arg(event.id));
    Q_EMIT refreshRequested();
}

void EventsPage::setClaims(const QString &, const QList<Gateway::ClaimRecord> &claims)
{
    m_claims->setRowCount(0);
    for (qsizetype i = claims.size() - 1; i >= 0; --i)
        addClaim(claims.at(i));
}

void EventsPage::addClaim(const Gateway::ClaimRecord &claim)
{
    m_claims->insertRow(0);
    const QStringList cells{shownTime(claim.claimedAt), claim.eventId, claim.keyId, claim.userName,
                            claim.userTier, claim.email, claim.clientAddress};
    for (int column = 0; column < cells.size(); ++column)
        m_claims->setItem(0, column, new QTableWidgetItem(cells.at(column)));
}

void EventsPage::setPublicBaseUrl(const QString &url)
{
    if (m_publicUrl->text() != url)
        m_publicUrl->setText(url);
}

QString EventsPage::selectedEventId() const
{
    const QList<QTableWidgetItem *> selected = m_events->selectedItems();
    if (selected.isEmpty())
        return QString();
    const QTableWidgetItem *id = m_events->item(selected.first()->row(), IdColumn);
    return id ? id->text() : QString();
}

void EventsPage::selectEvent()
{
    m_codes->clear();
    const QStringList codes = m_codesByEvent.value(selectedEventId());
    for (const QString &code : codes)
        m_codes->addItem(Gateway::ClaimCode::display(code));
    if (!codes.isEmpty())
        m_codes->setCurrentRow(0);
    updatePreview();
}

void EventsPage::updatePreview()
{
    const QStringList codes = m_codesByEvent.value(selectedEventId());
    const int row = m_codes->currentRow();
    const QString base = m_publicUrl->text().trimmed();
    if (row < 0 || row >= codes.size() || base.isEmpty()) {
        m_preview->setText(QString());
        return;
    }
    m_preview->setText(Gateway::ClaimCode::claimUrl(base, codes.at(row)));
}

QList<LabelSheet::Label> EventsPage::currentLabels() const
{
    const QString id = selectedEventId();
    const QStringList codes = m_codesByEvent.value(id);
    QString name;
    bool shared = false;
    for (const Gateway::EventRecord &event : m_eventList) {
        if (event.id == id) {
            name = event.name;
            shared = event.codeKind == Gateway::EventRecord::CodeKind::Shared;
        }
    }

    QList<LabelSheet::Label> labels;
    const QString base = m_publicUrl->text().trimmed();
    for (const QString &code : codes)
        labels.append({Gateway::ClaimCode::claimUrl(base, code), name, Gateway::ClaimCode::display(code)});
    // One shared code fills the rest of a sheet.
    const int fill = currentTemplate().labelsPerPage() - m_skip->value();
    while (shared && !labels.isEmpty() && labels.size() < fill)
        labels.append(labels.first());
    return labels;
}

LabelTemplate EventsPage::currentTemplate() const
{
    return LabelTemplate::byName(m_template->currentData().toString()).value_or(LabelTemplate::l7160());
}

LabelSheet::Options EventsPage::currentOptions() const
{
    LabelSheet::Options options;
    options.offsetXMm = m_offsetX->value();
    options.offsetYMm = m_offsetY->value();
    options.skipLabels = qMin(m_skip->value(), currentTemplate().labelsPerPage() - 1);
    return options;
}

bool EventsPage::renderTo(QPagedPaintDevice &device)
{
    QString error;
    if (!LabelSheet::render(device, currentTemplate(), currentLabels(), currentOptions(), &error)) {
        m_banner->showError(tr("Cannot make the sheet: %1").arg(error));
        return false;
    }
    return true;
}

bool EventsPage::exportPdf(const QString &path)
{
    if (currentLabels().isEmpty() || m_publicUrl->text().trimmed().isEmpty()) {
        m_banner->showError(tr("Select an event created in this session and set the public URL first."));
        return false;
    }
    QString error;
    if (!LabelSheet::writePdf(path, currentTemplate(), currentLabels(), currentOptions(), &error)) {
        m_banner->showError(tr("Cannot write %1: %2").arg(path, error));
        return false;
    }
    m_banner->showInformation(tr("Saved the sheet to %1.").arg(path));
    return true;
}

bool EventsPage::exportQr(const QString &path)
{
    const std::optional<QrCode> &code = m_preview->code();
    if (!code) {
        m_banner->showError(tr("Select a code and set the public URL first."));
        return false;
    }
    QSaveFile file(path);
    bool written = file.open(QIODevice::WriteOnly);
    if (written && path.endsWith(u".svg"_s, Qt::CaseInsensitive)) {
        const QByteArray svg = code->toSvg();
        written = file.write(svg) == svg.size();
    } else if (written) {
        written = code->toImage(10).save(&file, "PNG");
    }
    if (!written || !file.commit()) {
        m_banner->showError(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_banner->showInformation(tr("Saved the QR code to %1.").arg(path));
    return true;
}

void EventsPage::choosePdf()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Sheet"), QString(), tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        exportPdf(path);
}

void EventsPage::chooseQrFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save QR Code"), QString(),
                                                      tr("PNG images (*.png);;SVG drawings (*.svg)"));
    if (!path.isEmpty())
        exportQr(path);
}

void EventsPage::printSheet()
{
    if (currentLabels().isEmpty() || m_publicUrl->text().trimmed().isEmpty()) {
        m_banner->showError(tr("Select an event created in this session and set the public URL first."));
        return;
    }
    // Full page: label positions are measured from the paper's corner, and
    // the printer must print at 100 %, never "fit to page".
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(currentTemplate().pageSize));
    printer.setFullPage(true);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (renderTo(printer))
        m_banner->showInformation(tr("Sent the sheet to the printer."));
}

void EventsPage::confirmRevoke()
{
    const QString id = selectedEventId();
    if (id.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Revoke Codes"),
                                              tr("Stop every code of event %1? Keys already claimed keep working.")
                                                  .arg(id));
    if (answer == QMessageBox::Yes)
        Q_EMIT revokeEventRequested(id);
}

} // namespace Console
