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

// The XCom entries of one task instance (every map index of a mapped task), as a flat table ordered by key
// as Airflow lists them.
//
// Entries are paged through canFetchMore()/fetchMore(), a page (100) at a time. Airflow's list carries no
// values, so the model reads each entry's value on its own, one request at a time, for the Value column's
// preview; loadValue() puts a row first in that queue (a selected entry), and valueLoaded() tells when it is
// in. Values stay in the model once read: the page shows the full value from entry(row).
class XComModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Key,
        MapIndex, // empty for an unmapped task (-1)
        Timestamp,
        Value, // a one-line preview; "…" while it is read
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole, // the column's raw value: QString, int, QDateTime
        XComEntryRole,           // Api::XComEntry, on every column (with its value once read)
        KeyRole,                 // QString
        HasValueRole,            // bool: the value has been read
    };
    Q_ENUM(Role)

    static constexpr int PageSize = 100;
    static constexpr int PreviewChars = 200;

    explicit XComModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~XComModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    QString dagId() const { return m_dagId; }
    QString dagRunId() const { return m_dagRunId; }
    QString taskId() const { return m_taskId; }
    // The entry on a row (its value when read); row must be valid.
    const Api::XComEntry &entry(int row) const;
    // The row of a loaded entry, or -1.
    int rowOf(const QString &key, int mapIndex = -1) const;

    bool isLoading() const { return !m_pageCall.isNull(); }
    int totalEntries() const { return m_totalEntries; }
    bool isComplete() const { return m_totalEntries >= 0 && m_pagedOffset >= m_totalEntries; }
    // The value of this row is being read.
    bool isLoadingValue(int row) const;

public Q_SLOTS:
    // Shows this task instance's entries (one reset) and asks for the first page; empty ids: nothing.
    void setTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId);
    // Forgets every row and loads the first page again (one reset).
    void reload();
    // Reads this row's value next (at once when nothing else is read); valueLoaded(row) or valueFailed(row)
    // follows. A row whose value is in already gets valueLoaded(row) at once.
    void loadValue(int row);

Q_SIGNALS:
    void loadingChanged(bool loading);
    void totalEntriesChanged(int totalEntries);
    void valueLoaded(int row);
    void valueFailed(int row, const QString &message);
    // A plain sentence for a person; the model stays usable.
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        Api::XComEntry entry;
        QString preview;
        bool valueFailed = false;
    };

    static QString keyOf(const QString &key, int mapIndex);
    void requestPage();
    void appendEntries(const QList<Api::XComEntry> &entries);
    void readNextValue();
    void storeValue(const QString &rowKey, const Api::Result<Api::XComEntry> &result);
    void resetRows();
    void cancelCalls();
    void setTotalEntries(int totalEntries);
    QString reportText(const QString &what, const Api::ApiError &error) const;
    QString displayText(const Row &row, int column) const;

    QPointer<Api::AirflowClient> m_client;
    QString m_dagId, m_dagRunId, m_taskId;
    QList<Row> m_rows;
    QHash<QString, int> m_rowByKey;
    int m_totalEntries = -1;
    int m_pagedOffset = 0;
    bool m_pagingFailed = false;
    quint64 m_generation = 0; // bumped by every reset; answers from an older generation are dropped
    QPointer<Api::ApiCall> m_pageCall;
    // Values still to read (row keys), first first, and the one being read.
    QList<QString> m_valueQueue;
    QString m_valueKey;
    QPointer<Api::ApiCall> m_valueCall;
};

} // namespace Windsock::Models
