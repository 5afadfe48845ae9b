#pragma once

#include "requestdraft.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace Windsock::Explorer {

// Saved requests as plain files in a folder the user chooses (default: defaultFolder()): one
// "<name>.json" per request, collections are subfolders (collection "" is the folder itself). Files are
// git-friendly: keys sorted, indented, one trailing newline, the same bytes for the same request. Nothing
// secret is written: Authorization, Cookie and other sensitive headers are left out, and every string of
// setSecrets() is replaced by "<redacted>".
class SavedRequests final
{
public:
    explicit SavedRequests(QString folder = defaultFolder());

    // The default folder of the app and of windsock-cli: <AppDataLocation>/saved-requests.
    static QString defaultFolder();

    QString folder() const { return m_folder; }
    void setSecrets(const QStringList &secrets) { m_secrets = secrets; }

    // Subfolders of the folder, sorted; the top level ("") is not listed. Hidden folders (.git) are skipped.
    QStringList collections() const;
    // Names (without .json) of the requests of a collection, sorted case-insensitively.
    QStringList requests(const QString &collection = QString()) const;
    QString filePath(const QString &collection, const QString &name) const;

    // Writes draft as <collection>/<draft.name>.json (replacing a file of that name), creating folders.
    bool save(const QString &collection, const RequestDraft &draft, QString *error = nullptr) const;
    std::optional<RequestDraft> open(const QString &collection, const QString &name,
                                     QString *error = nullptr) const;
    // Any saved-request file (windsock-cli request --from-file); the name is the file's base name.
    static std::optional<RequestDraft> openFile(const QString &path, QString *error = nullptr);
    // Refuses to replace an existing request.
    bool rename(const QString &collection, const QString &name, const QString &newName,
                QString *error = nullptr) const;
    // "name copy", then "name copy 2", "name copy 3"...; returns the new name, empty on error.
    QString duplicate(const QString &collection, const QString &name, QString *error = nullptr) const;
    bool remove(const QString &collection, const QString &name, QString *error = nullptr) const;

    bool createCollection(const QString &collection, QString *error = nullptr) const;
    bool renameCollection(const QString &collection, const QString &newName, QString *error = nullptr) const;
    // Removes the collection with its request files; refuses when it holds anything else.
    bool removeCollection(const QString &collection, QString *error = nullptr) const;

    // Empty when name can be a request or collection name on every platform; otherwise why not, in words
    // ("A name cannot contain /.").
    static QString checkName(const QString &name);
    // The bytes written for a draft: sensitive headers dropped, secrets redacted, keys sorted, indented, one
    // trailing newline. The name is not stored in the file (it is the file's name).
    static QByteArray fileBytes(const RequestDraft &draft, const QStringList &secrets = {});

private:
    QString collectionPath(const QString &collection) const;
    QString m_folder;
    QStringList m_secrets;
};

} // namespace Windsock::Explorer
