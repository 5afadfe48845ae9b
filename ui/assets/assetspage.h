#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Models {
class AssetModel;
}

namespace Windsock::Ui {

class ErrorBanner;

// The deployment's datasets (Airflow 2.4+) or assets (Airflow 3): name, URI, the DAGs scheduled on each and
// the tasks that update it, filtered as the user types (on every column). Airflow 3 calls them assets and
// Airflow 2 datasets: title() says which. The page owns its model; it reads nothing until refresh() (the
// window loads it when first shown).
class AssetsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit AssetsPage(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~AssetsPage() override;

    // "Assets" on Airflow 3, "Datasets" on Airflow 2 (and 1.10, which has neither).
    static QString titleFor(const Api::AirflowClient *client);

    Models::AssetModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QString title() const { return m_title; }
    QString statusText() const;
    QString errorText() const;

public Q_SLOTS:
    // Reads the first page the first time, the loaded rows in place afterwards.
    void refresh();
    void setFilterText(const QString &text);

private:
    void updateStatus();
    void showError(const QString &message);

    QString m_title;
    Models::AssetModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filterEdit;
    QPushButton *m_refreshButton;
    ErrorBanner *m_error;
    QTableView *m_view;
    QLabel *m_status;
};

} // namespace Windsock::Ui
