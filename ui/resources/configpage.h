#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QToolBar;
class QTreeView;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
struct Config;
} // namespace Windsock::Api

namespace Windsock::Ui {

class ErrorBanner;

// The server's configuration (GET /config) as a tree: sections, and under each its options with their values
// and where each value comes from, behind a filter line that keeps a section when any of its options matches.
// Airflow hides it unless [webserver] expose_config is set: that 403 is explained in the page in plain words,
// with how to enable it. Reading only, so readOnly changes nothing here; it is taken as the other pages take
// it.
class ConfigPage final : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        Option, // the section's name on section rows
        Value,
        Source,
        ColumnCount
    };

    ConfigPage(Api::AirflowClient *client, bool readOnly, QWidget *parent = nullptr);
    ~ConfigPage() override;

    QStandardItemModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QAction *refreshAction() const { return m_refreshAction; }
    bool isLoading() const { return !m_call.isNull(); }
    bool hasLoaded() const { return m_loaded; }
    QString statusText() const;
    QString errorText() const;

public Q_SLOTS:
    void refresh();

private:
    void showConfig(const Api::Config &config);

    Api::AirflowClient *m_client;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QToolBar *m_toolBar;
    QAction *m_refreshAction;
    QLineEdit *m_filter;
    QTreeView *m_view;
    ErrorBanner *m_error;
    QLabel *m_status;
    QPointer<Api::ApiCall> m_call;
    bool m_loaded = false;
};

} // namespace Windsock::Ui
