#pragma once

#include "api/types.h"
#include "resourcelistmodel.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace Windsock::Models {

// The XCom entries of one task instance (every map index of a mapped task), as a flat table ordered by key
// as Airflow lists them, paged (and refreshed in place) as ResourceListModel does; a row's key is the XCom
// key with its map index.
//
// Airflow's list carries no values, so the model reads each entry's value on its own, one request at a time,
// for the Value column's preview; loadValue() puts a row first in that queue (a selected entry), and
// valueLoaded() tells when it is in. Values stay in the model once read (until the entry's time changes on a
// refresh, or a reload): the page shows the full value from entry(row).
class XComModel final : public ResourceListModel
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

    // SortRole holds the column's raw value (QString, int, QDateTime); KeyRole the XCom key alone.
    enum ExtraRole
    {
        XComEntryRole = FirstSubclassRole, // Api::XComEntry, on every column (with its value once read)
        HasValueRole,                      // bool: the value has been read
    };
    Q_ENUM(ExtraRole)

    static constexpr int PreviewChars = 200;

    explicit XComModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~XComModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString dagId() const { return m_dagId; }
    QString dagRunId() const { return m_dagRunId; }
    QString taskId() const { return m_taskId; }
    // The entry on a row (its value when read); row must be valid.
    Api::XComEntry entry(int row) const;
    // The row of a loaded entry, or -1.
    int rowOf(const QString &key, int mapIndex = -1) const;

    // The value of this row is being read.
    bool isLoadingValue(int row) const;

public Q_SLOTS:
    // Shows this task instance's entries (one reset) and asks for the first page; empty ids: nothing.
    void setTaskInstance(const QString &dagId, const QString &dagRunId, const QString &taskId);
    // Reads this row's value next (at once when nothing else is read); valueLoaded(row) or valueFailed(row)
    // follows. A row whose value is in already gets valueLoaded(row) at once.
    void loadValue(int row);

Q_SIGNALS:
    void valueLoaded(int row);
    void valueFailed(int row, const QString &message);

protected:
    Api::ApiCall *requestPage(int limit, int offset, PageCallback done) override;
    QString keyOf(const QVariant &row) const override;
    bool sameRow(const QVariant &a, const QVariant &b) const override;
    QString collectionName() const override;
    Api::Feature feature() const override { return Api::Feature::XComs; }
    void rowsArrived(const QStringList &keys) override;
    void rowsCleared() override;

private:
    // What one value read gave, by row key.
    struct ValueRead
    {
        Api::XComEntry entry; // with its value (hasValue) when read
        QString preview;
        QDateTime listedAt; // the list's time for the entry when read: a newer one makes the value stale
        bool failed = false;
    };

    static QString rowKey(const QString &key, int mapIndex);
    bool hasValue(const QString &key) const;
    void readNextValue();
    void storeValue(const QString &key, const Api::Result<Api::XComEntry> &result);
    void cancelValueCall();
    QString displayText(const Api::XComEntry &entry, const ValueRead *value, int column) const;

    QString m_dagId, m_dagRunId, m_taskId;
    QHash<QString, ValueRead> m_values;
    // Values still to read (row keys), first first, and the one being read.
    QStringList m_valueQueue;
    QString m_valueKey;
    QPointer<Api::ApiCall> m_valueCall;
    quint64 m_valueGeneration = 0; // bumped by every reset; value answers from an older one are dropped
};

} // namespace Windsock::Models
