#pragma once

#include "explorer/requesthistory.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace Windsock::Ui {

// The requests sent from this profile's explorer, newest first, searchable (method, URL, status, body,
// operation id). Activating one puts its request back into the editor, as it was written (with its
// {{variables}}). The history itself (a file, secrets redacted, capped) belongs to the page.
class HistoryPanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int EntryRole = Qt::UserRole + 1; // int: index into the history's entries

    explicit HistoryPanel(Explorer::RequestHistory *history, QWidget *parent = nullptr);

    // The history changed (a request was sent, it was loaded or cleared).
    void refresh();
    QLineEdit *searchEdit() const { return m_search; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *clearButton() const { return m_clear; }

Q_SIGNALS:
    void entryActivated(const Windsock::Explorer::HistoryEntry &entry);
    void errorOccurred(const QString &message);

private:
    void clearHistory();

    Explorer::RequestHistory *m_history;
    QLineEdit *m_search;
    QTreeWidget *m_list;
    QLabel *m_status;
    QPushButton *m_clear;
};

} // namespace Windsock::Ui
