#include "cataloguepanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

CataloguePanel::CataloguePanel(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("cataloguePanel"));
    m_search->setObjectName(QStringLiteral("catalogueSearch"));
    m_search->setPlaceholderText(tr("Search paths, summaries and tags"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("catalogueStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_tree->setObjectName(QStringLiteral("catalogueTree"));
    m_tree->setHeaderLabels({tr("Operation"), tr("Summary")});
    m_tree->header()->resizeSection(0, 300);
    m_tree->setUniformRowHeights(true);
    m_tree->setRootIsDecorated(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);

    connect(m_search, &QLineEdit::textChanged, this, &CataloguePanel::rebuild);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant index = item->data(0, OperationRole);
        if (index.isValid() && index.toInt() < m_catalogue.operations().size())
            Q_EMIT operationActivated(m_catalogue.operations().at(index.toInt()));
    });
    setMessage(tr("The server's operations show here once its OpenAPI document is read."));
}

QString CataloguePanel::operationCount(int count)
{
    return count == 1 ? tr("1 operation") : tr("%1 operations").arg(count);
}

// "Airflow API, version 2: 110 operations, from /openapi.json"
QString CataloguePanel::summary() const
{
    return tr("%1, version %2: %3, from %4")
        .arg(m_catalogue.title(), m_catalogue.version(), operationCount(int(m_catalogue.operations().size())),
             m_source);
}

void CataloguePanel::setCatalogue(const Explorer::OpenApiCatalogue &catalogue, const QString &sourcePath)
{
    m_catalogue = catalogue;
    m_source = sourcePath;
    setMessage(summary());
    rebuild();
}

void CataloguePanel::setMessage(const QString &message)
{
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
}

QString CataloguePanel::message() const
{
    return m_status->text();
}

QTreeWidgetItem *CataloguePanel::itemOf(const QString &operationId) const
{
    for (int group = 0; group < m_tree->topLevelItemCount(); ++group) {
        QTreeWidgetItem *tag = m_tree->topLevelItem(group);
        for (int row = 0; row < tag->childCount(); ++row) {
            const int index = tag->child(row)->data(0, OperationRole).toInt();
            if (m_catalogue.operations().at(index).operationId == operationId)
                return tag->child(row);
        }
    }
    return nullptr;
}

void CataloguePanel::rebuild()
{
    m_tree->clear();
    const QList<int> found = m_catalogue.search(m_search->text());
    // Grouped under the operation's first tag, groups in alphabetical order, operations in the catalogue's
    // order (by path, then method) within each.
    QMap<QString, QList<int>> groups;
    for (const int index : found) {
        const Explorer::ApiOperation &operation = m_catalogue.operations().at(index);
        groups[operation.tags.value(0, tr("Other"))].append(index);
    }
    QList<QTreeWidgetItem *> items;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        auto *group = new QTreeWidgetItem({it.key(), operationCount(int(it.value().size()))});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        for (const int index : it.value()) {
            const Explorer::ApiOperation &operation = m_catalogue.operations().at(index);
            auto *item = new QTreeWidgetItem(
                group, {QStringLiteral("%1 %2").arg(QString::fromLatin1(operation.method), operation.path),
                        operation.summary});
            item->setData(0, OperationRole, index);
            QString tip = operation.summary;
            if (!operation.description.isEmpty() && operation.description != operation.summary)
                tip += QStringLiteral("\n\n") + operation.description.trimmed();
            tip +=
                QStringLiteral("\n\n") + tr("Operation id: %1. Double-click or Return to fill the request.")
                                             .arg(operation.operationId);
            if (operation.deprecated) {
                QFont struck = item->font(0);
                struck.setStrikeOut(true);
                item->setFont(0, struck);
                tip += QStringLiteral("\n") + tr("Deprecated.");
            }
            item->setToolTip(0, tip.trimmed());
            item->setToolTip(1, tip.trimmed());
        }
        items.append(group);
    }
    m_tree->addTopLevelItems(items);
    // Searching opens the groups that match; browsing shows the tags closed.
    if (!m_search->text().trimmed().isEmpty())
        m_tree->expandAll();
    if (!m_catalogue.isEmpty() && found.isEmpty())
        m_status->setText(tr("No operation matches \"%1\".").arg(m_search->text().trimmed()));
    else if (!m_catalogue.isEmpty())
        m_status->setText(summary());
}

} // namespace Windsock::Ui
