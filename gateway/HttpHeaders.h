// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace Gateway {

// An ordered list of HTTP header fields. Names compare case-insensitively
// (RFC 9110, section 5.1); values are kept exactly as received.
class HttpHeaders final
{
public:
    using Field = QPair<QByteArray, QByteArray>;

    void add(QByteArray name, QByteArray value);
    // Replaces every field called name with one field.
    void set(QByteArrayView name, QByteArray value);
    void remove(QByteArrayView name);

    bool contains(QByteArrayView name) const;
    int count(QByteArrayView name) const;
    // The first value of name, or an empty array.
    QByteArray value(QByteArrayView name) const;
    // True when a comma-separated value of name contains token, e.g.
    // hasToken("Connection", "close").
    bool hasToken(QByteArrayView name, QByteArrayView token) const;

    const QList<Field> &fields() const { return m_fields; }
    qsizetype size() const { return m_fields.size(); }

    // Serialises as "Name: value\r\n" lines, without the final empty line.
    void appendTo(QByteArray &out) const;

private:
    QList<Field> m_fields;
};

} // namespace Gateway
