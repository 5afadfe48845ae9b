#include "profilestore.h"

#include "profileslog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace Windsock::Profiles {

namespace {

QString defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/profiles.json");
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

ProfileStore::ProfileStore(QString path, QObject *parent)
    : QObject(parent)
    , m_path(path.isEmpty() ? defaultPath() : std::move(path))
{}

bool ProfileStore::load()
{
    m_error.clear();
    m_setAsidePath.clear();
    m_profiles.clear();
    m_unreadable = QJsonArray();
    m_lastUsed.clear();
    m_refuseWrites = false;

    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        m_refuseWrites = true;
        m_error = QStringLiteral("The profiles file %1 could not be opened (%2). Windsock will not write "
                                 "to it until it can be read.")
                      .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    file.close();

    QString problem;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    QJsonObject root;
    if (parseError.error != QJsonParseError::NoError) {
        problem = QStringLiteral("it is not valid JSON (%1 at byte %2)")
                      .arg(parseError.errorString())
                      .arg(parseError.offset);
    } else if (!document.isObject()) {
        problem = QStringLiteral("it is not a JSON object");
    } else {
        root = document.object();
        const QJsonValue format = root.value(QLatin1String("format"));
        if (!format.isDouble()) {
            problem = QStringLiteral("it has no format version");
        } else if (format.toInt() > FormatVersion) {
            m_refuseWrites = true;
            m_error =
                QStringLiteral("The profiles file %1 was written by a newer version of Windsock (format "
                               "%2; this version reads format %3). Update Windsock to use these "
                               "profiles; the file has been left as it is.")
                    .arg(QDir::toNativeSeparators(m_path))
                    .arg(format.toInt())
                    .arg(FormatVersion);
            qCWarning(lcProfiles).noquote() << m_error;
            return false;
        } else if (!root.value(QLatin1String("profiles")).isArray()) {
            problem = QStringLiteral("it has no list of profiles");
        }
    }

    if (!problem.isEmpty()) {
        const QString stamp =
            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        QString aside = m_path + QStringLiteral(".corrupt-") + stamp;
        for (int n = 2; QFileInfo::exists(aside); ++n)
            aside = m_path + QStringLiteral(".corrupt-") + stamp + QLatin1Char('-') + QString::number(n);
        if (QFile::rename(m_path, aside)) {
            m_setAsidePath = aside;
            m_error =
                QStringLiteral("The profiles file could not be read: %1. It was moved to %2 and Windsock "
                               "starts with no profiles.")
                    .arg(problem, QDir::toNativeSeparators(aside));
        } else {
            m_refuseWrites = true;
            m_error =
                QStringLiteral("The profiles file %1 could not be read: %2. It could not be moved aside "
                               "either, so Windsock will not write to it.")
                    .arg(QDir::toNativeSeparators(m_path), problem);
        }
        qCWarning(lcProfiles).noquote() << m_error;
        return false;
    }

    const QJsonArray entries = root.value(QLatin1String("profiles")).toArray();
    QStringList skipped;
    for (const QJsonValue &entry : entries) {
        QString entryError;
        const Profile profile = Profile::fromJson(entry.toObject(), &entryError);
        if (!entry.isObject() || !entryError.isEmpty()) {
            m_unreadable.append(entry);
            skipped.append(entryError.isEmpty() ? QStringLiteral("an entry is not an object") : entryError);
            continue;
        }
        m_profiles.append(profile);
    }
    m_lastUsed = root.value(QLatin1String("lastUsedProfileId")).toString();
    if (!skipped.isEmpty()) {
        m_error = QStringLiteral("%1 profile(s) could not be read and are kept unchanged in the file: %2")
                      .arg(skipped.size())
                      .arg(skipped.join(QLatin1Char(' ')));
        qCWarning(lcProfiles).noquote() << m_error;
    }
    return true;
}

bool ProfileStore::save()
{
    if (m_refuseWrites) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("The profiles file cannot be written.");
        return false;
    }
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        m_error = QStringLiteral("The folder %1 could not be created.")
                      .arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }
    QJsonArray entries;
    for (const Profile &profile : std::as_const(m_profiles))
        entries.append(profile.toJson());
    for (const QJsonValue &entry : std::as_const(m_unreadable))
        entries.append(entry);
    QJsonObject root;
    root.insert(QLatin1String("format"), FormatVersion);
    if (!m_lastUsed.isEmpty())
        root.insert(QLatin1String("lastUsedProfileId"), m_lastUsed);
    root.insert(QLatin1String("profiles"), entries);

    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("The profiles file %1 could not be written (%2); the previous file is kept.")
                      .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        m_error = QStringLiteral("The profiles file %1 could not be written (%2); the previous file is kept.")
                      .arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    m_error.clear();
    return true;
}

std::optional<Profile> ProfileStore::profile(const QString &id) const
{
    for (const Profile &candidate : m_profiles) {
        if (candidate.id == id)
            return candidate;
    }
    return std::nullopt;
}

QString ProfileStore::upsert(Profile profile)
{
    if (profile.id.isEmpty())
        profile.id = newId();
    const QString id = profile.id;
    bool replaced = false;
    for (Profile &existing : m_profiles) {
        if (existing.id == id) {
            existing = std::move(profile);
            replaced = true;
            break;
        }
    }
    if (!replaced)
        m_profiles.append(std::move(profile));
    save();
    Q_EMIT profilesChanged();
    return id;
}

bool ProfileStore::remove(const QString &id)
{
    const qsizetype before = m_profiles.size();
    m_profiles.removeIf([&id](const Profile &profile) { return profile.id == id; });
    if (m_profiles.size() == before)
        return false;
    if (m_lastUsed == id)
        m_lastUsed.clear();
    const bool saved = save();
    Q_EMIT profilesChanged();
    return saved;
}

Profile ProfileStore::duplicate(const QString &id)
{
    const std::optional<Profile> original = profile(id);
    if (!original) {
        m_error = QStringLiteral("There is no profile with id %1.").arg(id);
        return {};
    }
    Profile copy = *original;
    copy.id = newId();
    copy.name = original->name + QStringLiteral(" (copy)");
    copy.lastUsed = QDateTime();
    m_profiles.append(copy);
    save();
    Q_EMIT profilesChanged();
    return copy;
}

void ProfileStore::setLastUsedProfileId(const QString &id)
{
    if (m_lastUsed == id)
        return;
    m_lastUsed = id;
    save();
}

QByteArray ProfileStore::exportJson(const QStringList &ids) const
{
    QJsonArray entries;
    for (const Profile &profile : m_profiles) {
        if (ids.isEmpty() || ids.contains(profile.id))
            entries.append(profile.toJson());
    }
    QJsonObject root;
    root.insert(QLatin1String("format"), FormatVersion);
    root.insert(QLatin1String("profiles"), entries);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

int ProfileStore::importJson(const QByteArray &json)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        m_error = QStringLiteral("The file is not a Windsock profiles export (not a JSON object).");
        return -1;
    }
    const QJsonObject root = document.object();
    const int format = root.value(QLatin1String("format")).toInt(0);
    if (format > FormatVersion) {
        m_error =
            QStringLiteral("The export was made by a newer version of Windsock (format %1; this version "
                           "reads format %2). Update Windsock to import it.")
                .arg(format)
                .arg(FormatVersion);
        return -1;
    }
    if (format < 1 || !root.value(QLatin1String("profiles")).isArray()) {
        m_error = QStringLiteral("The file is not a Windsock profiles export (no format or no profiles).");
        return -1;
    }
    QList<Profile> imported;
    const QJsonArray entries = root.value(QLatin1String("profiles")).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QString entryError;
        Profile profile = Profile::fromJson(entries.at(i).toObject(), &entryError);
        if (profile.id.isEmpty() &&
            Profiles::kindFromKey(entries.at(i).toObject().value(QLatin1String("kind")).toString()))
            entryError.clear(); // an export edited by hand: a new id is given below
        if (!entryError.isEmpty() || !entries.at(i).isObject()) {
            m_error = QStringLiteral("Profile %1 in the file could not be read: %2 Nothing was imported.")
                          .arg(i + 1)
                          .arg(entryError);
            return -1;
        }
        if (profile.id.isEmpty() || this->profile(profile.id))
            profile.id = newId();
        for (const Profile &other : std::as_const(imported)) {
            if (other.id == profile.id)
                profile.id = newId();
        }
        profile.lastUsed = QDateTime();
        imported.append(profile);
    }
    m_profiles.append(imported);
    save();
    Q_EMIT profilesChanged();
    return int(imported.size());
}

} // namespace Windsock::Profiles
