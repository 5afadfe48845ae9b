#include "jsontreemodel.h"

#include "explorer/jsonpath.h"
#include "explorer/responsebody.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <vector>

namespace Windsock::Models {

namespace JsonPath = Explorer::JsonPath;

// One row: an object member or an array element. Its rows are created on demand (children holds the first
// ones, in order); count is how many there are in all.
struct JsonTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    bool isMember = false; // key holds the member's key; otherwise an element, its index is row
    QString key;
    QJsonValue value;
    int count = 0;
    bool started = false; // the first chunk exists
    std::vector<std::unique_ptr<Node>> children;

    void setValue(QJsonValue v)
    {
        value = std::move(v);
        count = value.isObject()  ? int(value.toObject().size())
                : value.isArray() ? int(value.toArray().size())
                                  : 0;
    }

    // Creates the rows [children.size(), end).
    void createChildren(int end)
    {
        const int begin = int(children.size());
        if (end <= begin)
            return;
        children.reserve(size_t(end));
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            auto it = object.constBegin() + begin;
            for (int row = begin; row < end; ++row, ++it)
                children.push_back(makeChild(row, true, it.key(), it.value()));
        } else {
            const QJsonArray array = value.toArray();
            for (int row = begin; row < end; ++row)
                children.push_back(makeChild(row, false, {}, array.at(row)));
        }
    }

    std::unique_ptr<Node> makeChild(int childRow, bool member, QString childKey, QJsonValue childValue)
    {
        auto child = std::make_unique<Node>();
        child->parent = this;
        child->row = childRow;
        child->isMember = member;
        child->key = std::move(childKey);
        child->setValue(std::move(childValue));
        return child;
    }
};

namespace {

QString jsonText(const QJsonValue &scalar)
{
    const QByteArray array = QJsonDocument(QJsonArray{scalar}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(const QJsonDocument &document)
{
    beginResetModel();
    m_document = document;
    m_root = std::make_unique<Node>();
    if (document.isObject())
        m_root->setValue(document.object());
    else if (document.isArray())
        m_root->setValue(document.array());
    endResetModel();
}

void JsonTreeModel::clear()
{
    setDocument({});
}

QJsonDocument JsonTreeModel::document() const
{
    return m_document;
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

void JsonTreeModel::ensureFirstChunk(Node *node) const
{
    if (node->started)
        return;
    node->started = true;
    node->createChildren(qMin(node->count, ChunkSize));
}

void JsonTreeModel::fetchUpTo(Node *node, qsizetype count)
{
    ensureFirstChunk(node);
    const int end = int(qMin<qsizetype>(count, node->count));
    const int begin = int(node->children.size());
    if (end <= begin)
        return;
    beginInsertRows(indexOf(node), begin, end - 1);
    node->createChildren(end);
    endInsertRows();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || parent.column() > 0)
        return {};
    Node *node = nodeOf(parent);
    ensureFirstChunk(node);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    Node *node = nodeOf(parent);
    ensureFirstChunk(node);
    return int(node->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    return nodeOf(parent)->count > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    return node->started ? int(node->children.size()) < node->count : node->count > ChunkSize;
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    if (parent.column() > 0)
        return;
    Node *node = nodeOf(parent);
    ensureFirstChunk(node);
    fetchUpTo(node, qsizetype(node->children.size()) + ChunkSize);
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Key:
            return node->isMember ? node->key : QString::number(node->row);
        case Value:
            return summary(node->value);
        case Type:
            return typeName(node->value.type());
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Value && node->value.isString())
            return node->value.toString().left(DisplayChars * 4);
        return pathOf(index);
    case JsonTypeRole:
        return int(node->value.type());
    case PathRole:
        return pathOf(index);
    case ChildCountRole:
        return node->count;
    case SortRole:
        switch (index.column()) {
        case Key:
            return node->isMember ? QVariant(node->key) : QVariant(qint64(node->row));
        case Value:
            return node->value.isObject() || node->value.isArray() ? QVariant(node->count)
                                                                   : node->value.toVariant();
        case Type:
            return typeName(node->value.type());
        }
        return {};
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Type:
        return tr("Type");
    }
    return {};
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeOf(index)->count == 0)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QJsonValue JsonTreeModel::valueAt(const QModelIndex &index) const
{
    if (index.isValid() && index.model() != this)
        return {};
    return nodeOf(index)->value;
}

QString JsonTreeModel::pathOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return JsonPath::Root;
    std::vector<const Node *> chain;
    for (const Node *node = nodeOf(index); node && node != m_root.get(); node = node->parent)
        chain.push_back(node);
    QString path = JsonPath::Root;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        path =
            (*it)->isMember ? JsonPath::appendKey(path, (*it)->key) : JsonPath::appendIndex(path, (*it)->row);
    return path;
}

QString JsonTreeModel::valueText(const QModelIndex &index) const
{
    return textOf(valueAt(index));
}

QString JsonTreeModel::textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined())
        return {};
    QString text = Explorer::ResponseBody::prettyJson(value);
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1); // a copied value pastes into a line or a field
    return text;
}

QModelIndex JsonTreeModel::indexForPath(const QString &path)
{
    QVariantList steps;
    if (!JsonPath::parse(path, &steps))
        return {};
    Node *node = m_root.get();
    for (const QVariant &step : std::as_const(steps)) {
        qsizetype row = -1;
        if (step.typeId() == QMetaType::QString && node->value.isObject()) {
            const QJsonObject object = node->value.toObject();
            const auto it = object.constFind(step.toString());
            if (it == object.constEnd())
                return {};
            row = it - object.constBegin();
        } else if (step.typeId() == QMetaType::LongLong && node->value.isArray()) {
            row = step.toLongLong();
            if (row >= node->count)
                return {};
        } else {
            return {};
        }
        // Whole chunks, as fetchMore() would create them.
        fetchUpTo(node, (row / ChunkSize + 1) * ChunkSize);
        node = node->children[size_t(row)].get();
    }
    return indexOf(node);
}

QString JsonTreeModel::summary(const QJsonValue &value)
{
    const QLocale locale;
    switch (value.type()) {
    case QJsonValue::Object: {
        const qsizetype size = value.toObject().size();
        if (size == 0)
            return QStringLiteral("{}");
        return size == 1 ? tr("{1 key}") : tr("{%1 keys}").arg(locale.toString(size));
    }
    case QJsonValue::Array: {
        const qsizetype size = value.toArray().size();
        if (size == 0)
            return QStringLiteral("[]");
        return size == 1 ? tr("[1 item]") : tr("[%1 items]").arg(locale.toString(size));
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.size() <= DisplayChars)
            return jsonText(text);
        // The start of the string, with an ellipsis before its closing quote.
        QString shown = jsonText(text.left(DisplayChars));
        shown.insert(shown.size() - 1, QChar(0x2026));
        return shown;
    }
    case QJsonValue::Double:
    case QJsonValue::Bool:
    case QJsonValue::Null:
        return jsonText(value);
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString JsonTreeModel::typeName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace Windsock::Models
