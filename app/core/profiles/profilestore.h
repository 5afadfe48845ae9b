#pragma once

#include "profile.h"

#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>

namespace Windsock::Profiles {

// The non-secret part of every profile, as one JSON file in the platform's config directory
// (QStandardPaths::AppConfigLocation/profiles.json), with a format version. Written atomically (QSaveFile).
// A file that cannot be read (bad JSON, unknown future version, wrong shape) is reported in plain words and
// moved aside to profiles.json.corrupt-<UTC timestamp>, never overwritten silently. Small and local, so read
// and written synchronously.
class ProfileStore final : public QObject
{
    Q_OBJECT

public:
    static constexpr int FormatVersion = 1;

    // path empty = the platform's default location.
    explicit ProfileStore(QString path = {}, QObject *parent = nullptr);

    QString path() const { return m_path; }
    // Reads the file; false with error() set when it was corrupt (and has been set aside: store is empty).
    bool load();
    // Writes the file atomically; false with error() set on failure (nothing lost: the old file stays).
    bool save();
    QString error() const { return m_error; }
    // Where a corrupt file was moved, when load() found one; empty otherwise.
    QString setAsidePath() const { return m_setAsidePath; }

    QList<Profile> profiles() const { return m_profiles; }
    std::optional<Profile> profile(const QString &id) const;
    // Adds (new id) or replaces (same id). Assigns an id when empty; returns it. Saves.
    QString upsert(Profile profile);
    bool remove(const QString &id);       // saves; the caller removes the keychain entry (SecretStore)
    Profile duplicate(const QString &id); // a copy with a new id and name "<name> (copy)"; saved; no secret
    QString lastUsedProfileId() const { return m_lastUsed; }
    void setLastUsedProfileId(const QString &id); // saves

    // Import/export as JSON without secrets: {"format": 1, "profiles": [...]}. Import gives new ids to
    // profiles whose id exists already; returns how many were imported, or -1 with error().
    QByteArray exportJson(const QStringList &ids = {}) const;
    int importJson(const QByteArray &json);

Q_SIGNALS:
    void profilesChanged();

private:
    QString m_path;
    QString m_error;
    QString m_setAsidePath;
    QList<Profile> m_profiles;
    QString m_lastUsed;
    // Entries this version cannot read (an unknown kind): kept as they were and written back unchanged.
    QJsonArray m_unreadable;
    // Set when the file must not be written: a newer format, or a file that could not be read.
    bool m_refuseWrites = false;
};

} // namespace Windsock::Profiles
