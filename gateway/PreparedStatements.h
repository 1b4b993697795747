// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace Gateway {

// Statements of one connection, each prepared once and reused. The log
// writer runs the same dozen UPSERTs on every commit. Preparing a
// fifty-column statement costs SQLite more than running it, so a commit of
// one row took about a millisecond when each was prepared again.
class PreparedStatements final
{
    Q_DISABLE_COPY_MOVE(PreparedStatements)

public:
    explicit PreparedStatements(QSqlDatabase db);
    ~PreparedStatements() = default;

    // The query for sql, prepared on first use; null with the driver's
    // error in error when preparing fails. Valid until clear().
    QSqlQuery *get(const QString &sql, QString &error);

    // Must run before the connection is closed or removed.
    void clear();

private:
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_queries;
};

} // namespace Gateway
