#include "requesthistory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace Windsock::Explorer {

namespace {

QJsonArray headersToJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    return array;
}

QList<QPair<QByteArray, QByteArray>> headersFromJson(const QJsonValue &value)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonArray pair = item.toArray();
        if (pair.size() == 2)
            headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    return headers;
}

QByteArray lineOf(const HistoryEntry &entry)
{
    return QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

void redactRows(QList<KeyValue> &rows, const QStringList &secrets, bool headers)
{
    for (KeyValue &row : rows) {
        if (headers && RequestHistory::isSensitiveHeader(row.key.trimmed().toLatin1()))
            row.value = RequestHistory::Redacted;
        row.key = RequestHistory::redactText(row.key, secrets);
        row.value = RequestHistory::redactText(row.value, secrets);
    }
}

void redactHeaders(QList<QPair<QByteArray, QByteArray>> &headers, const QStringList &secrets)
{
    for (auto &[name, value] : headers) {
        if (RequestHistory::isSensitiveHeader(name))
            value = RequestHistory::Redacted.toUtf8();
        else
            value = RequestHistory::redactText(QString::fromUtf8(value), secrets).toUtf8();
    }
}

} // namespace

QJsonObject HistoryEntry::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs));
    object.insert(QStringLiteral("request"), request.toJson());
    object.insert(QStringLiteral("url"), url);
    object.insert(QStringLiteral("status"), status);
    object.insert(QStringLiteral("elapsedMs"), elapsedMs);
    object.insert(QStringLiteral("size"), size);
    object.insert(QStringLiteral("requestHeaders"), headersToJson(requestHeaders));
    object.insert(QStringLiteral("responseHeaders"), headersToJson(responseHeaders));
    if (!contentType.isEmpty())
        object.insert(QStringLiteral("contentType"), contentType);
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return object;
}

HistoryEntry HistoryEntry::fromJson(const QJsonObject &object)
{
    HistoryEntry entry;
    entry.at =
        QDateTime::fromString(object.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs).toUTC();
    entry.request = RequestDraft::fromJson(object.value(QStringLiteral("request")).toObject());
    entry.url = object.value(QStringLiteral("url")).toString();
    entry.status = object.value(QStringLiteral("status")).toInt();
    entry.elapsedMs = qint64(object.value(QStringLiteral("elapsedMs")).toDouble());
    entry.size = qint64(object.value(QStringLiteral("size")).toDouble());
    entry.requestHeaders = headersFromJson(object.value(QStringLiteral("requestHeaders")));
    entry.responseHeaders = headersFromJson(object.value(QStringLiteral("responseHeaders")));
    entry.contentType = object.value(QStringLiteral("contentType")).toString();
    entry.error = object.value(QStringLiteral("error")).toString();
    return entry;
}

RequestHistory::RequestHistory(const QString &profileId)
    : m_filePath(defaultFilePath(profileId))
{}

RequestHistory RequestHistory::onFile(const QString &filePath)
{
    RequestHistory history;
    history.m_filePath = filePath;
    return history;
}

QString RequestHistory::defaultFilePath(const QString &profileId)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/explorer/history-") + profileId + QStringLiteral(".jsonl");
}

void RequestHistory::setLimits(int maxEntries, qint64 maxBytes)
{
    m_maxEntries = qMax(1, maxEntries);
    m_maxBytes = qMax<qint64>(1, maxBytes);
}

bool RequestHistory::isSensitiveHeader(const QByteArray &name)
{
    const QByteArray lower = name.trimmed().toLower();
    static const QList<QByteArray> exact{"authorization", "proxy-authorization", "cookie", "set-cookie"};
    if (exact.contains(lower))
        return true;
    for (const char *part : {"key", "token", "secret", "password", "session", "auth"}) {
        if (lower.contains(part))
            return true;
    }
    return false;
}

QString RequestHistory::redactText(QString text, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (secret.isEmpty())
            continue;
        text.replace(secret, Redacted);
        // A secret in a URL is percent-encoded there.
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (encoded != secret)
            text.replace(encoded, Redacted);
    }
    return text;
}

HistoryEntry RequestHistory::redacted(const HistoryEntry &entry, const QStringList &secrets)
{
    HistoryEntry out = entry;
    out.request.name = redactText(out.request.name, secrets);
    out.request.path = redactText(out.request.path, secrets);
    out.request.body = redactText(out.request.body, secrets);
    redactRows(out.request.pathParams, secrets, false);
    redactRows(out.request.query, secrets, false);
    redactRows(out.request.headers, secrets, true);
    out.url = redactText(out.url, secrets);
    redactHeaders(out.requestHeaders, secrets);
    redactHeaders(out.responseHeaders, secrets);
    out.contentType = redactText(out.contentType, secrets);
    out.error = redactText(out.error, secrets);
    return out;
}

bool RequestHistory::load(QString *error, int *skipped)
{
    m_entries.clear();
    m_lineBytes.clear();
    if (skipped)
        *skipped = 0;
    QFile file(m_filePath);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Could not read the history %1: %2.").arg(m_filePath, file.errorString());
        return false;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            if (skipped)
                ++*skipped;
            continue;
        }
        // Redacted again: a file written by an older version, or secrets that changed, stay safe in memory.
        const HistoryEntry entry = redacted(HistoryEntry::fromJson(document.object()), m_secrets);
        m_entries.append(entry);
        m_lineBytes.append(lineOf(entry).size());
    }
    file.close();
    const qsizetype before = m_entries.size();
    applyCaps();
    if (m_entries.size() != before)
        return rewrite(error);
    return true;
}

bool RequestHistory::append(const HistoryEntry &entry, QString *error)
{
    const HistoryEntry kept = redacted(entry, m_secrets);
    const QByteArray line = lineOf(kept);
    m_entries.append(kept);
    m_lineBytes.append(line.size());
    const qsizetype before = m_entries.size();
    applyCaps();
    if (m_entries.size() != before)
        return rewrite(error);

    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath())) {
        if (error)
            *error = QStringLiteral("Could not create the folder of the history %1.").arg(m_filePath);
        return false;
    }
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadWrite)) {
        if (error)
            *error =
                QStringLiteral("Could not write the history %1: %2.").arg(m_filePath, file.errorString());
        return false;
    }
    QByteArray bytes = line;
    // A line torn by a crash must not swallow this one.
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n")
        bytes.prepend('\n');
    if (!file.seek(file.size()) || file.write(bytes) != bytes.size()) {
        if (error)
            *error =
                QStringLiteral("Could not write the history %1: %2.").arg(m_filePath, file.errorString());
        return false;
    }
    return true;
}

bool RequestHistory::clear(QString *error)
{
    m_entries.clear();
    m_lineBytes.clear();
    if (QFile::exists(m_filePath) && !QFile::remove(m_filePath)) {
        if (error)
            *error = QStringLiteral("Could not delete the history %1.").arg(m_filePath);
        return false;
    }
    return true;
}

QList<int> RequestHistory::search(const QString &text) const
{
    QList<int> found;
    const QString needle = text.trimmed();
    for (int i = int(m_entries.size()) - 1; i >= 0; --i) {
        const HistoryEntry &entry = m_entries.at(i);
        if (needle.isEmpty()) {
            found.append(i);
            continue;
        }
        const QStringList haystack{QString::fromLatin1(entry.request.method) + QLatin1Char(' ') +
                                       entry.request.path,
                                   entry.url,
                                   QString::number(entry.status),
                                   entry.request.body,
                                   entry.request.operationId,
                                   entry.request.name,
                                   entry.error};
        for (const QString &field : haystack) {
            if (field.contains(needle, Qt::CaseInsensitive)) {
                found.append(i);
                break;
            }
        }
    }
    return found;
}

void RequestHistory::applyCaps()
{
    qint64 total = 0;
    for (const qint64 bytes : std::as_const(m_lineBytes))
        total += bytes;
    if (m_entries.size() <= m_maxEntries && total <= m_maxBytes)
        return;
    // Over a cap: down to a tenth below it, so that the file is rewritten once every many requests rather
    // than at each one. The newest entry always stays, even alone over the byte cap.
    const qsizetype entryTarget = m_maxEntries - m_maxEntries / 10;
    const qint64 byteTarget = m_maxBytes - m_maxBytes / 10;
    while (m_entries.size() > 1 && (m_entries.size() > entryTarget || total > byteTarget)) {
        total -= m_lineBytes.takeFirst();
        m_entries.removeFirst();
    }
}

bool RequestHistory::rewrite(QString *error)
{
    if (!QDir().mkpath(QFileInfo(m_filePath).absolutePath())) {
        if (error)
            *error = QStringLiteral("Could not create the folder of the history %1.").arg(m_filePath);
        return false;
    }
    QSaveFile file(m_filePath);
    bool ok = file.open(QIODevice::WriteOnly);
    for (const HistoryEntry &entry : std::as_const(m_entries)) {
        if (!ok)
            break;
        const QByteArray line = lineOf(entry);
        ok = file.write(line) == line.size();
    }
    if (!ok || !file.commit()) {
        if (error)
            *error =
                QStringLiteral("Could not write the history %1: %2.").arg(m_filePath, file.errorString());
        return false;
    }
    return true;
}

} // namespace Windsock::Explorer
