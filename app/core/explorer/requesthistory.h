#pragma once

#include "requestdraft.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Windsock::Explorer {

// One request sent from the explorer, with the response's metadata (not its body).
struct HistoryEntry
{
    QDateTime at;         // UTC, when it was sent
    RequestDraft request; // as edited (templates and {{variables}} kept), so that it can be re-opened
    QString url;          // the URL actually requested
    int status = 0;       // 0: no HTTP answer (see error)
    qint64 elapsedMs = 0;
    qint64 size = 0; // response body bytes
    QList<QPair<QByteArray, QByteArray>> requestHeaders, responseHeaders;
    QString contentType;
    QString error; // transport failure in plain words; empty when the server answered

    QJsonObject toJson() const;
    static HistoryEntry fromJson(const QJsonObject &object);
};

// The explorer's history of one profile: a JSONL file (one entry a line, oldest first) in
// <AppDataLocation>/explorer/history-<profile id>.jsonl. Every entry is redacted before it is kept:
// Authorization, Proxy-Authorization, Cookie, Set-Cookie and key/token-like headers (X-API-Key, X-Auth-Token,
// ...) are replaced by "<redacted>", and every string of setSecrets() (Auth::Authenticator::secrets()) is
// replaced by "<redacted>" wherever it appears (URL, query, headers, body). The history is capped by entries
// and by bytes: the oldest entries go first (down to a tenth below the cap, so the file is rewritten rarely).
class RequestHistory final
{
public:
    static constexpr int DefaultMaxEntries = 500;
    static constexpr qint64 DefaultMaxBytes = 4LL * 1024 * 1024;
    static inline const QString Redacted = QStringLiteral("<redacted>");

    explicit RequestHistory(const QString &profileId);
    static RequestHistory onFile(const QString &filePath);
    static QString defaultFilePath(const QString &profileId);
    QString filePath() const { return m_filePath; }

    void setLimits(int maxEntries, qint64 maxBytes);
    int maxEntries() const { return m_maxEntries; }
    qint64 maxBytes() const { return m_maxBytes; }
    // Strings never written (passwords, tokens, keys); empty strings are ignored.
    void setSecrets(const QStringList &secrets) { m_secrets = secrets; }

    // Reads the file (a missing file is an empty history). Lines that do not parse are skipped and counted
    // in *skipped (a torn last line after a crash loses only that line).
    bool load(QString *error = nullptr, int *skipped = nullptr);
    // Redacts, appends one line to the file, and applies the caps (rewriting the file when entries are
    // dropped). The entry is kept in memory even when the file cannot be written (then false + *error).
    bool append(const HistoryEntry &entry, QString *error = nullptr);
    bool clear(QString *error = nullptr);

    // Oldest first, as in the file.
    const QList<HistoryEntry> &entries() const { return m_entries; }
    int count() const { return int(m_entries.size()); }
    // Indexes into entries() of the entries whose method, URL, path, status, body or operation id contain
    // text (case-insensitive), newest first. Empty text: every entry, newest first.
    QList<int> search(const QString &text) const;

    // The entry as it is kept: sensitive headers and every secret redacted.
    static HistoryEntry redacted(const HistoryEntry &entry, const QStringList &secrets);
    // Authorization, Proxy-Authorization, Cookie, Set-Cookie, and names with key, token, secret, password or
    // session in them.
    static bool isSensitiveHeader(const QByteArray &name);
    // text with every secret replaced by "<redacted>".
    static QString redactText(QString text, const QStringList &secrets);

private:
    RequestHistory() = default;
    bool rewrite(QString *error);
    void applyCaps();

    QString m_filePath;
    int m_maxEntries = DefaultMaxEntries;
    qint64 m_maxBytes = DefaultMaxBytes;
    QStringList m_secrets;
    QList<HistoryEntry> m_entries;
    QList<qint64> m_lineBytes; // size of each entry's line, newline included
};

} // namespace Windsock::Explorer
