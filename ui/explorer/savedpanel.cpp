#include "savedpanel.h"

#include "profiles/messagebox.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

SavedPanel::SavedPanel(Explorer::SavedRequests *saved, QWidget *parent)
    : QWidget(parent)
    , m_saved(saved)
    , m_chooseFolder(new QPushButton(tr("Choose Folder…"), this))
    , m_folder(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_open(new QAction(tr("&Open"), this))
    , m_rename(new QAction(tr("&Rename"), this))
    , m_duplicate(new QAction(tr("D&uplicate"), this))
    , m_delete(new QAction(tr("&Delete…"), this))
{
    setObjectName(QStringLiteral("savedPanel"));
    m_chooseFolder->setObjectName(QStringLiteral("chooseSavedFolder"));
    m_chooseFolder->setToolTip(tr("The folder of saved requests: one JSON file a request, subfolders are "
                                  "collections (a git repository works well)"));
    m_folder->setObjectName(QStringLiteral("savedFolder"));
    m_folder->setTextFormat(Qt::PlainText);
    m_folder->setForegroundRole(QPalette::PlaceholderText);
    m_folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_folder->setWordWrap(true);
    m_search->setObjectName(QStringLiteral("savedSearch"));
    m_search->setPlaceholderText(tr("Filter saved requests by name"));
    m_search->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("savedTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    const auto setUp = [this](QAction *action, const char *name, const QKeySequence &shortcut) {
        action->setObjectName(QLatin1String(name));
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetShortcut);
        m_tree->addAction(action);
    };
    setUp(m_open, "openSaved", {});
    setUp(m_rename, "renameSaved", QKeySequence(Qt::Key_F2));
    setUp(m_duplicate, "duplicateSaved", QKeySequence(Qt::CTRL | Qt::Key_D));
    setUp(m_delete, "deleteSaved", QKeySequence::Delete);

    auto *top = new QHBoxLayout;
    top->addWidget(m_folder, 1);
    top->addWidget(m_chooseFolder);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);

    connect(m_chooseFolder, &QPushButton::clicked, this, &SavedPanel::chooseFolder);
    connect(m_search, &QLineEdit::textChanged, this, [this] { refresh(); });
    connect(m_tree, &QTreeWidget::itemActivated, this, &SavedPanel::openSelected);
    connect(m_tree, &QTreeWidget::itemChanged, this, &SavedPanel::onItemChanged);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &SavedPanel::updateActions);
    connect(m_open, &QAction::triggered, this, &SavedPanel::openSelected);
    connect(m_rename, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = selectedRequest())
            m_tree->editItem(item);
    });
    connect(m_duplicate, &QAction::triggered, this, &SavedPanel::duplicateSelected);
    connect(m_delete, &QAction::triggered, this, &SavedPanel::deleteSelected);
    updateActions();
}

void SavedPanel::setFolder(const QString &folder)
{
    *m_saved = Explorer::SavedRequests(folder);
    refresh();
    Q_EMIT folderChanged(folder);
}

void SavedPanel::refresh(const QString &collection, const QString &name)
{
    const QScopedValueRollback guard(m_filling, true);
    m_folder->setText(QDir::toNativeSeparators(m_saved->folder()));
    m_tree->clear();
    const QString filter = m_search->text().trimmed();
    const auto addRequests = [this, &filter](QTreeWidgetItem *parent, const QString &inCollection) {
        const QStringList names = m_saved->requests(inCollection);
        int added = 0;
        for (const QString &request : names) {
            if (!filter.isEmpty() && !request.contains(filter, Qt::CaseInsensitive))
                continue;
            auto *item =
                parent ? new QTreeWidgetItem(parent, {request}) : new QTreeWidgetItem(m_tree, {request});
            item->setData(0, CollectionRole, inCollection);
            item->setData(0, NameRole, request);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            item->setToolTip(0, QDir::toNativeSeparators(m_saved->filePath(inCollection, request)));
            ++added;
        }
        return added;
    };
    const QStringList collections = m_saved->collections();
    for (const QString &folder : collections) {
        auto *group = new QTreeWidgetItem(m_tree, {folder});
        group->setData(0, CollectionRole, folder);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        if (addRequests(group, folder) == 0 && !filter.isEmpty())
            delete group;
        else
            group->setExpanded(true);
    }
    addRequests(nullptr, QString());
    if (QTreeWidgetItem *item = itemOf(collection, name))
        m_tree->setCurrentItem(item);
    updateActions();
}

QTreeWidgetItem *SavedPanel::itemOf(const QString &collection, const QString &name) const
{
    if (name.isEmpty())
        return nullptr;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, NameRole).toString() == name &&
            (*it)->data(0, CollectionRole).toString() == collection)
            return *it;
    }
    return nullptr;
}

void SavedPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    const QTreeWidgetItem *current = selectedRequest();
    refresh(current ? current->data(0, CollectionRole).toString() : QString(),
            current ? current->data(0, NameRole).toString() : QString());
}

void SavedPanel::chooseFolder()
{
    // Not the static helper: its nested event loop would keep the window's calls waiting.
    auto *dialog = new QFileDialog(this, tr("Folder of Saved Requests"), m_saved->folder());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &SavedPanel::setFolder);
    dialog->open();
}

QTreeWidgetItem *SavedPanel::selectedRequest() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item && !item->data(0, NameRole).toString().isEmpty() ? item : nullptr;
}

void SavedPanel::openSelected()
{
    const QTreeWidgetItem *item = selectedRequest();
    if (!item)
        return;
    const QString collection = item->data(0, CollectionRole).toString();
    QString error;
    const std::optional<Explorer::RequestDraft> draft =
        m_saved->open(collection, item->data(0, NameRole).toString(), &error);
    if (!draft) {
        Q_EMIT errorOccurred(error);
        return;
    }
    Q_EMIT requestOpened(*draft, collection);
}

void SavedPanel::duplicateSelected()
{
    const QTreeWidgetItem *item = selectedRequest();
    if (!item)
        return;
    const QString collection = item->data(0, CollectionRole).toString();
    QString error;
    const QString copy = m_saved->duplicate(collection, item->data(0, NameRole).toString(), &error);
    if (copy.isEmpty()) {
        Q_EMIT errorOccurred(error);
        return;
    }
    refresh(collection, copy);
    Q_EMIT notice(tr("Saved a copy as \"%1\".").arg(copy));
}

void SavedPanel::deleteSelected()
{
    const QTreeWidgetItem *item = selectedRequest();
    if (!item)
        return;
    const QString collection = item->data(0, CollectionRole).toString();
    const QString name = item->data(0, NameRole).toString();
    if (MessageBox::question(this, tr("Delete Saved Request"),
                             tr("Delete the saved request \"%1\"? Its file is removed.").arg(name),
                             QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    QString error;
    if (m_saved->remove(collection, name, &error))
        Q_EMIT removed(collection, name);
    else
        Q_EMIT errorOccurred(error);
    refresh();
}

void SavedPanel::onItemChanged(QTreeWidgetItem *item, int column)
{
    // A name edited in place (F2): the file is renamed, or the old name comes back with the reason.
    if (m_filling || column != 0 || item->data(0, NameRole).toString().isEmpty())
        return;
    const QString collection = item->data(0, CollectionRole).toString();
    const QString oldName = item->data(0, NameRole).toString();
    const QString newName = item->text(0).trimmed();
    if (newName == oldName)
        return;
    QString error;
    if (!m_saved->rename(collection, oldName, newName, &error)) {
        Q_EMIT errorOccurred(error);
        // Not from within the view's own signal: the item is being edited.
        QMetaObject::invokeMethod(
            this, [this, collection, oldName] { refresh(collection, oldName); }, Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        this, [this, collection, newName] { refresh(collection, newName); }, Qt::QueuedConnection);
    Q_EMIT renamed(collection, oldName, newName);
    Q_EMIT notice(tr("Renamed \"%1\" to \"%2\".").arg(oldName, newName));
}

void SavedPanel::updateActions()
{
    const bool request = selectedRequest() != nullptr;
    m_open->setEnabled(request);
    m_rename->setEnabled(request);
    m_duplicate->setEnabled(request);
    m_delete->setEnabled(request);
}

} // namespace Windsock::Ui
