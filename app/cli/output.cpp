#include "output.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Windsock::Cli::Output {

namespace {

// A JSON value as compact text: QJsonDocument only writes arrays and objects, so the value goes through a
// one-element array whose brackets are then dropped.
QByteArray valueText(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue isoTimeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{}

void TextTable::addRow(QStringList cells)
{
    m_rows.append(std::move(cells));
}

void TextTable::print(QTextStream &out) const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = qMax(widths.at(i), row.at(i).size());
    }
    const auto printLine = [&out, &widths](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            if (i + 1 < widths.size())
                line += cell.leftJustified(widths.at(i)) + QLatin1String("  ");
            else
                line += cell;
        }
        // Empty trailing cells still leave the padding before them.
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out << line << '\n';
    };
    printLine(m_headers);
    for (const QStringList &row : m_rows)
        printLine(row);
}

void printFields(QTextStream &out, const QList<QPair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &field : fields)
        width = qMax(width, field.first.size() + 1);
    for (const auto &[name, value] : fields) {
        const QString label = name + QLatin1Char(':');
        const QString line = label.leftJustified(width) + QLatin1String("  ") + value;
        out << line.trimmed() << '\n';
    }
}

JsonRecord &JsonRecord::add(const QString &key, const QJsonValue &value)
{
    m_fields.append({key, value});
    return *this;
}

QByteArray JsonRecord::toJson() const
{
    QByteArray json = "{";
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (i > 0)
            json += ", ";
        json += valueText(m_fields.at(i).first) + ": " + valueText(m_fields.at(i).second);
    }
    return json + '}';
}

void printJson(QTextStream &out, const QList<JsonRecord> &records)
{
    if (records.isEmpty()) {
        out << "[]\n";
        return;
    }
    out << "[\n";
    for (qsizetype i = 0; i < records.size(); ++i)
        out << "  " << records.at(i).toJson() << (i + 1 < records.size() ? ",\n" : "\n");
    out << "]\n";
}

void printJson(QTextStream &out, const JsonRecord &record)
{
    out << record.toJson() << '\n';
}

} // namespace Windsock::Cli::Output
