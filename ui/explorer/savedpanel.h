#pragma once

#include "explorer/savedrequests.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Windsock::Ui {

// The saved requests: plain files in a folder the user chooses (collections are its subfolders). Open
// (double-click, Return), rename (F2, in place), duplicate and delete (after asking) on the selected
// request; a search box filters by name. The files are re-read when the panel is shown, so that a `git pull`
// or windsock-cli --save shows up.
class SavedPanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int CollectionRole = Qt::UserRole + 1; // QString
    static constexpr int NameRole = Qt::UserRole + 2;       // QString; empty for a collection's row

    explicit SavedPanel(Explorer::SavedRequests *saved, QWidget *parent = nullptr);

    // Re-reads the folder; selects collection/name when given.
    void refresh(const QString &collection = QString(), const QString &name = QString());
    // Tests and the settings: the folder without the chooser.
    void setFolder(const QString &folder);

    QTreeWidgetItem *itemOf(const QString &collection, const QString &name) const;
    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *searchEdit() const { return m_search; }
    QAction *openAction() const { return m_open; }
    QAction *renameAction() const { return m_rename; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *deleteAction() const { return m_delete; }
    QPushButton *chooseFolderButton() const { return m_chooseFolder; }

Q_SIGNALS:
    // The request read from its file, and where it came from.
    void requestOpened(const Windsock::Explorer::RequestDraft &draft, const QString &collection);
    void folderChanged(const QString &folder);
    void renamed(const QString &collection, const QString &oldName, const QString &newName);
    void removed(const QString &collection, const QString &name);
    void errorOccurred(const QString &message);
    void notice(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void chooseFolder();
    void openSelected();
    void duplicateSelected();
    void deleteSelected();
    void onItemChanged(QTreeWidgetItem *item, int column);
    void updateActions();
    QTreeWidgetItem *selectedRequest() const;

    Explorer::SavedRequests *m_saved;
    QPushButton *m_chooseFolder;
    QLabel *m_folder;
    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QAction *m_open;
    QAction *m_rename;
    QAction *m_duplicate;
    QAction *m_delete;
    bool m_filling = false;
};

} // namespace Windsock::Ui
