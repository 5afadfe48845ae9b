#pragma once

#include <QDateTime>
#include <QHash>
#include <QWidget>

#include <functional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTimer;
class QToolButton;
class QTableView;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Models {
class DagRunListModel;
}

namespace Windsock::Ui {

// The runs of every DAG of a deployment, newest first: a filter row (states, a date range, DAG ids), the
// run table, Refresh and auto-refresh, a status line and errors in plain words.
//
// The runs are in a QTableView, not a QTreeView: a tree view asks for every page on each layout, a table
// only when scrolled to the end, which is what paging through thousands of runs needs.
// Sorting a column the server orders by re-queries the model in that order; the other columns (Run type,
// Duration, Note) sort the loaded runs in a proxy (see DagRunListModel). Double-clicking a run emits
// runActivated(). The page owns its model.
class RunsPage final : public QWidget
{
    Q_OBJECT

public:
    enum class DateRange
    {
        AnyTime,
        Last24Hours,
        Last7Days,
        Custom
    };
    Q_ENUM(DateRange)

    enum class DateField
    {
        LogicalDate,
        StartDate
    };
    Q_ENUM(DateField)

    explicit RunsPage(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~RunsPage() override;

    Models::DagRunListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QString statusText() const;
    QString errorText() const;

    // The states shown (empty: every state); the toggles follow.
    void setStates(const QStringList &states);
    QStringList states() const;
    void setDateRange(DateRange range, DateField field = DateField::LogicalDate);
    // A custom range; an invalid end is open.
    void setCustomDateRange(const QDateTime &from, const QDateTime &to,
                            DateField field = DateField::LogicalDate);
    void setDagIds(const QStringList &dagIds);

    // What "now" is for "last 24 h" and "last 7 days" (the system clock by default): a test seam.
    void setClock(std::function<QDateTime()> now);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void runActivated(const QString &dagId, const QString &runId);

private:
    QToolButton *addStateToggle(const QString &state, const QString &label);
    void applyFilter();
    void updateDateControls();
    void sortRequested(int column, Qt::SortOrder order);
    void activate(const QModelIndex &proxyIndex);
    void updateStatus();
    void showError(const QString &message);

    Models::DagRunListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    std::function<QDateTime()> m_now;
    QHash<QString, QToolButton *> m_stateToggles;
    QComboBox *m_rangeCombo;
    QComboBox *m_dateFieldCombo;
    QDateTimeEdit *m_fromEdit;
    QDateTimeEdit *m_toEdit;
    QLineEdit *m_dagIdEdit;
    QTimer *m_dagIdDebounce;
    QPushButton *m_refreshButton;
    QComboBox *m_autoRefreshCombo;
    QTableView *m_view;
    QLabel *m_status;
    QLabel *m_error;
};

} // namespace Windsock::Ui
