#include "jsontreepanel.h"

#include "explorer/jsonsearch.h"
#include "models/jsontreemodel.h"

#include <QAction>
#include <QClipboard>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Windsock::Ui {

namespace {
// Expand all opens every row of a document up to this many values; a larger one opens its first levels
// only (a 20 MB answer has a million rows: a person cannot read them opened anyway).
constexpr int MaxExpandedValues = 20000;
constexpr int ShallowExpandDepth = 2;

// Members and elements of a document, counted until limit.
int countValues(const QJsonValue &value, int limit)
{
    int count = 1;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end() && count < limit; ++it)
            count += countValues(it.value(), limit - count);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size() && count < limit; ++i)
            count += countValues(array.at(i), limit - count);
    }
    return count;
}
} // namespace

JsonTreePanel::JsonTreePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new Models::JsonTreeModel(this))
    , m_search(new Explorer::JsonSearch(this))
    , m_searchEdit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_matchLabel(new QLabel(this))
    , m_expandAll(new QToolButton(this))
    , m_collapseAll(new QToolButton(this))
    , m_view(new QTreeView(this))
    , m_copyPath(new QAction(tr("Copy &Path"), this))
    , m_copyValue(new QAction(tr("Copy &Value"), this))
{
    m_searchEdit->setObjectName(QStringLiteral("responseSearch"));
    m_searchEdit->setPlaceholderText(tr("Find in keys and values (Return: next, Shift+Return: previous)"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->installEventFilter(this);
    m_previous->setObjectName(QStringLiteral("previousMatch"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next->setObjectName(QStringLiteral("nextMatch"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (F3)"));
    m_matchLabel->setObjectName(QStringLiteral("matchCount"));
    m_expandAll->setObjectName(QStringLiteral("expandAll"));
    m_expandAll->setText(tr("Expand All"));
    m_collapseAll->setObjectName(QStringLiteral("collapseAll"));
    m_collapseAll->setText(tr("Collapse All"));

    m_view->setObjectName(QStringLiteral("responseTree"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true); // a million rows scroll smoothly only with uniform heights
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->resizeSection(Models::JsonTreeModel::Key, 260);
    m_view->header()->resizeSection(Models::JsonTreeModel::Value, 420);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_copyPath->setObjectName(QStringLiteral("copyJsonPath"));
    // No Ctrl+Shift+C: the window's Copy DAG id has it, and two owners would make it do nothing.
    m_copyValue->setObjectName(QStringLiteral("copyJsonValue"));
    m_copyValue->setShortcut(QKeySequence::Copy);
    m_copyValue->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_copyPath);
    m_view->addAction(m_copyValue);

    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(0, 0, 0, 0);
    searchRow->addWidget(m_searchEdit, 1);
    searchRow->addWidget(m_previous);
    searchRow->addWidget(m_next);
    searchRow->addWidget(m_matchLabel);
    searchRow->addSpacing(12);
    searchRow->addWidget(m_expandAll);
    searchRow->addWidget(m_collapseAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(searchRow);
    layout->addWidget(m_view, 1);

    auto *next = new QAction(this);
    next->setShortcut(QKeySequence::FindNext);
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(next);
    auto *previous = new QAction(this);
    previous->setShortcut(QKeySequence::FindPrevious);
    previous->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(previous);

    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(250);
    connect(&m_searchDebounce, &QTimer::timeout, this, &JsonTreePanel::startSearch);
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this] { m_searchDebounce.start(); });
    connect(m_next, &QToolButton::clicked, this, &JsonTreePanel::findNext);
    connect(m_previous, &QToolButton::clicked, this, &JsonTreePanel::findPrevious);
    connect(next, &QAction::triggered, this, &JsonTreePanel::findNext);
    connect(previous, &QAction::triggered, this, &JsonTreePanel::findPrevious);
    connect(m_expandAll, &QToolButton::clicked, this, &JsonTreePanel::expandAll);
    connect(m_collapseAll, &QToolButton::clicked, this, &JsonTreePanel::collapseAll);
    connect(m_search, &Explorer::JsonSearch::found, this, [this](const QStringList &paths, bool truncated) {
        m_matches = paths;
        m_truncated = truncated;
        m_currentMatch = -1;
        updateMatchLabel();
        const Jump jump = m_pendingJump;
        m_pendingJump = Jump::None;
        if (jump != Jump::None)
            find(jump == Jump::Forward);
    });
    connect(m_copyPath, &QAction::triggered, this, [this] {
        const QString path = currentPath();
        if (path.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(path);
        Q_EMIT notice(tr("Copied %1").arg(path));
    });
    connect(m_copyValue, &QAction::triggered, this, &JsonTreePanel::copyCurrentValue);
    updateMatchLabel();
}

JsonTreePanel::~JsonTreePanel() = default;

void JsonTreePanel::setDocument(const QJsonDocument &document)
{
    m_document = document;
    m_model->setDocument(document);
    m_matches.clear();
    m_currentMatch = -1;
    m_searchedText.clear();
    // The same words are searched for in the new answer (a person checks one value across sends).
    if (!m_searchEdit->text().isEmpty())
        startSearch();
    updateMatchLabel();
}

void JsonTreePanel::clear()
{
    setDocument({});
}

QString JsonTreePanel::currentPath() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? m_model->pathOf(index) : QString();
}

QString JsonTreePanel::currentValueText() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? m_model->valueText(index) : QString();
}

void JsonTreePanel::copyCurrentValue()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const QString path = currentPath();
    // A big container's text takes a while to write (about 0.35 s for 29 MB): a worker writes it, and the
    // clipboard gets it when it is ready. Small values are copied at once.
    const int children = index.siblingAtColumn(0).data(Models::JsonTreeModel::ChildCountRole).toInt();
    if (children < LargeContainer) {
        QGuiApplication::clipboard()->setText(currentValueText());
        Q_EMIT notice(tr("Copied the value of %1").arg(path));
        return;
    }
    Q_EMIT notice(tr("Copying the value of %1…").arg(path));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        QGuiApplication::clipboard()->setText(watcher->result());
        Q_EMIT notice(tr("Copied the value of %1").arg(path));
    });
    watcher->setFuture(QtConcurrent::run(&Models::JsonTreeModel::textOf, m_model->valueAt(index)));
}

bool JsonTreePanel::isSearching() const
{
    return m_searchDebounce.isActive() || m_search->isRunning();
}

void JsonTreePanel::findNext()
{
    find(true);
}

void JsonTreePanel::findPrevious()
{
    find(false);
}

void JsonTreePanel::expandAll()
{
    if (m_document.isNull())
        return;
    const QJsonValue top =
        m_document.isObject() ? QJsonValue(m_document.object()) : QJsonValue(m_document.array());
    if (countValues(top, MaxExpandedValues + 1) <= MaxExpandedValues) {
        m_view->expandAll();
        return;
    }
    m_view->expandToDepth(ShallowExpandDepth - 1);
    Q_EMIT notice(tr("This answer is too large to open every row: its first %1 levels are open.")
                      .arg(ShallowExpandDepth));
}

void JsonTreePanel::collapseAll()
{
    m_view->collapseAll();
}

void JsonTreePanel::startSearch()
{
    m_searchDebounce.stop();
    m_searchedText = m_searchEdit->text();
    m_matches.clear();
    m_currentMatch = -1;
    m_search->start(m_document, m_searchedText, Qt::CaseInsensitive);
    updateMatchLabel();
}

void JsonTreePanel::find(bool forward)
{
    if (m_searchEdit->text().isEmpty())
        return;
    if (m_searchEdit->text() != m_searchedText || m_searchDebounce.isActive())
        startSearch();
    if (m_search->isRunning()) {
        m_pendingJump = forward ? Jump::Forward : Jump::Backward; // shown when the search finishes
        return;
    }
    if (m_matches.isEmpty()) {
        updateMatchLabel();
        return;
    }
    const int count = int(m_matches.size());
    int index = m_currentMatch;
    if (index < 0)
        index = forward ? 0 : count - 1;
    else
        index = forward ? (index + 1) % count : (index - 1 + count) % count;
    showMatch(index);
}

void JsonTreePanel::showMatch(int index)
{
    m_currentMatch = index;
    const QModelIndex row = m_model->indexForPath(m_matches.at(index));
    if (row.isValid()) {
        for (QModelIndex parent = row.parent(); parent.isValid(); parent = parent.parent())
            m_view->expand(parent);
        m_view->setCurrentIndex(row);
        m_view->scrollTo(row, QAbstractItemView::PositionAtCenter);
    }
    updateMatchLabel();
}

void JsonTreePanel::updateMatchLabel()
{
    const QString more = m_truncated ? QStringLiteral("+") : QString();
    if (m_searchEdit->text().isEmpty())
        m_matchLabel->clear();
    else if (isSearching())
        m_matchLabel->setText(tr("Searching…"));
    else if (m_matches.isEmpty())
        m_matchLabel->setText(tr("No matches"));
    else if (m_currentMatch >= 0)
        m_matchLabel->setText(tr("%L1 of %L2%3").arg(m_currentMatch + 1).arg(m_matches.size()).arg(more));
    else
        m_matchLabel->setText(tr("%L1%2 matches").arg(m_matches.size()).arg(more));
}

bool JsonTreePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_searchEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            find(!(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Windsock::Ui
