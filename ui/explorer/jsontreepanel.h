#pragma once

#include <QJsonDocument>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace Windsock::Models {
class JsonTreeModel;
}
namespace Windsock::Explorer {
class JsonSearch;
}

namespace Windsock::Ui {

// A JSON response as a tree (key, value, type), with a search row: the text is looked for in keys and values
// on a worker thread, Return / F3 and Shift+Return / Shift+F3 go to the next and previous match (opening the
// tree down to it), and the row says "3 of 41". Expand all, Collapse all, and Copy path / Copy value on the
// context menu (and Ctrl+C copies the value). Rows are created lazily by the model: a 20 MB answer shows its
// top level at once.
class JsonTreePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit JsonTreePanel(QWidget *parent = nullptr);
    ~JsonTreePanel() override;

    void setDocument(const QJsonDocument &document);
    void clear();

    // The JSONPath of the current row ("$.dags[0].dag_id"); "" when none.
    QString currentPath() const;
    QString currentValueText() const;
    // The matches of the last finished search (paths), and the one shown (-1 for none).
    const QStringList &matches() const { return m_matches; }
    int currentMatch() const { return m_currentMatch; }
    bool isSearching() const;

    QLineEdit *searchEdit() const { return m_searchEdit; }
    QLabel *matchLabel() const { return m_matchLabel; }
    QTreeView *view() const { return m_view; }
    Models::JsonTreeModel *model() const { return m_model; }
    QAction *copyPathAction() const { return m_copyPath; }
    QAction *copyValueAction() const { return m_copyValue; }

public Q_SLOTS:
    void findNext();
    void findPrevious();
    void expandAll();
    void collapseAll();

Q_SIGNALS:
    // "Copied $.dags[0].dag_id": for the page's notice line.
    void notice(const QString &message);

private:
    // Containers with this many members or more are written out on a worker when copied.
    static constexpr int LargeContainer = 5000;
    void copyCurrentValue();
    void startSearch();
    void find(bool forward);
    void showMatch(int index);
    void updateMatchLabel();
    bool eventFilter(QObject *watched, QEvent *event) override;

    enum class Jump
    {
        None,
        Forward,
        Backward
    };

    Models::JsonTreeModel *m_model;
    Explorer::JsonSearch *m_search;
    QJsonDocument m_document;
    QStringList m_matches;
    bool m_truncated = false;
    int m_currentMatch = -1;
    QString m_searchedText;
    Jump m_pendingJump = Jump::None;
    QTimer m_searchDebounce;
    QLineEdit *m_searchEdit;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_matchLabel;
    QToolButton *m_expandAll;
    QToolButton *m_collapseAll;
    QTreeView *m_view;
    QAction *m_copyPath;
    QAction *m_copyValue;
};

} // namespace Windsock::Ui
