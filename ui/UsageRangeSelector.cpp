// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageRangeSelector.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

// A custom range up to this many days is shown per hour, up to
// monthlyAfterDays per day, and per month beyond.
constexpr qint64 hourlyUpToDays = 2;
constexpr qint64 monthlyAfterDays = 120;

QDateTime startOfDay(const QDate &day, const QTimeZone &zone)
{
    return QDateTime(day, QTime(0, 0), zone).toUTC();
}

} // namespace

UsageRangeSelector::UsageRangeSelector(QWidget *parent)
    : QWidget(parent)
    , m_range(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
{
    m_range->setObjectName(u"rangeCombo"_s);
    m_range->addItem(tr("Last 24 hours"), QVariant::fromValue(Range::Day));
    m_range->addItem(tr("Last 7 days"), QVariant::fromValue(Range::Week));
    m_range->addItem(tr("Last 30 days"), QVariant::fromValue(Range::Month));
    m_range->addItem(tr("Custom dates"), QVariant::fromValue(Range::Custom));
    m_range->setCurrentIndex(2);

    const QDate today = now().toTimeZone(m_zone).date();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    m_from->setObjectName(u"rangeFrom"_s);
    m_to->setObjectName(u"rangeTo"_s);
    m_from->setDate(today.addDays(-29));
    m_to->setDate(today);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("&Range:"), this);
    label->setBuddy(m_range);
    layout->addWidget(label);
    layout->addWidget(m_range);
    layout->addWidget(m_from);
    //: Between the first and last date of a custom range
    layout->addWidget(new QLabel(tr("to"), this));
    layout->addWidget(m_to);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        updateCustomEnabled();
        Q_EMIT changed();
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        if (range() == Range::Custom)
            Q_EMIT changed();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        if (range() == Range::Custom)
            Q_EMIT changed();
    });
    updateCustomEnabled();
}

void UsageRangeSelector::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime UsageRangeSelector::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void UsageRangeSelector::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
}

QTimeZone UsageRangeSelector::timeZone() const
{
    return m_zone;
}

void UsageRangeSelector::setRange(Range range)
{
    m_range->setCurrentIndex(m_range->findData(QVariant::fromValue(range)));
}

UsageRangeSelector::Range UsageRangeSelector::range() const
{
    return m_range->currentData().value<Range>();
}

void UsageRangeSelector::setCustomRange(const QDate &from, const QDate &to)
{
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
    if (range() == Range::Custom)
        Q_EMIT changed();
    else
        setRange(Range::Custom);
}

void UsageRangeSelector::updateCustomEnabled()
{
    const bool custom = range() == Range::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
}

Gateway::UsageFilter UsageRangeSelector::filter() const
{
    Gateway::UsageFilter filter;
    filter.zone = m_zone;
    const QDateTime current = now();
    const QDate today = current.toTimeZone(m_zone).date();

    switch (range()) {
    case Range::Day: {
        // The 24 whole hours up to the end of the current one.
        const qint64 hourMs = 3600 * 1000;
        const qint64 end = (current.toMSecsSinceEpoch() / hourMs + 1) * hourMs;
        filter.to = QDateTime::fromMSecsSinceEpoch(end, QTimeZone::utc());
        filter.from = filter.to.addSecs(-24 * 3600);
        filter.period = Gateway::UsagePeriod::Hour;
        break;
    }
    case Range::Week:
    case Range::Month: {
        const int days = range() == Range::Week ? 7 : 30;
        filter.from = startOfDay(today.addDays(1 - days), m_zone);
        filter.to = startOfDay(today.addDays(1), m_zone);
        filter.period = Gateway::UsagePeriod::Day;
        break;
    }
    case Range::Custom: {
        const QDate first = std::min(m_from->date(), m_to->date());
        const QDate last = std::max(m_from->date(), m_to->date());
        const qint64 days = first.daysTo(last) + 1;
        filter.from = startOfDay(first, m_zone);
        filter.to = startOfDay(last.addDays(1), m_zone);
        filter.period = days <= hourlyUpToDays    ? Gateway::UsagePeriod::Hour
                        : days > monthlyAfterDays ? Gateway::UsagePeriod::Month
                                                  : Gateway::UsagePeriod::Day;
        if (filter.period == Gateway::UsagePeriod::Month) {
            // Whole months, so the first and last bar are not partial.
            filter.from = startOfDay(QDate(first.year(), first.month(), 1), m_zone);
            filter.to = startOfDay(QDate(last.year(), last.month(), 1).addMonths(1), m_zone);
        }
        break;
    }
    }
    return filter;
}

QList<QDateTime> UsageRangeSelector::periodStarts(const Gateway::UsageFilter &filter)
{
    QList<QDateTime> starts;
    QDateTime start = filter.from.toTimeZone(filter.zone);
    while (start < filter.to) {
        starts.append(start.toUTC());
        switch (filter.period) {
        case Gateway::UsagePeriod::Minute:
            start = start.addSecs(60);
            break;
        case Gateway::UsagePeriod::Hour:
            start = start.addSecs(3600);
            break;
        case Gateway::UsagePeriod::Day:
            start = QDateTime(start.date().addDays(1), QTime(0, 0), filter.zone);
            break;
        case Gateway::UsagePeriod::Month:
            start = QDateTime(start.date().addMonths(1), QTime(0, 0), filter.zone);
            break;
        }
    }
    return starts;
}

QString UsageRangeSelector::periodLabel(const QDateTime &start, const Gateway::UsageFilter &filter)
{
    const QLocale locale;
    const QDateTime local = start.toTimeZone(filter.zone);
    switch (filter.period) {
    case Gateway::UsagePeriod::Minute:
    case Gateway::UsagePeriod::Hour:
        if (filter.from.secsTo(filter.to) > 24 * 3600)
            return locale.toString(local, u"d MMM HH:mm"_s);
        return locale.toString(local.time(), u"HH:mm"_s);
    case Gateway::UsagePeriod::Day:
        return locale.toString(local.date(), u"d MMM"_s);
    case Gateway::UsagePeriod::Month:
        return locale.toString(local.date(), u"MMM yyyy"_s);
    }
    return {};
}

} // namespace Console
