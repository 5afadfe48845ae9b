#include "variablemodel.h"

namespace Windsock::Models {

namespace {

Api::Variable variableOf(const QVariant &row)
{
    return row.value<Api::Variable>();
}

// One line for a table cell: a multi-line value (indented JSON) on one line, cut at a readable length.
QString oneLine(const QString &text)
{
    constexpr int MaxChars = 300;
    QString line = text.simplified();
    if (line.size() > MaxChars)
        line = line.left(MaxChars) + QChar(0x2026);
    return line;
}

} // namespace

const QString &VariableModel::maskedValue()
{
    static const QString masked = QStringLiteral("***");
    return masked;
}

const QStringList &VariableModel::sensitiveFields()
{
    // DEFAULT_SENSITIVE_FIELDS of airflow/utils/log/secrets_masker.py (2.x).
    static const QStringList fields{
        QStringLiteral("access_token"),  QStringLiteral("api_key"),      QStringLiteral("apikey"),
        QStringLiteral("authorization"), QStringLiteral("passphrase"),   QStringLiteral("passwd"),
        QStringLiteral("password"),      QStringLiteral("private_key"),  QStringLiteral("secret"),
        QStringLiteral("token"),         QStringLiteral("keyfile_dict"), QStringLiteral("service_account"),
    };
    return fields;
}

bool VariableModel::isSensitiveKey(const QString &key)
{
    const QString name = key.trimmed().toLower();
    for (const QString &field : sensitiveFields()) {
        if (name.contains(field))
            return true;
    }
    return false;
}

VariableModel::VariableModel(Api::AirflowClient *client, QObject *parent)
    : ResourceListModel(client, parent)
{}

VariableModel::~VariableModel()
{
    ++m_valueGeneration; // value answers still in flight find nothing to do
}

int VariableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Api::Variable VariableModel::variable(int row) const
{
    Api::Variable variable = variableOf(rowAt(row));
    const auto value = m_values.constFind(variable.key);
    if (value != m_values.cend()) {
        variable.value = value.value();
        variable.hasValue = true;
    }
    return variable;
}

QString VariableModel::displayValue(const QString &key) const
{
    const auto value = m_values.constFind(key);
    if (value == m_values.cend())
        return tr("loading…");
    if (!m_sensitiveShown && isSensitiveKey(key))
        return maskedValue();
    return oneLine(value.value());
}

QVariant VariableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Api::Variable variable = variableOf(rowAt(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case Key:
            return variable.key;
        case Value:
            return displayValue(variable.key);
        case Description:
            return variable.description;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Value:
            if (!m_values.contains(variable.key))
                return tr("The value is being read");
            if (!m_sensitiveShown && isSensitiveKey(variable.key))
                return tr("Hidden: Airflow treats \"%1\" as a sensitive name. Show values to see it.")
                    .arg(variable.key);
            return m_values.value(variable.key);
        case Key:
            return variable.key;
        case Description:
            return variable.description;
        }
        return {};
    case KeyRole:
        return variable.key;
    case VariableRole:
        return QVariant::fromValue(this->variable(index.row()));
    case ValueRole: {
        const auto value = m_values.constFind(variable.key);
        return value == m_values.cend() ? QVariant() : QVariant(value.value());
    }
    case SensitiveRole:
        return isSensitiveKey(variable.key);
    default:
        return {};
    }
}

QVariant VariableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Description:
        return tr("Description");
    }
    return {};
}

QHash<int, QByteArray> VariableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(KeyRole, QByteArrayLiteral("key"));
    names.insert(VariableRole, QByteArrayLiteral("variable"));
    names.insert(ValueRole, QByteArrayLiteral("value"));
    names.insert(SensitiveRole, QByteArrayLiteral("sensitive"));
    return names;
}

void VariableModel::setSensitiveValuesShown(bool shown)
{
    if (m_sensitiveShown == shown)
        return;
    m_sensitiveShown = shown;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Value), index(rowCount() - 1, Value));
}

Api::ApiCall *VariableModel::requestPage(int limit, int offset, PageCallback done)
{
    Api::CollectionQuery query;
    query.limit = limit;
    query.offset = offset;
    return client()->variables(query, this,
                               [done = std::move(done)](const Api::Result<Api::Page<Api::Variable>> &result) {
                                   done(toVariantPage(result));
                               });
}

QString VariableModel::keyOf(const QVariant &row) const
{
    return variableOf(row).key;
}

bool VariableModel::sameRow(const QVariant &a, const QVariant &b) const
{
    const Api::Variable left = variableOf(a);
    const Api::Variable right = variableOf(b);
    return left.key == right.key && left.description == right.description;
}

QString VariableModel::collectionName() const
{
    return tr("the variables");
}

// ---- Values

void VariableModel::rowsArrived(const QStringList &keys)
{
    m_valueErrorReported = false;
    for (const QString &key : keys) {
        if (!m_queued.contains(key)) {
            m_queued.insert(key);
            m_valueQueue.append(key);
        }
    }
    readNextValues();
}

void VariableModel::readNextValues()
{
    while (m_valuesInFlight < ValueWindow && !m_valueQueue.isEmpty() && client()) {
        const QString key = m_valueQueue.takeFirst();
        m_queued.remove(key);
        if (rowOfKey(key) < 0)
            continue; // gone meanwhile
        ++m_valuesInFlight;
        const quint64 generation = m_valueGeneration;
        client()->variable(key, this, [this, generation, key](const Api::Result<Api::Variable> &result) {
            if (generation != m_valueGeneration)
                return;
            --m_valuesInFlight;
            const int row = rowOfKey(key);
            if (result.ok() && row >= 0) {
                const auto known = m_values.constFind(key);
                if (known == m_values.cend() || known.value() != result.value().value) {
                    m_values.insert(key, result.value().value);
                    Q_EMIT dataChanged(index(row, Value), index(row, Value));
                }
            } else if (result.error().kind() == Api::ApiError::Kind::NotFound) {
                m_values.remove(key); // deleted meanwhile: the next refresh takes the row away
            } else if (!result.ok() && !m_valueErrorReported) {
                m_valueErrorReported = true; // one sentence for a batch
                reportError(tr("Could not read the value of variable %1").arg(key), result.error());
            }
            readNextValues();
            if (pendingValues() == 0)
                Q_EMIT valuesLoaded();
        });
    }
}

} // namespace Windsock::Models
