#pragma once

#include "api/airflowclient.h"
#include "api/features.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>
#include <QVariant>

#include <functional>

namespace Windsock::Api {
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Models {

// A flat, paged list of one kind of Airflow resource with a unique key (variables by key, connections by
// connection id, import errors by id, XComs by key and map index), in the server's order. The base of
// VariableModel, ConnectionModel, ImportErrorModel and XComModel: it pages through
// canFetchMore()/fetchMore(), a page (100) at a time, and refresh() re-reads the loaded stretch in place:
// dataChanged for changed rows, inserts and removes for rows that came or went, moves when the order changed,
// never a reset, so persistent indexes of untouched rows stay valid. Sorting and filtering belong to a
// QSortFilterProxyModel over it (SortRole holds each column's raw value).
//
// A subclass says how to read a page, what a row's key is, and when two rows differ; rows are held as
// QVariants of the subclass's value type (Api::Variable, Api::Connection, Api::ImportError, Api::XComEntry);
// a key that is a number on the server (import_error_id) is held as its decimal string.
class ResourceListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        SortRole = Qt::UserRole, // the column's raw value: QString or int
        KeyRole,                 // QString: the row's key, on every column
        FirstSubclassRole,       // subclasses number their roles from here
    };

    static constexpr int PageSize = 100;

    ~ResourceListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The row of a loaded key, or -1.
    int rowOfKey(const QString &key) const;
    QString keyAt(int row) const;

    bool isLoading() const { return !m_pageCall.isNull(); }
    bool isRefreshing() const { return !m_refreshCall.isNull(); }
    int totalEntries() const { return m_totalEntries; }
    bool isComplete() const { return m_totalEntries >= 0 && m_pagedOffset >= m_totalEntries; }

public Q_SLOTS:
    // Forgets every row and loads the first page again (one reset).
    void reload();
    // Re-reads the loaded rows (all of them when the list was complete) in place; nothing while one runs.
    void refresh();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void refreshingChanged(bool refreshing);
    void totalEntriesChanged(int totalEntries);
    // A refresh finished (or failed: errorOccurred came first, unless refreshedAfterFailure() says no).
    void refreshed();
    // A plain sentence for a person; the model stays usable.
    void errorOccurred(const QString &message);

protected:
    using PageResult = Api::Result<Api::Page<QVariant>>;
    using PageCallback = std::function<void(const PageResult &)>;

    ResourceListModel(Api::AirflowClient *client, QObject *parent);

    // One page of the collection, as QVariants of the row type.
    virtual Api::ApiCall *requestPage(int limit, int offset, PageCallback done) = 0;
    virtual QString keyOf(const QVariant &row) const = 0;
    virtual bool sameRow(const QVariant &a, const QVariant &b) const = 0;
    // "the variables", for sentences such as "Could not load the variables".
    virtual QString collectionName() const = 0;
    // What the server must offer for this collection; where it does not, nothing is ever asked for.
    virtual Api::Feature feature() const = 0;
    // Rows were inserted (a page or a refresh) or refreshed in place: keys whose details a subclass reads.
    virtual void rowsArrived(const QStringList &keys) { Q_UNUSED(keys) }
    // reload() forgot every row (inside its reset): what a subclass keeps per key goes too.
    virtual void rowsCleared() {}
    // Whether a failed refresh ends with refreshed() too, for users that update their status on it; a
    // subclass whose users take refreshed() as success (and clear their error on it) says no.
    virtual bool refreshedAfterFailure() const { return true; }

    const QVariant &rowAt(int row) const { return m_rows.at(row); }
    Api::AirflowClient *client() const { return m_client; }
    void reportError(const QString &what, const Api::ApiError &error);

    // Maps a typed page to the QVariant page the base holds.
    template<typename T>
    static PageResult toVariantPage(const Api::Result<Api::Page<T>> &result)
    {
        if (!result.ok())
            return result.error();
        Api::Page<QVariant> page;
        page.totalEntries = result.value().totalEntries;
        page.items.reserve(result.value().items.size());
        for (const T &item : result.value().items)
            page.items.append(QVariant::fromValue(item));
        return page;
    }

private:
    void requestNextPage();
    void appendRows(const QList<QVariant> &rows);
    void requestRefreshPage(int offset);
    void syncRows(const QList<QVariant> &fresh);
    void rebuildIndex();
    void cancelCalls();
    void endRefresh(bool ok);
    void setTotalEntries(int totalEntries);

    QPointer<Api::AirflowClient> m_client;
    QList<QVariant> m_rows;
    QHash<QString, int> m_rowByKey;
    int m_totalEntries = -1;
    int m_pagedOffset = 0;
    bool m_pagingFailed = false;
    quint64 m_generation = 0; // bumped by every reset; answers from an older generation are dropped
    QPointer<Api::ApiCall> m_pageCall;
    QPointer<Api::ApiCall> m_refreshCall;
    QList<QVariant> m_refreshRows;
    int m_refreshTarget = 0; // how many rows the refresh reads (the loaded count), or -1: all of them
};

} // namespace Windsock::Models
