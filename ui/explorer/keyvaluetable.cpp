#include "keyvaluetable.h"

#include "placeholderdelegate.h"

#include <QAction>
#include <QHeaderView>
#include <QScopedValueRollback>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Windsock::Ui {

KeyValueTable::KeyValueTable(Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_mode(mode)
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    m_table->setObjectName(QStringLiteral("keyValueTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(Name, 200);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Typing in a cell edits it, as in a spreadsheet; moving through the cells does not open editors.
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setItemDelegate(new PlaceholderDelegate(m_table));
    m_table->setWordWrap(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);

    if (m_mode != Mode::FixedKeys) {
        auto *remove = new QAction(tr("Remove Rows"), m_table);
        remove->setObjectName(QStringLiteral("removeRows"));
        remove->setShortcut(QKeySequence::Delete);
        remove->setShortcutContext(Qt::WidgetShortcut);
        m_table->addAction(remove);
        m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
        connect(remove, &QAction::triggered, this, &KeyValueTable::removeSelectedRows);
    }
    connect(m_table, &QTableWidget::itemChanged, this, &KeyValueTable::onItemChanged);
    ensureTrailingRow();
}

void KeyValueTable::setEntries(const QList<Explorer::KeyValue> &entries)
{
    {
        const QScopedValueRollback guard(m_updating, true);
        m_table->setRowCount(0);
        for (const Explorer::KeyValue &entry : entries)
            appendRow(entry);
    }
    ensureTrailingRow();
    Q_EMIT changed();
}

QList<Explorer::KeyValue> KeyValueTable::entries() const
{
    QList<Explorer::KeyValue> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, Name);
        const QTableWidgetItem *value = m_table->item(row, Value);
        if (!name || name->text().isEmpty())
            continue;
        Explorer::KeyValue entry;
        entry.key = name->text();
        entry.value = value ? value->text() : QString();
        entry.enabled = m_mode != Mode::Free || name->checkState() == Qt::Checked;
        result.append(entry);
    }
    return result;
}

void KeyValueTable::setHints(const QHash<QString, Hint> &hints)
{
    m_hints = hints;
    const QScopedValueRollback guard(m_updating, true);
    for (int row = 0; row < m_table->rowCount(); ++row)
        applyHint(row);
}

QString KeyValueTable::value(const QString &key) const
{
    const int row = rowOf(key);
    const QTableWidgetItem *item = row >= 0 ? m_table->item(row, Value) : nullptr;
    return item ? item->text() : QString();
}

void KeyValueTable::setValue(const QString &key, const QString &value)
{
    int row = rowOf(key);
    if (row < 0) {
        if (m_mode == Mode::FixedKeys)
            return;
        const QScopedValueRollback guard(m_updating, true);
        // Into the empty last row, so that it stays last.
        row = m_table->rowCount() - 1;
        QTableWidgetItem *name = m_table->item(row, Name);
        name->setText(key);
        if (m_mode == Mode::Free)
            name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
    }
    {
        const QScopedValueRollback guard(m_updating, true);
        m_table->item(row, Value)->setText(value);
        if (m_mode == Mode::Free)
            m_table->item(row, Name)->setCheckState(Qt::Checked);
        applyHint(row);
    }
    ensureTrailingRow();
    Q_EMIT changed();
}

int KeyValueTable::rowOf(const QString &key) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, Name);
        if (name && name->text() == key)
            return row;
    }
    return -1;
}

void KeyValueTable::appendRow(const Explorer::KeyValue &entry)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *name = new QTableWidgetItem(entry.key);
    auto *value = new QTableWidgetItem(entry.value);
    if (m_mode == Mode::FixedKeys) {
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    } else if (m_mode == Mode::Free) {
        name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
        name->setCheckState(entry.enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_table->setItem(row, Name, name);
    m_table->setItem(row, Value, value);
    applyHint(row);
}

void KeyValueTable::ensureTrailingRow()
{
    if (m_mode == Mode::FixedKeys)
        return;
    const int rows = m_table->rowCount();
    if (rows > 0 && isEmptyRow(rows - 1))
        return;
    const QScopedValueRollback guard(m_updating, true);
    appendRow({QString(), QString(), true});
    // No check until the row has a name: an empty row is not something to send or not.
    QTableWidgetItem *name = m_table->item(m_table->rowCount() - 1, Name);
    name->setFlags(name->flags() & ~Qt::ItemIsUserCheckable);
    name->setData(Qt::CheckStateRole, QVariant());
    name->setData(PlaceholderDelegate::PlaceholderRole, tr("Add a name"));
}

void KeyValueTable::applyHint(int row)
{
    QTableWidgetItem *name = m_table->item(row, Name);
    QTableWidgetItem *value = m_table->item(row, Value);
    if (!name || !value || name->text().isEmpty())
        return;
    const Hint hint = m_hints.value(name->text());
    value->setData(PlaceholderDelegate::PlaceholderRole, hint.placeholder);
    name->setData(PlaceholderDelegate::PlaceholderRole, QVariant());
    name->setToolTip(hint.toolTip);
    value->setToolTip(hint.toolTip);
    QFont font = name->font();
    font.setBold(hint.required);
    name->setFont(font);
}

void KeyValueTable::onItemChanged(QTableWidgetItem *item)
{
    if (m_updating)
        return;
    {
        const QScopedValueRollback guard(m_updating, true);
        const int row = item->row();
        QTableWidgetItem *name = m_table->item(row, Name);
        // A value typed into an unchecked row (a catalogue parameter listed with its default) is meant to be
        // sent; a name typed into the empty last row starts a new entry.
        if (m_mode == Mode::Free && name && !(name->flags() & Qt::ItemIsUserCheckable) &&
            !name->text().isEmpty()) {
            name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
            name->setCheckState(Qt::Checked);
        }
        if (m_mode == Mode::Free && name && item->column() == Value && !item->text().isEmpty())
            name->setCheckState(Qt::Checked);
        applyHint(row);
    }
    ensureTrailingRow();
    Q_EMIT changed();
}

void KeyValueTable::removeSelectedRows()
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    {
        const QScopedValueRollback guard(m_updating, true);
        for (const int row : std::as_const(rows)) {
            if (row != m_table->rowCount() - 1 || !isEmptyRow(row))
                m_table->removeRow(row);
        }
    }
    ensureTrailingRow();
    Q_EMIT changed();
}

bool KeyValueTable::isEmptyRow(int row) const
{
    const QTableWidgetItem *name = m_table->item(row, Name);
    const QTableWidgetItem *value = m_table->item(row, Value);
    return (!name || name->text().isEmpty()) && (!value || value->text().isEmpty());
}

} // namespace Windsock::Ui
