#include "resourcetable.h"

#include "profiles/messagebox.h"

#include <QAction>
#include <QCoreApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <algorithm>

namespace Windsock::Ui::ResourceTable {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Windsock::Ui::ResourceTable", text);
}

} // namespace

void addPageAction(QWidget *page, QAction *action, const char *name, const QKeySequence &shortcut,
                   const QString &tip)
{
    action->setObjectName(QLatin1String(name));
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    action->setToolTip(tip);
    page->addAction(action);
}

void setUp(Models::ResourceListModel *model, QSortFilterProxyModel *proxy, QTableView *view)
{
    proxy->setSourceModel(model);
    proxy->setSortRole(Models::ResourceListModel::SortRole);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterKeyColumn(-1);

    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // the server's order until a header is clicked
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
}

QStringList selectedKeys(const QTableView *view)
{
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList keys;
    for (const QModelIndex &index : std::as_const(rows))
        keys.append(index.data(Models::ResourceListModel::KeyRole).toString());
    return keys;
}

void selectKey(QTableView *view, const QSortFilterProxyModel *proxy, const Models::ResourceListModel *model,
               const QString &key)
{
    const int row = model->rowOfKey(key);
    if (row < 0)
        return;
    const QModelIndex index = proxy->mapFromSource(model->index(row, 0));
    if (!index.isValid())
        return; // filtered out
    view->setCurrentIndex(index);
    view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
}

QString keyList(const QStringList &keys)
{
    constexpr int Shown = 12;
    QString text = keys.mid(0, Shown).join(QStringLiteral("\n  "));
    if (keys.size() > Shown)
        text += tr("\n  … and %1 more").arg(keys.size() - Shown);
    return QStringLiteral("  ") + text;
}

bool confirmDelete(QWidget *page, const QString &title, const QString &one, const QString &many,
                   const QStringList &keys)
{
    const QString question =
        keys.size() == 1 ? one.arg(keys.first()) : many.arg(keys.size()).arg(keyList(keys));
    return MessageBox::question(page, title, question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
           QMessageBox::Yes;
}

QString statusText(const Models::ResourceListModel *model, const CountTexts &texts, const QString &override,
                   bool readOnly)
{
    QString text;
    if (!override.isEmpty())
        text = override;
    else if (model->totalEntries() < 0)
        text = model->isLoading() ? texts.loading : QString();
    else if (model->totalEntries() == 0)
        text = texts.none;
    else if (model->isComplete())
        text = model->rowCount() == 1 ? texts.one : texts.many.arg(QLocale().toString(model->rowCount()));
    else
        text = texts.partial.arg(QLocale().toString(model->rowCount()),
                                 QLocale().toString(model->totalEntries()));
    if (model->isRefreshing())
        text += tr(" — refreshing…");
    if (readOnly)
        text += tr(" — read-only");
    return text;
}

} // namespace Windsock::Ui::ResourceTable
