// SPDX-License-Identifier: GPL-3.0-or-later
#include "LiveLogFilterModel.h"

#include "LiveLogModel.h"

namespace Console {

namespace {

bool containsFilter(const QString &value, const QString &filter)
{
    return filter.isEmpty() || value.contains(filter, Qt::CaseInsensitive);
}

} // namespace

LiveLogFilterModel::LiveLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LiveLogModel::SortRole);
    setDynamicSortFilter(true);
}

LiveLogFilterModel::~LiveLogFilterModel() = default;

QString LiveLogFilterModel::userFilter() const
{
    return m_userFilter;
}

void LiveLogFilterModel::setUserFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_userFilter)
        return;

    m_userFilter = trimmed;
    invalidateRowsFilter();
}

QString LiveLogFilterModel::modelFilter() const
{
    return m_modelFilter;
}

void LiveLogFilterModel::setModelFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_modelFilter)
        return;

    m_modelFilter = trimmed;
    invalidateRowsFilter();
}

LiveLogFilterModel::StatusFilter LiveLogFilterModel::statusFilter() const
{
    return m_statusFilter;
}

void LiveLogFilterModel::setStatusFilter(StatusFilter filter)
{
    if (filter == m_statusFilter)
        return;

    m_statusFilter = filter;
    invalidateRowsFilter();
}

bool LiveLogFilterModel::matchesStatus(const Gateway::RequestLogEntry &entry, StatusFilter filter)
{
    switch (filter) {
    case StatusFilter::All:
        return true;
    case StatusFilter::Success:
        return entry.status >= 200 && entry.status < 300;
    case StatusFilter::ClientError:
        return entry.status >= 400 && entry.status < 500;
    case StatusFilter::ServerError:
        return entry.status >= 500 && entry.status < 600;
    case StatusFilter::Errors:
        return entry.status >= 400 || !entry.errorMessage.isEmpty();
    }
    return true;
}

bool LiveLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *source = qobject_cast<const LiveLogModel *>(sourceModel());
    if (source == nullptr || sourceParent.isValid())
        return true;

    const Gateway::RequestLogEntry &entry = source->entryAt(sourceRow);
    return containsFilter(entry.userName, m_userFilter)
        && containsFilter(entry.model, m_modelFilter)
        && matchesStatus(entry, m_statusFilter);
}

} // namespace Console
