#pragma once

#include <QStandardItemModel>

namespace Windsock::Profiles {
class ProfileStore;
}

namespace Windsock::Ui {

// The profiles of a ProfileStore as a tree: folders (sorted, "a/b" nests) holding profiles (sorted by name),
// each with its colour swatch and its kind, and the built-in "Demo sandbox" at the end. Rebuilt whenever the
// store changes; the profile that is open is shown in bold.
class ProfileTreeModel final : public QStandardItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Kind,
        ColumnCount
    };
    enum Role
    {
        ProfileIdRole = Qt::UserRole + 1, // empty for folders and the demo
        IsDemoRole,
        IsFolderRole,
        FolderPathRole, // the folder a row is in (or is, for a folder)
    };

    explicit ProfileTreeModel(Profiles::ProfileStore *store, QObject *parent = nullptr);

    void setOpenProfile(const QString &id, bool demo);
    QModelIndex indexOfProfile(const QString &id) const;
    QModelIndex demoIndex() const;
    QModelIndex folderIndex(const QString &path) const;

public Q_SLOTS:
    void rebuild();

private:
    QStandardItem *folderItem(const QString &path);
    QModelIndex find(int role, const QVariant &value, const QModelIndex &parent = {}) const;

    Profiles::ProfileStore *m_store;
    QString m_openId;
    bool m_openDemo = false;
};

} // namespace Windsock::Ui
