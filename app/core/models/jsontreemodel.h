#pragma once

#include <QAbstractItemModel>
#include <QJsonDocument>
#include <QJsonValue>
#include <QString>
#include <memory>

namespace Windsock::Models {

// A JSON document as a tree: one row per object member (keys in QJsonObject's order, which is sorted) or
// array element, columns Key, Value and Type. Built lazily so that a 20 MB document shows its top level at
// once: a container's rows are created when they are first asked for, ChunkSize at a time, and the rest
// through canFetchMore()/fetchMore() (a view asks as it scrolls). The values stay in the QJsonDocument
// (shared, not copied); a row keeps only its key and a reference to its value.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        Key,   // the member's key, or the element's index ("0")
        Value, // a scalar as JSON text ("\"abc\"", 3.5, true, null); a container as "{12 keys}" / "[3,000
               // items]"
        Type,  // object, array, string, number, boolean, null
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        JsonTypeRole = Qt::UserRole + 1, // int: QJsonValue::Type of the row's value
        PathRole,                        // QString: pathOf(index)
        ChildCountRole,                  // int: members or elements of a container (all, fetched or not)
        SortRole,                        // the raw value: QString key / qint64 index, or the scalar
    };
    Q_ENUM(Role)

    // Rows created at a time under one container.
    static constexpr int ChunkSize = 1000;
    // Characters of a string shown in the Value column (and its tooltip); valueText() gives it all.
    static constexpr int DisplayChars = 500;

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // Shows a document (one reset). An empty document shows nothing.
    void setDocument(const QJsonDocument &document);
    void clear();
    QJsonDocument document() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The row's value (an invalid index: the document's top-level value).
    QJsonValue valueAt(const QModelIndex &index) const;
    // `$.dags[0].dag_id`, `$["a.b"]` (Explorer::JsonPath); "$" for an invalid index.
    QString pathOf(const QModelIndex &index) const;
    // For "copy value": a string as is (no quotes), another scalar as JSON text, a container as indented JSON
    // (by 2). A container of a 20 MB document takes a few hundred milliseconds: for a large one (see
    // ChildCountRole), run textOf(valueAt(index)) on a worker instead.
    QString valueText(const QModelIndex &index) const;
    // The same for a value; pure and thread-safe.
    static QString textOf(const QJsonValue &value);
    // The row at a path (column 0), creating the rows on the way (fetching chunks as needed, with the usual
    // rowsInserted signals); invalid when the path is "$", malformed, or leads nowhere.
    QModelIndex indexForPath(const QString &path);

    // The text shown for a value in the Value column.
    static QString summary(const QJsonValue &value);
    static QString typeName(QJsonValue::Type type);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    // Creates the first chunk of a container's rows if not yet done (no signals: those rows were always
    // there as far as views know).
    void ensureFirstChunk(Node *node) const;
    // Creates rows up to count (signalled), in chunks.
    void fetchUpTo(Node *node, qsizetype count);

    std::unique_ptr<Node> m_root;
    QJsonDocument m_document;
};

} // namespace Windsock::Models
