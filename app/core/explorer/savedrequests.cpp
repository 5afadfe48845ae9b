#include "savedrequests.h"

#include "requesthistory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace Windsock::Explorer {

namespace {

constexpr int MaxNameLength = 200;

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

QString collectionWords(const QString &collection)
{
    return collection.isEmpty() ? QStringLiteral("the saved requests")
                                : QStringLiteral("the collection \"%1\"").arg(collection);
}

} // namespace

SavedRequests::SavedRequests(QString folder)
    : m_folder(std::move(folder))
{}

QString SavedRequests::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/saved-requests");
}

QString SavedRequests::checkName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("A name cannot be empty.");
    if (name.size() > MaxNameLength)
        return QStringLiteral("A name cannot be longer than %1 characters.").arg(MaxNameLength);
    for (const QChar c : name) {
        if (c.unicode() < 32 || c.unicode() == 127)
            return QStringLiteral("A name cannot contain control characters or line breaks.");
        if (QStringLiteral("/\\:*?\"<>|").contains(c))
            return QStringLiteral("A name cannot contain %1 (names are file names).").arg(c);
    }
    if (name.startsWith(QLatin1Char('.')))
        return QStringLiteral("A name cannot start with a dot (the file would be hidden).");
    if (name != name.trimmed() || name.endsWith(QLatin1Char('.')))
        return QStringLiteral("A name cannot start or end with a space, or end with a dot.");
    // Names Windows reserves for devices, with or without an extension.
    const QString stem = name.section(QLatin1Char('.'), 0, 0).toUpper();
    static const QStringList reserved{QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
                                      QStringLiteral("NUL")};
    const bool numbered = (stem.startsWith(QLatin1String("COM")) || stem.startsWith(QLatin1String("LPT"))) &&
                          stem.size() == 4 && stem.at(3).isDigit() && stem.at(3) != QLatin1Char('0');
    if (reserved.contains(stem) || numbered)
        return QStringLiteral("\"%1\" is a reserved device name on Windows: choose another name.").arg(name);
    return {};
}

QByteArray SavedRequests::fileBytes(const RequestDraft &draft, const QStringList &secrets)
{
    RequestDraft kept = draft;
    kept.name.clear(); // the file's name is the request's name
    QList<KeyValue> headers;
    for (const KeyValue &header : std::as_const(kept.headers)) {
        if (!RequestHistory::isSensitiveHeader(header.key.toLatin1()))
            headers.append(header);
    }
    kept.headers = headers;
    kept.path = RequestHistory::redactText(kept.path, secrets);
    kept.body = RequestHistory::redactText(kept.body, secrets);
    for (QList<KeyValue> *rows : {&kept.pathParams, &kept.query, &kept.headers}) {
        for (KeyValue &row : *rows) {
            row.key = RequestHistory::redactText(row.key, secrets);
            row.value = RequestHistory::redactText(row.value, secrets);
        }
    }
    // QJsonDocument writes keys sorted and ends an indented document with a newline: the same request
    // always gives the same bytes.
    return QJsonDocument(kept.toJson()).toJson(QJsonDocument::Indented);
}

QString SavedRequests::collectionPath(const QString &collection) const
{
    return collection.isEmpty() ? m_folder : m_folder + QLatin1Char('/') + collection;
}

QString SavedRequests::filePath(const QString &collection, const QString &name) const
{
    return collectionPath(collection) + QLatin1Char('/') + name + QStringLiteral(".json");
}

QStringList SavedRequests::collections() const
{
    QDir dir(m_folder);
    QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::IgnoreCase);
    names.erase(std::remove_if(names.begin(), names.end(),
                               [](const QString &name) { return name.startsWith(QLatin1Char('.')); }),
                names.end());
    return names;
}

QStringList SavedRequests::requests(const QString &collection) const
{
    QDir dir(collectionPath(collection));
    QStringList names;
    const QStringList files =
        dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name | QDir::IgnoreCase);
    for (const QString &file : files)
        names.append(file.chopped(5));
    return names;
}

bool SavedRequests::save(const QString &collection, const RequestDraft &draft, QString *error) const
{
    const QString nameError = checkName(draft.name);
    if (!nameError.isEmpty()) {
        setError(error, nameError);
        return false;
    }
    if (!collection.isEmpty()) {
        const QString collectionError = checkName(collection);
        if (!collectionError.isEmpty()) {
            setError(error, QStringLiteral("Collection: ") + collectionError);
            return false;
        }
    }
    if (!QDir().mkpath(collectionPath(collection))) {
        setError(error, QStringLiteral("Could not create the folder %1.").arg(collectionPath(collection)));
        return false;
    }
    const QString path = filePath(collection, draft.name);
    QSaveFile file(path);
    const QByteArray bytes = fileBytes(draft, m_secrets);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        setError(error, QStringLiteral("Could not save %1: %2.").arg(path, file.errorString()));
        return false;
    }
    return true;
}

std::optional<RequestDraft> SavedRequests::open(const QString &collection, const QString &name,
                                                QString *error) const
{
    return openFile(filePath(collection, name), error);
}

std::optional<RequestDraft> SavedRequests::openFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        setError(error, QStringLiteral("There is no saved request %1.").arg(path));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("Could not read %1: %2.").arg(path, file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error, QStringLiteral("%1 is not valid JSON: %2: %3.")
                            .arg(path, lineAndColumn(bytes, parseError.offset), parseError.errorString()));
        return std::nullopt;
    }
    if (!document.isObject() || !document.object().value(QStringLiteral("path")).isString()) {
        setError(error,
                 QStringLiteral("%1 is not a saved request (a JSON object with a \"path\").").arg(path));
        return std::nullopt;
    }
    RequestDraft draft = RequestDraft::fromJson(document.object());
    draft.name = QFileInfo(path).completeBaseName();
    return draft;
}

bool SavedRequests::rename(const QString &collection, const QString &name, const QString &newName,
                           QString *error) const
{
    const QString nameError = checkName(newName);
    if (!nameError.isEmpty()) {
        setError(error, nameError);
        return false;
    }
    const QString from = filePath(collection, name);
    const QString to = filePath(collection, newName);
    if (!QFile::exists(from)) {
        setError(error,
                 QStringLiteral("There is no request \"%1\" in %2.").arg(name, collectionWords(collection)));
        return false;
    }
    if (name == newName)
        return true;
    // A change of case only is a rename of the same file on case-insensitive file systems.
    const bool sameFile = name.compare(newName, Qt::CaseInsensitive) == 0;
    if (!sameFile && QFile::exists(to)) {
        setError(error, QStringLiteral("There is already a request \"%1\" in %2.")
                            .arg(newName, collectionWords(collection)));
        return false;
    }
    if (!QFile::rename(from, to)) {
        setError(error, QStringLiteral("Could not rename \"%1\" to \"%2\".").arg(name, newName));
        return false;
    }
    return true;
}

QString SavedRequests::duplicate(const QString &collection, const QString &name, QString *error) const
{
    const QString from = filePath(collection, name);
    if (!QFile::exists(from)) {
        setError(error,
                 QStringLiteral("There is no request \"%1\" in %2.").arg(name, collectionWords(collection)));
        return {};
    }
    QString copyName = name + QStringLiteral(" copy");
    for (int n = 2; QFile::exists(filePath(collection, copyName)); ++n)
        copyName = name + QStringLiteral(" copy %1").arg(n);
    const QString nameError = checkName(copyName);
    if (!nameError.isEmpty()) {
        setError(error, nameError);
        return {};
    }
    if (!QFile::copy(from, filePath(collection, copyName))) {
        setError(error, QStringLiteral("Could not copy \"%1\".").arg(name));
        return {};
    }
    return copyName;
}

bool SavedRequests::remove(const QString &collection, const QString &name, QString *error) const
{
    const QString path = filePath(collection, name);
    if (!QFile::exists(path)) {
        setError(error,
                 QStringLiteral("There is no request \"%1\" in %2.").arg(name, collectionWords(collection)));
        return false;
    }
    if (!QFile::remove(path)) {
        setError(error, QStringLiteral("Could not delete %1.").arg(path));
        return false;
    }
    return true;
}

bool SavedRequests::createCollection(const QString &collection, QString *error) const
{
    const QString nameError = checkName(collection);
    if (!nameError.isEmpty()) {
        setError(error, nameError);
        return false;
    }
    if (QFileInfo::exists(collectionPath(collection))) {
        setError(error, QStringLiteral("There is already a collection \"%1\".").arg(collection));
        return false;
    }
    if (!QDir().mkpath(collectionPath(collection))) {
        setError(error, QStringLiteral("Could not create the folder %1.").arg(collectionPath(collection)));
        return false;
    }
    return true;
}

bool SavedRequests::renameCollection(const QString &collection, const QString &newName, QString *error) const
{
    const QString nameError = checkName(newName);
    if (!nameError.isEmpty()) {
        setError(error, nameError);
        return false;
    }
    if (collection.isEmpty() || !QFileInfo(collectionPath(collection)).isDir()) {
        setError(error, QStringLiteral("There is no collection \"%1\".").arg(collection));
        return false;
    }
    if (collection.compare(newName, Qt::CaseInsensitive) != 0 && QFileInfo::exists(collectionPath(newName))) {
        setError(error, QStringLiteral("There is already a collection \"%1\".").arg(newName));
        return false;
    }
    if (!QDir().rename(collectionPath(collection), collectionPath(newName))) {
        setError(error, QStringLiteral("Could not rename the collection \"%1\".").arg(collection));
        return false;
    }
    return true;
}

bool SavedRequests::removeCollection(const QString &collection, QString *error) const
{
    QDir dir(collectionPath(collection));
    if (collection.isEmpty() || !dir.exists()) {
        setError(error, QStringLiteral("There is no collection \"%1\".").arg(collection));
        return false;
    }
    const QStringList all =
        dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &entry : all) {
        if (!entry.endsWith(QLatin1String(".json")) || !QFileInfo(dir.filePath(entry)).isFile()) {
            setError(error,
                     QStringLiteral("The collection \"%1\" holds other files (%2): it was left as it is.")
                         .arg(collection, entry));
            return false;
        }
    }
    for (const QString &entry : all) {
        if (!dir.remove(entry)) {
            setError(error, QStringLiteral("Could not delete %1.").arg(dir.filePath(entry)));
            return false;
        }
    }
    if (!QDir(m_folder).rmdir(collection)) {
        setError(error, QStringLiteral("Could not delete the folder %1.").arg(dir.path()));
        return false;
    }
    return true;
}

} // namespace Windsock::Explorer
