// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EventIssuer.h"
#include "EventRecord.h"
#include "LabelSheet.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QPagedPaintDevice;

namespace Console {

class MessageBanner;
class QrPreview;

// Events that hand out trial keys through QR claim codes: create an event,
// preview its codes' QR codes, print the label sheet or export it as PDF,
// PNG or SVG, and watch claims arrive. Codes exist in plain text only right
// after creation (storage keeps hashes), so the page holds the codes of the
// events created in this session. Talks to the gateway only through its
// signals and slots; MainWindow connects them to GatewayController.
class EventsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPage)

public:
    explicit EventsPage(QWidget *parent = nullptr);
    ~EventsPage() override;

    // The labels of the selected event with codes, for the current public URL.
    QList<LabelSheet::Label> currentLabels() const;
    LabelTemplate currentTemplate() const;
    LabelSheet::Options currentOptions() const;
    // Writes the sheet without a dialog; false with an error in the banner.
    bool exportPdf(const QString &path);
    bool exportQr(const QString &path);

public Q_SLOTS:
    void setEvents(const QList<Gateway::EventRecord> &events);
    void showCreated(const Gateway::EventRecord &event, const QStringList &codes);
    void showError(const QString &message);
    void showRevoked(const Gateway::EventRecord &event);
    void setClaims(const QString &eventId, const QList<Gateway::ClaimRecord> &claims);
    void addClaim(const Gateway::ClaimRecord &claim);
    void setPublicBaseUrl(const QString &url);

Q_SIGNALS:
    void createEventRequested(const Gateway::EventIssuer::Request &request);
    void revokeEventRequested(const QString &eventId);
    void publicBaseUrlChangeRequested(const QString &url);
    void refreshRequested();

private:
    QWidget *createForm();
    QWidget *createCodesPanel();
    QWidget *createLists();
    void requestCreate();
    void confirmRevoke();
    void selectEvent();
    void updatePreview();
    void printSheet();
    void choosePdf();
    void chooseQrFile();
    QString selectedEventId() const;
    bool renderTo(QPagedPaintDevice &device);

    MessageBanner *m_banner = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_text = nullptr;
    QComboBox *m_kind = nullptr;
    QSpinBox *m_count = nullptr;
    QLineEdit *m_sharedCode = nullptr;
    QSpinBox *m_cap = nullptr;
    QSpinBox *m_days = nullptr;
    QPushButton *m_createButton = nullptr;
    QLineEdit *m_publicUrl = nullptr;
    QListWidget *m_codes = nullptr;
    QrPreview *m_preview = nullptr;
    QComboBox *m_template = nullptr;
    QDoubleSpinBox *m_offsetX = nullptr;
    QDoubleSpinBox *m_offsetY = nullptr;
    QSpinBox *m_skip = nullptr;
    QTableWidget *m_events = nullptr;
    QTableWidget *m_claims = nullptr;
    QList<Gateway::EventRecord> m_eventList;
    QHash<QString, QStringList> m_codesByEvent; // canonical codes of events created in this session
};

} // namespace Console
