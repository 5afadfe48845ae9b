#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QTreeView;

namespace Windsock::Profiles {
class ProfileStore;
}

namespace Windsock::Ui {

class ProfileTreeModel;

// The connection profiles beside the DAG tree: folders as tree nodes, each profile with its colour swatch and
// kind, and the built-in demo. Double-click or Enter connects; the actions (New, Edit, Duplicate, Delete,
// Import, Export), owned by ProfileActions, are on the toolbar and in the context menu.
class ProfileSidebar final : public QWidget
{
    Q_OBJECT

public:
    explicit ProfileSidebar(Profiles::ProfileStore *store, QWidget *parent = nullptr);

    // toolbar: shown as buttons; menu: also in the context menu.
    void setActions(const QList<QAction *> &toolbar, const QList<QAction *> &menu);
    // More actions in the toolbar's menu only (Import, Export).
    void addMenuActions(const QList<QAction *> &actions);

    ProfileTreeModel *model() const { return m_model; }
    QTreeView *profileTree() const { return m_tree; }
    // The selected profile's id; empty for a folder, the demo or nothing.
    QString currentProfileId() const;
    bool isDemoSelected() const;
    // The folder of the selection (the folder itself, or the profile's), for new profiles.
    QString currentFolder() const;
    void selectProfile(const QString &id);
    // Marks the open one in bold (id empty and demo true for the demo).
    void setOpenProfile(const QString &id, bool demo);

Q_SIGNALS:
    void connectRequested(const QString &profileId); // empty = the demo sandbox
    void currentChanged();

private:
    void activate(const QModelIndex &index);
    void restoreView();

    Profiles::ProfileStore *m_store;
    ProfileTreeModel *m_model;
    QWidget *m_toolbar;
    QTreeView *m_tree;
    QMenu *m_popup = nullptr;
    QString m_selectedId;
    bool m_selectedDemo = false;
};

} // namespace Windsock::Ui
