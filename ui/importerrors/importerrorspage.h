#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Models {
class ImportErrorModel;
}

namespace Windsock::Ui {

class ErrorBanner;

// The DAG files the scheduler could not import: file, time and the error's line in a table (filtered as
// the user types, on the file and the whole stack trace), and the selected entry's full stack trace below.
// The count goes out through titleChanged() so the window can show "Import errors (3)". The page owns its
// model and reads the first page as soon as it is built.
class ImportErrorsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ImportErrorsPage(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~ImportErrorsPage() override;

    Models::ImportErrorModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QPlainTextEdit *stackTraceView() const { return m_trace; }
    // "Import errors", or "Import errors (3)" once the count is known and not zero.
    QString title() const;
    // How many import errors the server has; -1 until known.
    int count() const;
    QString statusText() const;
    QString errorText() const;

public Q_SLOTS:
    void refresh();
    void setFilterText(const QString &text);

Q_SIGNALS:
    void countChanged(int count);
    void titleChanged(const QString &title);

private:
    void showCurrent();
    void updateStatus();
    void showError(const QString &message);

    Models::ImportErrorModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filterEdit;
    QPushButton *m_refreshButton;
    ErrorBanner *m_error;
    QTableView *m_view;
    QLabel *m_traceTitle;
    QPlainTextEdit *m_trace;
    QLabel *m_status;
    int m_lastCount = -1;
};

} // namespace Windsock::Ui
