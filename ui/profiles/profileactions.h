#pragma once

#include <QDialog>
#include <QObject>
#include <QPointer>

#include "profileeditordialog.h"

class QAction;
class QNetworkAccessManager;
class QWidget;

namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Ui {

class ProfileEditorDialog;
class ProfileSidebar;

// What the user does with profiles: New, Edit, Duplicate, Delete, Import…, Export… and Connect, as actions
// for the sidebar and the menus. Profiles are saved in the ProfileStore, secrets in the SecretStore
// (asynchronously); every failure is said in plain words through errorOccurred() (or in the editor, which
// keeps what was typed).
class ProfileActions final : public QObject
{
    Q_OBJECT

public:
    ProfileActions(Profiles::ProfileStore *store, Profiles::SecretStore *secrets, ProfileSidebar *sidebar,
                   QWidget *dialogParent);

    QAction *newAction() const { return m_new; }
    QAction *editAction() const { return m_edit; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *deleteAction() const { return m_delete; }
    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_export; }
    QAction *connectAction() const { return m_connect; }
    // "Discover deployments…": opens the DiscoveryDialog (Astro, Astronomer Software), not blocking.
    QAction *discoverAction() const { return m_discover; }
    // The network access manager discovery uses (default: one of its own).
    void setNetworkAccessManager(QNetworkAccessManager *nam) { m_nam = nam; }
    // The discovery dialog that is open, if any.
    QDialog *discoveryDialog() const { return m_discoveryDialog; }
    // The editor that is open (window-modal, not blocking), if any.
    ProfileEditorDialog *editor() const { return m_editor; }

public Q_SLOTS:
    void newProfile();
    void editProfile();
    void duplicateProfile();
    void deleteProfile();
    void importProfiles();
    void exportProfiles();
    void discoverDeployments();

Q_SIGNALS:
    void editorOpened(Windsock::Ui::ProfileEditorDialog *editor);
    void connectRequested(const QString &profileId); // empty = the demo
    void profileSaved(const QString &profileId);
    void profileDeleted(const QString &profileId);
    void errorOccurred(const QString &message);
    void noticeOccurred(const QString &message);

private:
    void openEditor(ProfileEditorDialog *editor);
    void save(ProfileEditorDialog *editor);
    void updateActions();

    Profiles::ProfileStore *m_store;
    QPointer<Profiles::SecretStore> m_secrets;
    ProfileSidebar *m_sidebar;
    QWidget *m_dialogParent;
    QPointer<ProfileEditorDialog> m_editor;
    QAction *m_new;
    QAction *m_edit;
    QAction *m_duplicate;
    QAction *m_delete;
    QAction *m_import;
    QAction *m_export;
    QAction *m_connect;
    QAction *m_discover;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<QDialog> m_discoveryDialog;
};

} // namespace Windsock::Ui
