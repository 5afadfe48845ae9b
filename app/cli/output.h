#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Windsock::Cli::Output {

// A time as windsock-cli prints it: ISO 8601 in UTC ("2025-06-01T12:00:00Z"), empty when invalid.
QString isoTime(const QDateTime &time);
// The same for --json: null when invalid.
QJsonValue isoTimeJson(const QDateTime &time);

// A table for people: a header line and one line per row, every column as wide as its widest cell, two
// spaces apart; the last column is not padded, so lines carry no trailing blanks.
class TextTable final
{
public:
    explicit TextTable(QStringList headers);
    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    void print(QTextStream &out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

// One record for people: "name:  value" lines, the values aligned.
void printFields(QTextStream &out, const QList<QPair<QString, QString>> &fields);

// One JSON object whose keys stay in the order they were added (QJsonObject sorts them): --json output
// keeps Airflow's field order, the same every time, for scripts and for people reading it.
class JsonRecord final
{
public:
    JsonRecord &add(const QString &key, const QJsonValue &value);
    QByteArray toJson() const; // compact, one line

private:
    QList<QPair<QString, QJsonValue>> m_fields;
};

// A list for --json: "[", one record a line, "]".
void printJson(QTextStream &out, const QList<JsonRecord> &records);
void printJson(QTextStream &out, const JsonRecord &record);

} // namespace Windsock::Cli::Output
