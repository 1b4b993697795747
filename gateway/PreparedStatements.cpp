// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreparedStatements.h"

#include <QSqlError>

namespace Gateway {

PreparedStatements::PreparedStatements(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QSqlQuery *PreparedStatements::get(const QString &sql, QString &error)
{
    auto found = m_queries.find(sql);
    if (found != m_queries.end())
        return &found.value();

    QSqlQuery query(m_db);
    if (!query.prepare(sql)) {
        error = query.lastError().text();
        return nullptr;
    }
    return &m_queries.insert(sql, std::move(query)).value();
}

void PreparedStatements::clear()
{
    m_queries.clear();
    m_db = QSqlDatabase();
}

} // namespace Gateway
