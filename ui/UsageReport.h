// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "UsageRow.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTimeZone>

class QPainter;
class QPdfWriter;

namespace Gateway {
class UsageQueries;
}

namespace Console {

// Contents of a monthly report, read from the usage rollups.
struct UsageReportData
{
    QString productName;            // the operator's product, first line of the header
    QString userName;
    QStringList tiers;              // tiers the month's requests were counted under
    QDate month;                    // first day of the month
    QTimeZone zone = QTimeZone::utc(); // days start at midnight in this zone
    QDateTime generatedAt;          // UTC
    Gateway::UsageRow totals;
    QList<Gateway::UsageRow> days;  // every day of the month, zero rows for days without traffic
    QList<Gateway::UsageRow> models; // most requests first
};

// A user's monthly usage as an A4 PDF for invoicing: a header with product,
// user, tier and month, the month's totals, a chart of the days, a daily
// table and a per-model table. Tables continue on new pages with their
// column headings repeated.
class UsageReport final
{
    Q_DECLARE_TR_FUNCTIONS(UsageReport)
    Q_DISABLE_COPY_MOVE(UsageReport)

public:
    explicit UsageReport(UsageReportData data, QLocale locale = QLocale());
    ~UsageReport();

    // Rollups of userName from midnight of the month's first day to midnight
    // of the next month's first day in zone, per day.
    static Gateway::UsageFilter monthFilter(const QString &userName, const QDate &month, const QTimeZone &zone);
    // Reads the report's data; runs on the thread that owns queries.
    static Gateway::Result<UsageReportData> gather(Gateway::UsageQueries &queries, const QString &productName,
                                                   const QString &userName, const QDate &month,
                                                   const QTimeZone &zone, const QDateTime &now);

    // Writes the PDF; needs a QApplication because the chart is a widget.
    Gateway::Result<Gateway::Done> writePdf(const QString &path);
    // Pages of the last written PDF.
    int pageCount() const;

    const UsageReportData &data() const;
    QString suggestedFileName() const;

private:
    struct Column
    {
        QString title;
        double widthMm = 0;
        Qt::Alignment alignment = Qt::AlignRight;
    };

    double mm(double millimetres) const;
    double contentWidth() const;
    void startPage();
    void ensureSpace(double heightMm);
    void drawHeader();
    void drawTotals();
    void drawChart();
    void drawDailyTable();
    void drawModelTable();
    void drawFooter();
    void drawSectionTitle(const QString &title);
    void drawTableHeading(const QList<Column> &columns);
    void drawTableRow(const QList<Column> &columns, const QStringList &cells, bool emphasised);
    void drawTable(const QString &title, const QList<Column> &columns, const QList<QStringList> &rows,
                   const QStringList &totalRow);
    QList<Column> usageColumns(const QString &firstTitle, double firstWidthMm) const;
    QStringList usageCells(const QString &first, const Gateway::UsageRow &row) const;
    QString number(qint64 value) const;
    QString monthText() const;

    UsageReportData m_data;
    QLocale m_locale;
    QPdfWriter *m_writer = nullptr; // only while writePdf runs
    QPainter *m_painter = nullptr;  // only while writePdf runs
    double m_y = 0;                 // device units from the page top
    int m_pages = 0;
};

} // namespace Console
