#include "profilesidebar.h"

#include "profiletreemodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

ProfileSidebar::ProfileSidebar(Profiles::ProfileStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new ProfileTreeModel(store, this))
    , m_toolbar(new QWidget(this))
    , m_tree(new QTreeView(this))
{
    auto *title = new QLabel(tr("Connections"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *toolbarLayout = new QHBoxLayout(m_toolbar);
    toolbarLayout->setContentsMargins(0, 0, 0, 0);
    toolbarLayout->setSpacing(0);

    m_tree->setObjectName(QStringLiteral("profileTree"));
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->setExpandsOnDoubleClick(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ProfileTreeModel::Name, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(ProfileTreeModel::Kind, QHeaderView::ResizeToContents);

    auto *header = new QHBoxLayout;
    header->addWidget(title, 1);
    header->addWidget(m_toolbar);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 2);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_tree, 1);

    connect(m_tree, &QTreeView::activated, this, &ProfileSidebar::activate);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_selectedId = current.siblingAtColumn(0).data(ProfileTreeModel::ProfileIdRole).toString();
                m_selectedDemo = current.siblingAtColumn(0).data(ProfileTreeModel::IsDemoRole).toBool();
                Q_EMIT currentChanged();
            });
    // The model is rebuilt on every change: open the folders again and keep the selection.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ProfileSidebar::restoreView);
    restoreView();
}

void ProfileSidebar::setActions(const QList<QAction *> &toolbar, const QList<QAction *> &menu)
{
    // Narrow: the first action as a "+" button, all of them behind a menu button.
    if (!toolbar.isEmpty()) {
        auto *add = new QToolButton(m_toolbar);
        add->setDefaultAction(toolbar.constFirst());
        add->setAutoRaise(true);
        add->setText(QStringLiteral("+"));
        add->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_toolbar->layout()->addWidget(add);
    }
    auto *more = new QToolButton(m_toolbar);
    more->setObjectName(QStringLiteral("profileMenuButton"));
    more->setText(tr("Profiles"));
    more->setToolTip(tr("New, edit, duplicate, delete, import and export profiles"));
    more->setAutoRaise(true);
    more->setPopupMode(QToolButton::InstantPopup);
    auto *popup = new QMenu(more);
    popup->addActions(toolbar);
    more->setMenu(popup);
    m_toolbar->layout()->addWidget(more);
    m_popup = popup;
    m_tree->addActions(menu);
}

void ProfileSidebar::addMenuActions(const QList<QAction *> &actions)
{
    if (m_popup) {
        m_popup->addSeparator();
        m_popup->addActions(actions);
    }
}

QString ProfileSidebar::currentProfileId() const
{
    return m_tree->currentIndex().siblingAtColumn(0).data(ProfileTreeModel::ProfileIdRole).toString();
}

bool ProfileSidebar::isDemoSelected() const
{
    return m_tree->currentIndex().siblingAtColumn(0).data(ProfileTreeModel::IsDemoRole).toBool();
}

QString ProfileSidebar::currentFolder() const
{
    return m_tree->currentIndex().siblingAtColumn(0).data(ProfileTreeModel::FolderPathRole).toString();
}

void ProfileSidebar::selectProfile(const QString &id)
{
    const QModelIndex index = m_model->indexOfProfile(id);
    if (index.isValid()) {
        m_tree->scrollTo(index);
        m_tree->setCurrentIndex(index);
    }
}

void ProfileSidebar::setOpenProfile(const QString &id, bool demo)
{
    m_model->setOpenProfile(id, demo);
}

void ProfileSidebar::activate(const QModelIndex &index)
{
    const QModelIndex name = index.siblingAtColumn(0);
    if (name.data(ProfileTreeModel::IsDemoRole).toBool())
        Q_EMIT connectRequested(QString());
    else if (const QString id = name.data(ProfileTreeModel::ProfileIdRole).toString(); !id.isEmpty())
        Q_EMIT connectRequested(id);
}

void ProfileSidebar::restoreView()
{
    m_tree->expandAll();
    const QModelIndex selected =
        m_selectedDemo ? m_model->demoIndex() : m_model->indexOfProfile(m_selectedId);
    if (selected.isValid() && m_tree->currentIndex() != selected) {
        const QSignalBlocker blocker(m_tree->selectionModel());
        m_tree->setCurrentIndex(selected);
    }
}

} // namespace Windsock::Ui
