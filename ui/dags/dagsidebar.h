#pragma once

#include <QColor>
#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTimer;
class QTreeView;

namespace Windsock::Models {
class DagModel;
class DagSortFilterProxyModel;
} // namespace Windsock::Models

namespace Windsock::Ui {

// The left side of the main window: the deployment's name, a filter line and the tree of DAGs.
//
// The tree sorts by clicking a header and fills page by page through the model's canFetchMore()/fetchMore()
// (QTreeView asks for the next page after each layout, so the list completes while the user reads it). The
// filter narrows the loaded DAGs as the user types (DAG id, owners, tags); a moment after the last key it
// also asks the server for DAG ids containing the text, so DAGs on pages not loaded yet are found at once.
// The Paused column is a check box that pauses and unpauses through the model.
class DagSidebar final : public QWidget
{
    Q_OBJECT

public:
    explicit DagSidebar(Models::DagModel *model, QWidget *parent = nullptr);

    void setDeployment(const QString &name, const QString &detail);
    // The profile's colour as a swatch before the name; invalid = none.
    void setDeploymentColour(const QColor &colour);
    // Actions offered in the tree's context menu (Pause, Unpause, Copy DAG id), owned by the caller.
    void setDagActions(const QList<QAction *> &actions);

    QTreeView *dagTree() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }
    Models::DagSortFilterProxyModel *proxyModel() const { return m_proxy; }
    QString currentDagId() const;
    QStringList selectedDagIds() const;
    // Whether any selected DAG is paused / active: for enabling Unpause / Pause.
    bool selectionHasPaused(bool paused) const;

public Q_SLOTS:
    void focusFilter();
    void pauseSelected();
    void unpauseSelected();
    void copySelectedDagIds();

Q_SIGNALS:
    void currentDagChanged(const QString &dagId);
    void selectionChanged();

private:
    void setSelectedPaused(bool paused);
    void searchServer();
    void updateFooter();
    void selectFirstDagOnce();
    void configureColumns();

    Models::DagModel *m_model;
    Models::DagSortFilterProxyModel *m_proxy;
    QLabel *m_deploymentColour;
    QLabel *m_deploymentName;
    QLabel *m_deploymentDetail;
    QLineEdit *m_filter;
    QTreeView *m_tree;
    QLabel *m_footer;
    QTimer *m_searchDebounce;
    bool m_selectedFirst = false;
};

} // namespace Windsock::Ui
