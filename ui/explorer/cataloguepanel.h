#pragma once

#include "explorer/openapicatalogue.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace Windsock::Ui {

// The operations of the server's OpenAPI document, grouped by tag, with a search box (path, summary, tag,
// operation id; every word must match). Activating an operation (double-click, Return) hands it to the
// request editor; only activation does, so that browsing never replaces what is being typed. Without a
// document (1.10, or a server that does not publish one) the line above says why, and requests are typed
// by hand.
class CataloguePanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int OperationRole = Qt::UserRole + 1; // int: index into the catalogue's operations

    explicit CataloguePanel(QWidget *parent = nullptr);

    void setCatalogue(const Explorer::OpenApiCatalogue &catalogue, const QString &sourcePath);
    const Explorer::OpenApiCatalogue &catalogue() const { return m_catalogue; }
    // "Reading the server's OpenAPI document…", or why there is none.
    void setMessage(const QString &message);
    QString message() const;

    // The item of an operation id, for tests and "show in catalogue"; null when filtered out or absent.
    QTreeWidgetItem *itemOf(const QString &operationId) const;
    QLineEdit *searchEdit() const { return m_search; }
    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void operationActivated(const Windsock::Explorer::ApiOperation &operation);

private:
    static QString operationCount(int count);
    QString summary() const;
    void rebuild();

    Explorer::OpenApiCatalogue m_catalogue;
    QLineEdit *m_search;
    QLabel *m_status;
    QTreeWidget *m_tree;
    QString m_source;
};

} // namespace Windsock::Ui
