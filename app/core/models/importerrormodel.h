#pragma once

#include "api/types.h"
#include "resourcelistmodel.h"

namespace Windsock::Models {

// The DAG files the scheduler could not import (GET /importErrors), as a flat table in the server's order,
// keyed by import_error_id.
//
// Paged and refreshed in place as ResourceListModel does: changed entries get dataChanged, new ones are
// inserted where the server's order puts them, fixed files are removed, never with a reset. No page is asked
// for while a refresh runs (the refresh covers the loaded stretch), and refreshed() means a refresh that
// succeeded. Filtering belongs in a QSortFilterProxyModel on SearchTextRole (file and whole stack trace).
class ImportErrorModel final : public ResourceListModel
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

    // SortRole holds the column's raw value (QString, QDateTime); KeyRole the id as a string.
    enum ExtraRole
    {
        ImportErrorRole = FirstSubclassRole, // Api::ImportError, on every column
        StackTraceRole,                      // QString: the whole stack trace
        SearchTextRole,                      // QString: file name and stack trace, for a filter
        IdRole,                              // int: import_error_id
    };
    Q_ENUM(ExtraRole)

    // The line that says what went wrong: a Python traceback names the exception on its last line
    // ("ModuleNotFoundError: No module named 'x'"), after "Traceback (most recent call last):" and the
    // frames; any other text is shown by its first line.
    static QString errorLine(const QString &stackTrace);

    explicit ImportErrorModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~ImportErrorModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    QHash<int, QByteArray> roleNames() const override;

    Api::ImportError importError(int row) const;
    // The row of a loaded import error, or -1.
    int rowOfId(int importErrorId) const;

protected:
    Api::ApiCall *requestPage(int limit, int offset, PageCallback done) override;
    QString keyOf(const QVariant &row) const override;
    bool sameRow(const QVariant &a, const QVariant &b) const override;
    QString collectionName() const override;
    Api::Feature feature() const override { return Api::Feature::ImportErrors; }
    // The page clears its error banner on refreshed().
    bool refreshedAfterFailure() const override { return false; }

private:
    QString displayText(const Api::ImportError &error, int column) const;
};

} // namespace Windsock::Models
