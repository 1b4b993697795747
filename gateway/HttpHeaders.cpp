// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpHeaders.h"

namespace Gateway {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

void HttpHeaders::add(QByteArray name, QByteArray value)
{
    m_fields.append({std::move(name), std::move(value)});
}

void HttpHeaders::set(QByteArrayView name, QByteArray value)
{
    remove(name);
    m_fields.append({name.toByteArray(), std::move(value)});
}

void HttpHeaders::remove(QByteArrayView name)
{
    m_fields.removeIf([name](const Field &field) { return sameName(field.first, name); });
}

bool HttpHeaders::contains(QByteArrayView name) const
{
    return count(name) > 0;
}

int HttpHeaders::count(QByteArrayView name) const
{
    int n = 0;
    for (const Field &field : m_fields) {
        if (sameName(field.first, name))
            ++n;
    }
    return n;
}

QByteArray HttpHeaders::value(QByteArrayView name) const
{
    for (const Field &field : m_fields) {
        if (sameName(field.first, name))
            return field.second;
    }
    return {};
}

bool HttpHeaders::hasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const Field &field : m_fields) {
        if (!sameName(field.first, name))
            continue;
        const QList<QByteArray> parts = field.second.split(',');
        for (const QByteArray &part : parts) {
            if (sameName(part.trimmed(), token))
                return true;
        }
    }
    return false;
}

void HttpHeaders::appendTo(QByteArray &out) const
{
    for (const Field &field : m_fields) {
        out += field.first;
        out += ": ";
        out += field.second;
        out += "\r\n";
    }
}

} // namespace Gateway
