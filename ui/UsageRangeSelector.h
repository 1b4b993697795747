// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageRow.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>
#include <QWidget>

#include <functional>

class QComboBox;
class QDateEdit;

namespace Console {

// The range of an analytics page: the last day (per hour), the last 7 or 30
// days (per day) or custom dates, with days in the gateway's limit zone.
class UsageRangeSelector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageRangeSelector)

public:
    enum class Range { Day, Week, Month, Custom };
    Q_ENUM(Range)

    explicit UsageRangeSelector(QWidget *parent = nullptr);

    // The current time (UTC); tests set a fixed one. Defaults to the clock.
    void setClock(std::function<QDateTime()> clock);
    QDateTime now() const;
    void setTimeZone(const QTimeZone &zone);
    QTimeZone timeZone() const;

    void setRange(Range range);
    Range range() const;
    // Switches to Custom with the days from and to, both included.
    void setCustomRange(const QDate &from, const QDate &to);

    // from, to, period and zone of the chosen range; user, model and tier
    // are left empty for the page to fill in.
    Gateway::UsageFilter filter() const;

    // Start of each period of filter, oldest first, in UTC.
    static QList<QDateTime> periodStarts(const Gateway::UsageFilter &filter);
    // Short label of a period start for a category axis: "14:00", "3 Mar",
    // "Mar 2026".
    static QString periodLabel(const QDateTime &start, const Gateway::UsageFilter &filter);

Q_SIGNALS:
    void changed();

private:
    void updateCustomEnabled();

    QComboBox *m_range = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    std::function<QDateTime()> m_clock;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace Console
