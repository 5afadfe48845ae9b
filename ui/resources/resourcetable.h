#pragma once

#include "api/airflowclient.h" // Api::Nothing
#include "models/resourcelistmodel.h"
#include "resourcebatch.h"

#include <QString>
#include <QStringList>

class QAction;
class QKeySequence;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace Windsock::Ui::ResourceTable {

// What the connections and variables pages share: a ResourceListModel shown through a filter proxy in a
// table whose rows are picked by key, and the wording around it.

// An action of page (QWidget::addAction, so its shortcut works while the page has focus) with an object name,
// a tooltip and, unless empty, a shortcut.
void addPageAction(QWidget *page, QAction *action, const char *name, const QKeySequence &shortcut,
                   const QString &tip);
// proxy over model (sorted by SortRole, filtered on every column, both case-insensitive) in view: whole rows,
// several at once, in the server's order until a header is clicked.
void setUp(Models::ResourceListModel *model, QSortFilterProxyModel *proxy, QTableView *view);
// The keys of the selected rows, in the view's order.
QStringList selectedKeys(const QTableView *view);
// Selects the row of key and scrolls to it; nothing when it is not loaded or filtered out.
void selectKey(QTableView *view, const QSortFilterProxyModel *proxy, const Models::ResourceListModel *model,
               const QString &key);
// "  a\n  b\n  … and 4 more": keys a person reads in a question, indented, at most 12.
QString keyList(const QStringList &keys);
// Asks whether to delete keys: one.arg(key) for a single one, many.arg(count).arg(keyList) for several; No
// is the default.
bool confirmDelete(QWidget *page, const QString &title, const QString &one, const QString &many,
                   const QStringList &keys);

// Calls page's update whenever the model's loading, count or rows change.
template<typename Page>
void watchCounts(Models::ResourceListModel *model, Page *page, void (Page::*update)())
{
    QObject::connect(model, &Models::ResourceListModel::loadingChanged, page, update);
    QObject::connect(model, &Models::ResourceListModel::totalEntriesChanged, page, update);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, page, update);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, page, update);
}

// The page's sentences for how many rows there are.
struct CountTexts
{
    QString loading; // "Loading variables…"
    QString none;    // "No variables"
    QString one;     // "1 variable"
    QString many;    // "%1 variables"
    QString partial; // "%1 of %2 variables (scroll for more)"
};
// The status line: override when there is one (progress, an outcome), otherwise how many rows there are;
// then whether it is refreshing and read-only.
QString statusText(const Models::ResourceListModel *model, const CountTexts &texts, const QString &override,
                   bool readOnly);

// One batch step a key, labelled label.arg(key) ("variable %1"), that calls
// remove(key, context, Callback<Nothing>) (an AirflowClient delete).
template<typename Remove>
QList<ResourceBatch::Step> deleteSteps(const QStringList &keys, const QString &label, Remove remove)
{
    QList<ResourceBatch::Step> steps;
    for (const QString &key : keys) {
        steps.append({label.arg(key), [remove, key](QObject *context, ResourceBatch::Finish finish) {
                          return remove(key, context, [finish](const Api::Result<Api::Nothing> &result) {
                              finish(result.error());
                          });
                      }});
    }
    return steps;
}

} // namespace Windsock::Ui::ResourceTable
