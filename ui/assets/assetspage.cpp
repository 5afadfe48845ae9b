#include "assetspage.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "models/assetmodel.h"
#include "resources/errorbanner.h"
#include "resources/resourcetable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Models::AssetModel;

QString AssetsPage::titleFor(const Api::AirflowClient *client)
{
    return client->dialect().kind() == Api::ApiKind::V2 ? tr("Assets") : tr("Datasets");
}

AssetsPage::AssetsPage(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_title(titleFor(client))
    , m_model(new AssetModel(client, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_error(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    const bool v2 = client->dialect().kind() == Api::ApiKind::V2;
    m_filterEdit->setObjectName(QStringLiteral("assetFilter"));
    m_filterEdit->setPlaceholderText(v2 ? tr("Filter by name, URI, DAG or task")
                                        : tr("Filter by URI, DAG or task"));
    m_filterEdit->setClearButtonEnabled(true);
    m_refreshButton->setObjectName(QStringLiteral("refreshAssetsButton"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    m_refreshButton->setToolTip(v2 ? tr("Read the assets again (F5)") : tr("Read the datasets again (F5)"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_refreshButton);

    m_error->setObjectName(QStringLiteral("assetsError"));

    m_view->setObjectName(QStringLiteral("assetList"));
    ResourceTable::setUp(m_model, m_proxy, m_view);
    m_view->setShowGrid(false);
    // Airflow 2's datasets have no name: the uri is in the first column already.
    m_view->setColumnHidden(AssetModel::Uri, !v2);
    const QFontMetrics metrics(m_view->font());
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(AssetModel::Name,
                          metrics.horizontalAdvance(QStringLiteral("s3://warehouse/a_dataset_name")) + 24);
    header->resizeSection(AssetModel::Uri,
                          metrics.horizontalAdvance(QStringLiteral("s3://warehouse/a_dataset_name")) + 24);
    header->resizeSection(AssetModel::ConsumedBy,
                          metrics.horizontalAdvance(QStringLiteral("a_dag_id, ")) * 3);
    header->resizeSection(AssetModel::ProducedBy,
                          metrics.horizontalAdvance(QStringLiteral("a_dag_id.a_task_id")) + 24);

    m_status->setObjectName(QStringLiteral("assetsStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &AssetsPage::setFilterText);
    connect(m_refreshButton, &QPushButton::clicked, this, &AssetsPage::refresh);
    connect(m_model, &AssetModel::errorOccurred, this, &AssetsPage::showError);
    connect(m_model, &AssetModel::refreshed, this, [this] { showError({}); });
    ResourceTable::watchCounts(m_model, this, &AssetsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AssetsPage::updateStatus);
    connect(m_model, &AssetModel::refreshingChanged, this, &AssetsPage::updateStatus);
    updateStatus();
}

AssetsPage::~AssetsPage() = default;

QString AssetsPage::statusText() const
{
    return m_status->text();
}

QString AssetsPage::errorText() const
{
    return m_error->message();
}

void AssetsPage::refresh()
{
    showError({});
    if (m_model->totalEntries() < 0 && !m_model->isLoading()) {
        if (m_model->canFetchMore({}))
            m_model->fetchMore({});
    } else {
        m_model->refresh();
    }
    updateStatus();
}

void AssetsPage::setFilterText(const QString &text)
{
    if (m_filterEdit->text() != text)
        m_filterEdit->setText(text); // comes back here through textChanged
    m_proxy->setFilterFixedString(text.trimmed());
    updateStatus();
}

void AssetsPage::updateStatus()
{
    const bool v2 = m_title == tr("Assets");
    const ResourceTable::CountTexts texts =
        v2 ? ResourceTable::CountTexts{tr("Loading assets…"), tr("No assets"), tr("1 asset"), tr("%1 assets"),
                                       tr("%1 of %2 assets (scroll for more)")}
           : ResourceTable::CountTexts{tr("Loading datasets…"), tr("No datasets"), tr("1 dataset"),
                                       tr("%1 datasets"), tr("%1 of %2 datasets (scroll for more)")};
    QString filtered;
    const int shown = m_proxy->rowCount();
    if (m_model->totalEntries() > 0 && shown != m_model->rowCount())
        filtered =
            tr("%1 of %2 shown").arg(QLocale().toString(shown), QLocale().toString(m_model->rowCount()));
    m_status->setText(ResourceTable::statusText(m_model, texts, filtered, false));
}

void AssetsPage::showError(const QString &message)
{
    m_error->setMessage(message);
}

} // namespace Windsock::Ui
