#pragma once

#include <QDialog>
#include <QMap>

namespace Windsock::Ui {

class KeyValueTable;
class ErrorBanner;

// Opened with open() (window-modal, no nested event loop) and deleted on close.
// The profile's {{name}} variables: a table of names and values. OK checks the names (letters, digits, _ - .)
// and hands the variables over; a refused name keeps the dialog open with everything typed.
class VariablesDialog final : public QDialog
{
    Q_OBJECT

public:
    VariablesDialog(const QMap<QString, QString> &variables, QWidget *parent = nullptr);
    KeyValueTable *table() const { return m_table; }
    QString errorText() const;

Q_SIGNALS:
    void variablesAccepted(const QMap<QString, QString> &variables);

private:
    void acceptIfValid();

    KeyValueTable *m_table;
    ErrorBanner *m_error;
};

} // namespace Windsock::Ui
