#include "profileactions.h"

#include "discovery/discoverydialog.h"
#include "filedialog.h"
#include "messagebox.h"
#include "profileeditordialog.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "profilesidebar.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QUuid>

namespace Windsock::Ui {

using Profiles::SecretResult;

namespace {

QStringList folderNames(const QList<Profiles::Profile> &profiles)
{
    QSet<QString> folders;
    for (const Profiles::Profile &profile : profiles) {
        if (!profile.folder.isEmpty())
            folders.insert(profile.folder);
    }
    QStringList sorted(folders.begin(), folders.end());
    sorted.sort(Qt::CaseInsensitive);
    return sorted;
}

QString jsonFilter()
{
    return ProfileActions::tr("Windsock profiles (*.json);;All files (*)");
}

} // namespace

ProfileActions::ProfileActions(Profiles::ProfileStore *store, Profiles::SecretStore *secrets,
                               ProfileSidebar *sidebar, QWidget *dialogParent)
    : QObject(sidebar)
    , m_store(store)
    , m_secrets(secrets)
    , m_sidebar(sidebar)
    , m_dialogParent(dialogParent)
    , m_new(new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New Profile…"), this))
    , m_edit(new QAction(QIcon::fromTheme(QStringLiteral("document-edit")), tr("&Edit Profile…"), this))
    , m_duplicate(new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("D&uplicate Profile"), this))
    , m_delete(new QAction(QIcon::fromTheme(QStringLiteral("list-remove")), tr("De&lete Profile…"), this))
    , m_import(new QAction(tr("&Import Profiles…"), this))
    , m_export(new QAction(tr("E&xport Profiles…"), this))
    , m_connect(new QAction(tr("&Connect"), this))
    , m_discover(
          new QAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Discover Deployments…"), this))
{
    m_new->setObjectName(QStringLiteral("newProfileAction"));
    m_new->setShortcut(QKeySequence::New);
    m_new->setToolTip(tr("New connection profile"));
    m_edit->setObjectName(QStringLiteral("editProfileAction"));
    m_edit->setToolTip(tr("Edit the selected profile"));
    m_duplicate->setObjectName(QStringLiteral("duplicateProfileAction"));
    m_duplicate->setToolTip(tr("Copy the selected profile, with its secret"));
    m_delete->setObjectName(QStringLiteral("deleteProfileAction"));
    m_delete->setToolTip(tr("Delete the selected profile and its secret in the keychain"));
    m_import->setObjectName(QStringLiteral("importProfilesAction"));
    m_export->setObjectName(QStringLiteral("exportProfilesAction"));
    m_export->setToolTip(tr("Save every profile to a JSON file, without secrets"));
    m_connect->setObjectName(QStringLiteral("connectProfileAction"));
    m_discover->setObjectName(QStringLiteral("discoverDeploymentsAction"));
    m_discover->setToolTip(
        tr("Create profiles for the deployments an Astro token or an Astronomer Software key "
           "can see"));
    connect(m_discover, &QAction::triggered, this, &ProfileActions::discoverDeployments);

    connect(m_new, &QAction::triggered, this, &ProfileActions::newProfile);
    connect(m_edit, &QAction::triggered, this, &ProfileActions::editProfile);
    connect(m_duplicate, &QAction::triggered, this, &ProfileActions::duplicateProfile);
    connect(m_delete, &QAction::triggered, this, &ProfileActions::deleteProfile);
    connect(m_import, &QAction::triggered, this, &ProfileActions::importProfiles);
    connect(m_export, &QAction::triggered, this, &ProfileActions::exportProfiles);
    connect(m_connect, &QAction::triggered, this, [this] {
        if (m_sidebar->isDemoSelected() || !m_sidebar->currentProfileId().isEmpty())
            Q_EMIT connectRequested(m_sidebar->currentProfileId());
    });
    connect(sidebar, &ProfileSidebar::connectRequested, this, &ProfileActions::connectRequested);
    connect(sidebar, &ProfileSidebar::currentChanged, this, &ProfileActions::updateActions);

    auto *separator = new QAction(this);
    separator->setSeparator(true);
    sidebar->setActions({m_new, m_edit, m_duplicate, m_delete},
                        {m_connect, separator, m_new, m_edit, m_duplicate, m_delete});
    sidebar->addMenuActions({m_import, m_export});
    updateActions();
}

void ProfileActions::discoverDeployments()
{
    if (m_discoveryDialog) {
        m_discoveryDialog->raise();
        m_discoveryDialog->activateWindow();
        return;
    }
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    auto *dialog = new DiscoveryDialog(m_store, m_secrets, m_nam, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_discoveryDialog = dialog;
    connect(dialog, &DiscoveryDialog::profilesCreated, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
            Q_EMIT profileSaved(id);
        Q_EMIT noticeOccurred(ids.size() == 1 ? tr("Created 1 profile.")
                                              : tr("Created %1 profiles.").arg(ids.size()));
    });
    dialog->open(); // window-modal, no nested event loop
}

void ProfileActions::updateActions()
{
    const bool profile = !m_sidebar->currentProfileId().isEmpty();
    m_edit->setEnabled(profile);
    m_duplicate->setEnabled(profile);
    m_delete->setEnabled(profile);
    m_connect->setEnabled(profile || m_sidebar->isDemoSelected());
}

void ProfileActions::openEditor(ProfileEditorDialog *editor)
{
    delete m_editor.data();
    m_editor = editor;
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setSecretStore(m_secrets);
    connect(editor, &ProfileEditorDialog::saveRequested, this, [this, editor] { save(editor); });
    editor->open(); // window-modal, no nested event loop
    Q_EMIT editorOpened(editor);
}

void ProfileActions::newProfile()
{
    Profiles::Profile profile;
    profile.folder = m_sidebar->currentFolder();
    openEditor(new ProfileEditorDialog(profile, ProfileEditorDialog::Mode::New,
                                       folderNames(m_store->profiles()), m_dialogParent));
}

void ProfileActions::editProfile()
{
    const std::optional<Profiles::Profile> profile = m_store->profile(m_sidebar->currentProfileId());
    if (!profile)
        return;
    openEditor(new ProfileEditorDialog(*profile, ProfileEditorDialog::Mode::Edit,
                                       folderNames(m_store->profiles()), m_dialogParent));
}

void ProfileActions::save(ProfileEditorDialog *editor)
{
    Profiles::Profile profile = editor->profile();
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString secret = editor->secret();
    const QPointer<ProfileEditorDialog> guard(editor);

    // The secret first: a profile is never saved pointing at a secret that did not reach the keychain.
    const auto saveProfile = [this, guard, profile](const QString &notice) {
        m_store->upsert(profile); // saves: error() is empty on success
        if (!m_store->error().isEmpty()) {
            if (guard)
                guard->setSaveError(m_store->error());
            return;
        }
        if (!notice.isEmpty())
            Q_EMIT noticeOccurred(notice);
        m_sidebar->selectProfile(profile.id);
        Q_EMIT profileSaved(profile.id);
        if (guard)
            guard->accept();
    };
    if (secret.isEmpty() || !m_secrets) {
        saveProfile({});
        return;
    }
    m_secrets->write(profile.id, secret, this, [guard, saveProfile](const SecretResult &result) {
        if (result.ok()) {
            saveProfile({});
        } else if (result.status == SecretResult::Status::NoBackend) {
            saveProfile(result.message);
        } else if (guard) {
            guard->setSaveError(tr("The secret could not be stored in the keychain, so the profile was not "
                                   "saved: %1")
                                    .arg(result.message));
        }
    });
}

void ProfileActions::duplicateProfile()
{
    const QString id = m_sidebar->currentProfileId();
    if (id.isEmpty())
        return;
    const Profiles::Profile copy = m_store->duplicate(id);
    if (copy.id.isEmpty()) {
        Q_EMIT errorOccurred(tr("The profile could not be duplicated: %1").arg(m_store->error()));
        return;
    }
    m_sidebar->selectProfile(copy.id);
    if (!copy.hasSecret() || !m_secrets)
        return;
    // The copy gets the same secret, under its own keychain entry.
    const QString copyName = copy.name;
    const QString copyId = copy.id;
    m_secrets->read(id, this, [this, copyId, copyName](const SecretResult &read) {
        if (read.status == SecretResult::Status::NotFound)
            return;
        if (!read.ok()) {
            Q_EMIT errorOccurred(tr("\"%1\" was created without its secret: %2 Enter it with Edit.")
                                     .arg(copyName, read.message));
            return;
        }
        m_secrets->write(copyId, read.secret, this, [this, copyName](const SecretResult &written) {
            if (!written.ok() && written.status != SecretResult::Status::NoBackend)
                Q_EMIT errorOccurred(tr("\"%1\" was created without its secret: %2 Enter it with Edit.")
                                         .arg(copyName, written.message));
        });
    });
}

void ProfileActions::deleteProfile()
{
    const std::optional<Profiles::Profile> profile = m_store->profile(m_sidebar->currentProfileId());
    if (!profile)
        return;
    const QMessageBox::StandardButton answer = MessageBox::question(
        m_dialogParent, tr("Delete profile"),
        tr("Delete the profile \"%1\" and its secret in the keychain? This cannot be undone.")
            .arg(profile->name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const QString id = profile->id;
    const QString name = profile->name;
    const auto removeProfile = [this, id, name] {
        if (!m_store->remove(id) && m_store->profile(id))
            Q_EMIT errorOccurred(tr("\"%1\" could not be deleted: %2").arg(name, m_store->error()));
        else
            Q_EMIT profileDeleted(id);
    };
    if (!profile->hasSecret() || !m_secrets) {
        removeProfile();
        return;
    }
    // The keychain entry first: a profile is never gone while its secret stays behind.
    m_secrets->remove(id, this, [this, name, removeProfile](const SecretResult &result) {
        if (result.ok() || result.status == SecretResult::Status::NotFound ||
            result.status == SecretResult::Status::NoBackend) {
            removeProfile();
            return;
        }
        Q_EMIT errorOccurred(
            tr("\"%1\" was not deleted: its secret could not be removed from the keychain. %2")
                .arg(name, result.message));
    });
}

void ProfileActions::importProfiles()
{
    const QString path = FileDialog::getOpenFileName(
        m_dialogParent, tr("Import profiles"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), jsonFilter());
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT errorOccurred(
            tr("%1 could not be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    const int count = m_store->importJson(file.readAll());
    if (count < 0) {
        Q_EMIT errorOccurred(
            tr("Nothing was imported from %1: %2").arg(QDir::toNativeSeparators(path), m_store->error()));
        return;
    }
    Q_EMIT noticeOccurred(count == 0 ? tr("The file holds no profiles.")
                                     : tr("Imported %n profile(s). Secrets are never exported: enter each "
                                          "one with Edit before connecting.",
                                          nullptr, count));
}

void ProfileActions::exportProfiles()
{
    const QString path =
        FileDialog::getSaveFileName(m_dialogParent, tr("Export profiles"),
                                    QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                                        QStringLiteral("/windsock-profiles.json"),
                                    jsonFilter());
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_store->exportJson()) < 0 || !file.commit()) {
        Q_EMIT errorOccurred(tr("The profiles could not be exported to %1: %2")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    Q_EMIT noticeOccurred(
        tr("Exported %n profile(s) to %1, without their secrets.", nullptr, int(m_store->profiles().size()))
            .arg(QDir::toNativeSeparators(path)));
}

} // namespace Windsock::Ui
