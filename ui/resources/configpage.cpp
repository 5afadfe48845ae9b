#include "configpage.h"

#include "errorbanner.h"

#include "api/airflowclient.h"
#include "api/dialect.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Windsock::Ui {

ConfigPage::ConfigPage(Api::AirflowClient *client, bool readOnly, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_toolBar(new QToolBar(tr("Configuration actions"), this))
    , m_refreshAction(new QAction(tr("&Refresh"), this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_error(new ErrorBanner(this))
    , m_status(new QLabel(this))
{
    Q_UNUSED(readOnly) // nothing here changes the server
    setObjectName(QStringLiteral("configPage"));
    m_model->setHorizontalHeaderLabels({tr("Option"), tr("Value"), tr("Source")});
    m_toolBar->setObjectName(QStringLiteral("configToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refreshAction->setObjectName(QStringLiteral("refreshConfigAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refreshAction->setToolTip(tr("Read the configuration again (F5)"));
    m_toolBar->addAction(m_refreshAction);
    addAction(m_refreshAction);

    m_filter->setObjectName(QStringLiteral("configFilter"));
    m_filter->setPlaceholderText(tr("Filter by section, option or value"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    // A section stays while one of its options matches; a matching section shows all its options.
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);

    m_view->setObjectName(QStringLiteral("configView"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(false); // the server's order is Airflow's documented one
    m_view->header()->setStretchLastSection(true);
    const QFontMetrics metrics(m_view->font());
    m_view->header()->resizeSection(
        Option, metrics.horizontalAdvance(QStringLiteral("an_option_name_of_some_length")));
    m_view->header()->resizeSection(Value, metrics.horizontalAdvance(QString(40, QLatin1Char('x'))));
    m_error->setObjectName(QStringLiteral("configError"));
    m_status->setObjectName(QStringLiteral("configStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_filter);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_refreshAction, &QAction::triggered, this, &ConfigPage::refresh);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_view->expandAll();
    });
    // Nothing is asked for here: the deployment view calls refresh() when the tab is first shown.
}

ConfigPage::~ConfigPage()
{
    if (m_call)
        m_call->cancel();
}

QString ConfigPage::statusText() const
{
    return m_status->text();
}

QString ConfigPage::errorText() const
{
    return m_error->message();
}

void ConfigPage::refresh()
{
    if (!m_client || m_call)
        return;
    // A server without a configuration endpoint (1.10) is not asked: the tab is disabled with this reason.
    if (const QString reason = m_client->dialect().unavailableReason(Api::Feature::Config);
        !reason.isEmpty()) {
        m_status->setText(reason);
        m_refreshAction->setEnabled(false);
        return;
    }
    m_status->setText(tr("Reading the configuration…"));
    m_call = m_client->config(QString(), this, [this](const Api::Result<Api::Config> &result) {
        m_call = nullptr;
        if (!result.ok()) {
            m_status->clear();
            const Api::ApiError &error = result.error();
            if (error.kind() == Api::ApiError::Kind::Forbidden &&
                error.message().contains(QLatin1String("expose_config"))) {
                // The client's sentence names the setting ([webserver] expose_config) and its values.
                m_error->setMessage(tr("%1\n\nAfter the change, restart the webserver and press Refresh.")
                                        .arg(error.message()));
            } else if (error.kind() == Api::ApiError::Kind::Forbidden) {
                m_error->setMessage(
                    tr("The server refused to show its configuration: %1\n\nEither your user may "
                       "not read it, or the administrator did not expose it ([webserver] "
                       "expose_config = non-sensitive-only or True).")
                        .arg(error.message()));
            } else {
                m_error->setMessage(tr("Could not read the configuration: %1").arg(error.message()));
            }
            return;
        }
        m_error->setMessage({});
        showConfig(result.value());
    });
}

void ConfigPage::showConfig(const Api::Config &config)
{
    // Which sections were open, so a refresh does not fold the tree the user is reading.
    QSet<QString> expanded;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex section = m_proxy->mapFromSource(m_model->index(row, 0));
        if (m_view->isExpanded(section))
            expanded.insert(m_model->item(row, 0)->text());
    }
    m_model->removeRows(0, m_model->rowCount());
    int options = 0;
    for (const Api::ConfigSection &section : config.sections) {
        auto *sectionItem = new QStandardItem(section.name);
        sectionItem->setEditable(false);
        QFont bold = sectionItem->font();
        bold.setBold(true);
        sectionItem->setFont(bold);
        for (const Api::ConfigOption &option : section.options) {
            auto *key = new QStandardItem(option.key);
            auto *value = new QStandardItem(option.value);
            auto *source = new QStandardItem(option.source);
            for (QStandardItem *item : {key, value, source}) {
                item->setEditable(false);
                item->setToolTip(item->text());
            }
            key->setToolTip(QStringLiteral("[%1] %2").arg(section.name, option.key));
            sectionItem->appendRow({key, value, source});
            ++options;
        }
        auto *emptyValue = new QStandardItem;
        auto *emptySource = new QStandardItem;
        emptyValue->setEditable(false);
        emptySource->setEditable(false);
        m_model->appendRow({sectionItem, emptyValue, emptySource});
        if (expanded.contains(section.name))
            m_view->expand(m_proxy->mapFromSource(sectionItem->index()));
    }
    m_loaded = true;
    m_status->setText(tr("%1 sections, %2 options").arg(config.sections.size()).arg(options));
    if (!m_filter->text().isEmpty())
        m_view->expandAll();
}

} // namespace Windsock::Ui
