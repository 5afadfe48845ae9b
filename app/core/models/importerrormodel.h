#pragma once

#include "api/airflowclient.h"
#include "api/types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>

namespace Windsock::Api {
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Models {

// The DAG files the scheduler could not import (GET /importErrors), as a flat table in the server's order.
//
// Paged through canFetchMore()/fetchMore(), a page (100) at a time. refresh() re-reads as many entries as are
// loaded, in place, never with a reset: changed entries get dataChanged, new ones are inserted where the
// server's order puts them, fixed files are removed; persistent indexes of untouched rows stay valid.
// Filtering belongs in a QSortFilterProxyModel on SearchTextRole (file and whole stack trace).
class ImportErrorModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        File,
        Timestamp,
        Error, // the line of the stack trace that says what went wrong (see errorLine())
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole, // the column's raw value: QString, QDateTime
        ImportErrorRole,         // Api::ImportError, on every column
        StackTraceRole,          // QString: the whole stack trace
        SearchTextRole,          // QString: file name and stack trace, for a filter
        IdRole,                  // int: import_error_id
    };
    Q_ENUM(Role)

    static constexpr int PageSize = 100;

    // The line that says what went wrong: a Python traceback names the exception on its last line
    // ("ModuleNotFoundError: No module named 'x'"), after "Traceback (most recent call last):" and the
    // frames; any other text is shown by its first line.
    static QString errorLine(const QString &stackTrace);

    explicit ImportErrorModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~ImportErrorModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    const Api::ImportError &importError(int row) const;
    // The row of a loaded import error, or -1.
    int rowOfId(int importErrorId) const;

    bool isLoading() const { return !m_pageCall.isNull(); }
    bool isRefreshing() const { return !m_refreshCall.isNull(); }
    // How many import errors the server has; -1 until the first page arrives.
    int totalEntries() const { return m_totalEntries; }
    bool isComplete() const { return m_totalEntries >= 0 && m_pagedOffset >= m_totalEntries; }

public Q_SLOTS:
    // Forgets every row and loads the first page again (one reset).
    void reload();
    // Re-reads the loaded entries in place (see the class comment); a page in flight is dropped, the refresh
    // covers it. Nothing happens while a refresh runs.
    void refresh();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void refreshingChanged(bool refreshing);
    void totalEntriesChanged(int totalEntries);
    void refreshed();
    // A plain sentence for a person; the model stays usable.
    void errorOccurred(const QString &message);

private:
    using Done = Api::AirflowClient::Callback<Api::Page<Api::ImportError>>;

    void requestPage();
    void appendErrors(const QList<Api::ImportError> &errors);
    void requestRefreshPage();
    void syncRows(const QList<Api::ImportError> &fresh);
    void updateRow(int row, const Api::ImportError &error);
    void rebuildIndex();
    void resetRows();
    void cancelCalls();
    void setTotalEntries(int totalEntries);
    void reportError(const QString &what, const Api::ApiError &error);
    QString displayText(const Api::ImportError &error, int column) const;

    QPointer<Api::AirflowClient> m_client;
    QList<Api::ImportError> m_rows;
    QHash<int, int> m_rowById;
    int m_totalEntries = -1;
    int m_pagedOffset = 0;
    bool m_pagingFailed = false;
    quint64 m_generation = 0; // bumped by every reset and dropped call; older answers are ignored
    QPointer<Api::ApiCall> m_pageCall;
    QPointer<Api::ApiCall> m_refreshCall;
    QList<Api::ImportError> m_refreshRows;
    int m_refreshOffset = 0;
    int m_refreshTarget = 0; // read at least this many entries (the rows loaded when it began)
};

} // namespace Windsock::Models
