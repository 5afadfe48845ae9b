#pragma once

#include "explorer/requestdraft.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

class QTableWidget;
class QTableWidgetItem;

namespace Windsock::Ui {

// The rows of a request's query, headers or path parameters: a name with a check (sent or not) and a value.
//
// Free mode (query, headers): the last row is always empty and typing in it adds a row; Delete removes the
// selected rows; typing a value into an unchecked row checks it (a default listed from the catalogue is sent
// once the user gives it a value). FixedKeys mode (path parameters): the names follow the path, only values
// are edited, and every row is sent.
//
// A hint per name (from the catalogue: type, default, description) shows as the value's placeholder and the
// row's tooltip. Plain mode is Free mode without the checks.
class KeyValueTable final : public QWidget
{
    Q_OBJECT

public:
    enum class Mode
    {
        Free,      // names and values, each row checked or not
        FixedKeys, // values of given names, all sent
        Plain      // names and values, no checks (the profile's variables)
    };
    enum Column
    {
        Name,
        Value,
        ColumnCount
    };
    struct Hint
    {
        QString placeholder; // "integer, default 100"
        QString toolTip;     // the description, with the type and whether it is required
        bool required = false;
    };

    explicit KeyValueTable(Mode mode, QWidget *parent = nullptr);

    void setEntries(const QList<Explorer::KeyValue> &entries);
    // The rows with a name (the empty last row left out), in order.
    QList<Explorer::KeyValue> entries() const;
    void setHints(const QHash<QString, Hint> &hints);
    void clearHints() { setHints({}); }

    // The value of the first row named key ("" when there is none), and setting it (a new row in Free mode
    // when there is none; the row is checked).
    QString value(const QString &key) const;
    void setValue(const QString &key, const QString &value);
    // The first row named key, -1 when none.
    int rowOf(const QString &key) const;
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    void appendRow(const Explorer::KeyValue &entry);
    void ensureTrailingRow();
    void applyHint(int row);
    void onItemChanged(QTableWidgetItem *item);
    void removeSelectedRows();
    bool isEmptyRow(int row) const;

    Mode m_mode;
    QTableWidget *m_table;
    QHash<QString, Hint> m_hints;
    bool m_updating = false;
};

} // namespace Windsock::Ui
