// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace Gateway {
struct RequestLogEntry;
}

namespace Console {

// Filters a LiveLogModel by user, model and status class. The text filters
// match case-insensitively anywhere in the value, so "llama" matches
// "llama3.2:3b". An empty filter matches every row.
class LiveLogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveLogFilterModel)

public:
    enum class StatusFilter {
        All,
        Success,     // 2xx
        ClientError, // 4xx
        ServerError, // 5xx
        Errors,      // status 400 or above, or an error message (a stream can fail after a 200)
    };
    Q_ENUM(StatusFilter)

    explicit LiveLogFilterModel(QObject *parent = nullptr);
    ~LiveLogFilterModel() override;

    QString userFilter() const;
    void setUserFilter(const QString &text);

    QString modelFilter() const;
    void setModelFilter(const QString &text);

    StatusFilter statusFilter() const;
    void setStatusFilter(StatusFilter filter);

    static bool matchesStatus(const Gateway::RequestLogEntry &entry, StatusFilter filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_userFilter;
    QString m_modelFilter;
    StatusFilter m_statusFilter = StatusFilter::All;
};

} // namespace Console
