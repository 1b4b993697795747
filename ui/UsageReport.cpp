// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageReport.h"

#include "UsageChartView.h"
#include "UsageQueries.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcUsageReport, "soulfra.ui.usagereport")

constexpr int resolutionDpi = 300;
constexpr double pageWidthMm = 210;   // A4
constexpr double pageHeightMm = 297;
constexpr double marginMm = 18;
constexpr double footerMm = 10;       // kept free above the bottom margin
constexpr double rowMm = 5.6;         // one table row at 9 pt
constexpr double chartHeightMm = 72;
// The chart widget is laid out at this size in pixels, then scaled to the
// content width, so its fonts keep their proportion to the page's.
constexpr int chartPixelWidth = 1040;

QFont reportFont(double pointSize, bool bold = false)
{
    QFont font(u"DejaVu Sans"_s);
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

Gateway::UsageRow sumRows(const QList<Gateway::UsageRow> &rows)
{
    Gateway::UsageRow sum;
    for (const Gateway::UsageRow &row : rows) {
        sum.requests += row.requests;
        sum.generations += row.generations;
        sum.promptTokens += row.promptTokens;
        sum.completionTokens += row.completionTokens;
        sum.requestBytes += row.requestBytes;
        sum.responseBytes += row.responseBytes;
        sum.latencyMsSum += row.latencyMsSum;
        sum.errors.merge(row.errors);
        sum.latency.merge(row.latency);
        sum.timeToFirstToken.merge(row.timeToFirstToken);
    }
    return sum;
}

} // namespace

UsageReport::UsageReport(UsageReportData data, QLocale locale)
    : m_data(std::move(data))
    , m_locale(std::move(locale))
{
}

UsageReport::~UsageReport() = default;

const UsageReportData &UsageReport::data() const
{
    return m_data;
}

int UsageReport::pageCount() const
{
    return m_pages;
}

Gateway::UsageFilter UsageReport::monthFilter(const QString &userName, const QDate &month, const QTimeZone &zone)
{
    const QDate first(month.year(), month.month(), 1);
    Gateway::UsageFilter filter;
    filter.userName = userName;
    filter.from = QDateTime(first, QTime(0, 0), zone).toUTC();
    filter.to = QDateTime(first.addMonths(1), QTime(0, 0), zone).toUTC();
    filter.period = Gateway::UsagePeriod::Day;
    filter.zone = zone;
    return filter;
}

Gateway::Result<UsageReportData> UsageReport::gather(Gateway::UsageQueries &queries, const QString &productName,
                                                      const QString &userName, const QDate &month,
                                                      const QTimeZone &zone, const QDateTime &now)
{
    if (userName.isEmpty() || !month.isValid())
        return Gateway::Error(Gateway::ErrorCode::InvalidArgument, tr("A report needs a user and a month."));

    const Gateway::UsageFilter filter = monthFilter(userName, month, zone);
    auto series = queries.series(filter);
    if (!series)
        return series.error();
    auto models = queries.totals(filter, Gateway::UsageSplit::ByModel);
    if (!models)
        return models.error();
    auto tiers = queries.totals(filter, Gateway::UsageSplit::ByTier);
    if (!tiers)
        return tiers.error();

    UsageReportData data;
    data.productName = productName;
    data.userName = userName;
    data.month = QDate(month.year(), month.month(), 1);
    data.zone = zone;
    data.generatedAt = now.toUTC();
    data.models = models.value();
    for (const Gateway::UsageRow &row : tiers.value())
        data.tiers.append(row.tier);

    // One row per calendar day, so days without traffic show as zero.
    std::map<QDate, Gateway::UsageRow> byDay;
    for (const Gateway::UsageRow &row : series.value())
        byDay[row.periodStart.toTimeZone(zone).date()] = row;
    for (QDate day = data.month; day < data.month.addMonths(1); day = day.addDays(1)) {
        Gateway::UsageRow row;
        if (const auto found = byDay.find(day); found != byDay.end())
            row = found->second;
        row.periodStart = QDateTime(day, QTime(0, 0), zone).toUTC();
        data.days.append(row);
    }
    data.totals = sumRows(data.days);
    return data;
}

QString UsageReport::suggestedFileName() const
{
    //: File name of a report; %1 user, %2 year and month such as 2026-03
    return tr("usage-%1-%2.pdf").arg(m_data.userName, m_data.month.toString(u"yyyy-MM"_s));
}

QString UsageReport::number(qint64 value) const
{
    return m_locale.toString(value);
}

QString UsageReport::monthText() const
{
    return m_locale.standaloneMonthName(m_data.month.month(), QLocale::LongFormat) + u' '
           + QString::number(m_data.month.year());
}

double UsageReport::mm(double millimetres) const
{
    return millimetres * m_writer->resolution() / 25.4;
}

double UsageReport::contentWidth() const
{
    return pageWidthMm - 2 * marginMm;
}

Gateway::Result<Gateway::Done> UsageReport::writePdf(const QString &path)
{
    QPdfWriter writer(path);
    writer.setResolution(resolutionDpi);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    writer.setCreator(m_data.productName);
    writer.setTitle(tr("Usage of %1 in %2").arg(m_data.userName, monthText()));

    QPainter painter;
    if (!painter.begin(&writer)) {
        qCWarning(lcUsageReport).noquote() << "cannot write a PDF to" << path;
        return Gateway::Error(Gateway::ErrorCode::InvalidArgument,
                              tr("Cannot write %1. Choose a folder you can write to.").arg(path));
    }

    m_writer = &writer;
    m_painter = &painter;
    m_pages = 0;
    startPage();

    drawHeader();
    drawTotals();
    drawChart();
    drawModelTable();
    drawDailyTable();
    drawFooter();

    painter.end();
    m_painter = nullptr;
    m_writer = nullptr;
    qCInfo(lcUsageReport).noquote() << "wrote the usage report of" << m_data.userName << "for"
                                    << m_data.month.toString(u"yyyy-MM"_s) << "to" << path << "with" << m_pages
                                    << "pages";
    return Gateway::Done{};
}

void UsageReport::startPage()
{
    if (m_pages > 0) {
        drawFooter();
        m_writer->newPage();
    }
    ++m_pages;
    m_y = mm(marginMm);
}

void UsageReport::ensureSpace(double heightMm)
{
    if (m_y + mm(heightMm) > mm(pageHeightMm - marginMm - footerMm))
        startPage();
}

void UsageReport::drawFooter()
{
    m_painter->save();
    m_painter->setFont(reportFont(7.5));
    m_painter->setPen(QColor(0x55, 0x55, 0x55));
    const QRectF line(mm(marginMm), mm(pageHeightMm - marginMm - footerMm + 4), mm(contentWidth()), mm(5));
    //: Footer of a report page; %1 product, %2 user, %3 month
    m_painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                        tr("%1 · usage of %2 · %3").arg(m_data.productName, m_data.userName, monthText()));
    m_painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter, tr("Page %1").arg(m_pages));
    m_painter->restore();
}

void UsageReport::drawHeader()
{
    const double left = mm(marginMm);
    const double width = mm(contentWidth());

    m_painter->setPen(Qt::black);
    m_painter->setFont(reportFont(18, true));
    m_painter->drawText(QRectF(left, m_y, width, mm(10)), Qt::AlignLeft | Qt::AlignVCenter, m_data.productName);
    m_y += mm(11);

    m_painter->setFont(reportFont(12));
    m_painter->drawText(QRectF(left, m_y, width, mm(7)), Qt::AlignLeft | Qt::AlignVCenter,
                        tr("Monthly usage report"));
    m_y += mm(9);

    const QString tiers = m_data.tiers.isEmpty() ? tr("none (no requests)") : m_data.tiers.join(u", "_s);
    const QDate last = m_data.month.addMonths(1).addDays(-1);
    const QList<std::pair<QString, QString>> fields{
        {tr("User"), m_data.userName},
        {tr("Tier"), tiers},
        {tr("Month"), monthText()},
        //: %1 and %2 first and last day, %3 time zone such as UTC
        {tr("Period"), tr("%1 to %2, days in %3")
                           .arg(m_locale.toString(m_data.month, QLocale::ShortFormat),
                                m_locale.toString(last, QLocale::ShortFormat), QString::fromUtf8(m_data.zone.id()))},
        {tr("Generated"), m_locale.toString(m_data.generatedAt.toTimeZone(m_data.zone), QLocale::ShortFormat)},
    };

    m_painter->setFont(reportFont(9.5));
    const double labelWidth = mm(28);
    for (const auto &[label, value] : fields) {
        m_painter->setFont(reportFont(9.5, true));
        m_painter->drawText(QRectF(left, m_y, labelWidth, mm(5.5)), Qt::AlignLeft | Qt::AlignVCenter, label);
        m_painter->setFont(reportFont(9.5));
        m_painter->drawText(QRectF(left + labelWidth, m_y, width - labelWidth, mm(5.5)),
                            Qt::AlignLeft | Qt::AlignVCenter, value);
        m_y += mm(5.5);
    }

    m_y += mm(3);
    m_painter->setPen(QPen(QColor(0x99, 0x99, 0x99), mm(0.3)));
    m_painter->drawLine(QPointF(left, m_y), QPointF(left + width, m_y));
    m_y += mm(5);
}

void UsageReport::drawSectionTitle(const QString &title)
{
    ensureSpace(8 + 3 * rowMm); // never a title alone at the bottom of a page
    m_painter->setPen(Qt::black);
    m_painter->setFont(reportFont(11.5, true));
    m_painter->drawText(QRectF(mm(marginMm), m_y, mm(contentWidth()), mm(7)), Qt::AlignLeft | Qt::AlignVCenter,
                        title);
    m_y += mm(8);
}

void UsageReport::drawTotals()
{
    drawSectionTitle(tr("Totals"));

    const Gateway::UsageRow &t = m_data.totals;
    const QList<std::pair<QString, qint64>> totals{
        {tr("Requests"), t.requests},
        {tr("Generations"), t.generations},
        {tr("Errors"), t.errors.total()},
        {tr("Prompt tokens"), t.promptTokens},
        {tr("Completion tokens"), t.completionTokens},
        {tr("Total tokens"), t.tokens()},
    };

    // Three columns of label and value, two lines.
    const double columnWidth = mm(contentWidth() / 3);
    const double left = mm(marginMm);
    for (int i = 0; i < totals.size(); ++i) {
        const double x = left + (i % 3) * columnWidth;
        const double y = m_y + (i / 3) * mm(12);
        const QRectF box(x, y, columnWidth - mm(3), mm(11));
        m_painter->setPen(QPen(QColor(0xbb, 0xbb, 0xbb), mm(0.25)));
        m_painter->setBrush(QColor(0xf4, 0xf4, 0xf4));
        m_painter->drawRect(box);
        m_painter->setBrush(Qt::NoBrush);

        m_painter->setPen(QColor(0x44, 0x44, 0x44));
        m_painter->setFont(reportFont(8));
        m_painter->drawText(box.adjusted(mm(2), mm(1), -mm(2), -mm(5.5)), Qt::AlignLeft | Qt::AlignVCenter,
                            totals[i].first);
        m_painter->setPen(Qt::black);
        m_painter->setFont(reportFont(12, true));
        m_painter->drawText(box.adjusted(mm(2), mm(4.5), -mm(2), -mm(0.5)), Qt::AlignRight | Qt::AlignVCenter,
                            number(totals[i].second));
    }
    m_y += mm(2 * 12 + 4);

    if (t.requests == 0) {
        m_painter->setFont(reportFont(9.5));
        m_painter->drawText(QRectF(left, m_y, mm(contentWidth()), mm(6)), Qt::AlignLeft | Qt::AlignVCenter,
                            tr("No requests in this month."));
        m_y += mm(8);
    }
}

void UsageReport::drawChart()
{
    drawSectionTitle(tr("Requests per day"));
    ensureSpace(chartHeightMm);

    QStringList days;
    auto *requests = new QBarSet(tr("Requests"));
    auto *generations = new QBarSet(tr("Generations"));
    for (const Gateway::UsageRow &row : std::as_const(m_data.days)) {
        days.append(QString::number(row.periodStart.toTimeZone(m_data.zone).date().day()));
        requests->append(double(row.requests));
        generations->append(double(row.generations));
    }
    auto *series = new QBarSeries;
    series->append(requests);
    series->append(generations);

    // Always the light palette: the report is printed on white paper.
    UsageChartView chart;
    chart.setPalette(QPalette(Qt::black, Qt::white));
    chart.setCategories(days, tr("Day of %1").arg(monthText()));
    chart.setValueAxis(tr("Requests per day"), tr("requests"));
    chart.addSeries(series);
    chart.fitValueAxes();

    const QRectF target(mm(marginMm), m_y, mm(contentWidth()), mm(chartHeightMm));
    const QSize pixels(chartPixelWidth, int(chartPixelWidth * chartHeightMm / contentWidth()));
    chart.resize(pixels);
    chart.chart()->resize(pixels);

    // The scene renders as vectors, so the chart stays sharp when printed.
    m_painter->save();
    chart.scene()->render(m_painter, target, QRectF(QPointF(0, 0), QSizeF(pixels)));
    m_painter->restore();
    m_y += mm(chartHeightMm + 6);
}

QList<UsageReport::Column> UsageReport::usageColumns(const QString &firstTitle, double firstWidthMm) const
{
    const double rest = (contentWidth() - firstWidthMm) / 6;
    return {
        {firstTitle, firstWidthMm, Qt::AlignLeft},
        {tr("Requests"), rest, Qt::AlignRight},
        {tr("Generations"), rest, Qt::AlignRight},
        {tr("Prompt tokens"), rest, Qt::AlignRight},
        {tr("Completion tokens"), rest, Qt::AlignRight},
        {tr("Total tokens"), rest, Qt::AlignRight},
        {tr("Errors"), rest, Qt::AlignRight},
    };
}

QStringList UsageReport::usageCells(const QString &first, const Gateway::UsageRow &row) const
{
    return {first,
            number(row.requests),
            number(row.generations),
            number(row.promptTokens),
            number(row.completionTokens),
            number(row.tokens()),
            number(row.errors.total())};
}

void UsageReport::drawModelTable()
{
    QList<QStringList> rows;
    for (const Gateway::UsageRow &row : std::as_const(m_data.models))
        rows.append(usageCells(row.model.isEmpty() ? tr("(no model)") : row.model, row));
    drawTable(tr("Usage per model"), usageColumns(tr("Model"), 46), rows,
              usageCells(tr("Total"), sumRows(m_data.models)));
}

void UsageReport::drawDailyTable()
{
    QList<QStringList> rows;
    for (const Gateway::UsageRow &row : std::as_const(m_data.days)) {
        const QDate day = row.periodStart.toTimeZone(m_data.zone).date();
        rows.append(usageCells(m_locale.toString(day, QLocale::ShortFormat), row));
    }
    drawTable(tr("Usage per day"), usageColumns(tr("Day"), 34), rows, usageCells(tr("Total"), m_data.totals));
}

void UsageReport::drawTable(const QString &title, const QList<Column> &columns, const QList<QStringList> &rows,
                            const QStringList &totalRow)
{
    drawSectionTitle(title);
    drawTableHeading(columns);

    for (const QStringList &cells : rows) {
        const int page = m_pages;
        ensureSpace(rowMm);
        if (m_pages != page) // continued on a new page
            drawTableHeading(columns);
        drawTableRow(columns, cells, false);
    }

    ensureSpace(rowMm);
    m_painter->setPen(QPen(Qt::black, mm(0.3)));
    m_painter->drawLine(QPointF(mm(marginMm), m_y), QPointF(mm(marginMm + contentWidth()), m_y));
    drawTableRow(columns, totalRow, true);
    m_y += mm(6);
}

void UsageReport::drawTableHeading(const QList<Column> &columns)
{
    // Two lines, so long headings wrap instead of being cut off.
    const double heightMm = 2 * 3.6;
    m_painter->setFont(reportFont(8, true));
    m_painter->setPen(Qt::black);
    double x = mm(marginMm);
    for (const Column &column : columns) {
        m_painter->drawText(QRectF(x + mm(1), m_y, mm(column.widthMm) - mm(2), mm(heightMm)),
                            column.alignment | Qt::AlignBottom | Qt::TextWordWrap, column.title);
        x += mm(column.widthMm);
    }
    m_y += mm(heightMm + 1);
    m_painter->setPen(QPen(QColor(0x77, 0x77, 0x77), mm(0.25)));
    m_painter->drawLine(QPointF(mm(marginMm), m_y), QPointF(mm(marginMm + contentWidth()), m_y));
}

void UsageReport::drawTableRow(const QList<Column> &columns, const QStringList &cells, bool emphasised)
{
    m_painter->setFont(reportFont(8.5, emphasised));
    m_painter->setPen(Qt::black);
    double x = mm(marginMm);
    for (int i = 0; i < columns.size() && i < cells.size(); ++i) {
        const QRectF cell(x + mm(1), m_y, mm(columns[i].widthMm) - mm(2), mm(rowMm));
        const QString text =
            m_painter->fontMetrics().elidedText(cells[i], Qt::ElideMiddle, int(cell.width()));
        m_painter->drawText(cell, columns[i].alignment | Qt::AlignVCenter, text);
        x += mm(columns[i].widthMm);
    }
    m_y += mm(rowMm);
}

} // namespace Console
