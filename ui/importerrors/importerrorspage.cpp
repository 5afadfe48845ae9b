#include "importerrorspage.h"

#include "models/importerrormodel.h"
#include "resources/errorbanner.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Models::ImportErrorModel;

ImportErrorsPage::ImportErrorsPage(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_model(new ImportErrorModel(client, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_error(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_traceTitle(new QLabel(this))
    , m_trace(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    m_filterEdit->setObjectName(QStringLiteral("importErrorFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter by file or error text"));
    m_filterEdit->setClearButtonEnabled(true);
    m_refreshButton->setObjectName(QStringLiteral("refreshImportErrorsButton"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    m_refreshButton->setToolTip(tr("Read the import errors again (F5)"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_refreshButton);

    m_error->setObjectName(QStringLiteral("importErrorsError"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ImportErrorModel::SortRole);
    m_proxy->setFilterRole(ImportErrorModel::SearchTextRole);
    m_proxy->setFilterKeyColumn(ImportErrorModel::File);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("importErrorList"));
    m_view->setModel(m_proxy);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the server's order until a header is clicked
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    const QFontMetrics metrics(m_view->font());
    header->resizeSection(ImportErrorModel::File,
                          metrics.horizontalAdvance(QStringLiteral("/opt/airflow/dags/a_dag_file_name.py")) +
                              24);
    header->resizeSection(ImportErrorModel::Timestamp,
                          metrics.horizontalAdvance(QStringLiteral("2025-06-01 12:00:00")) + 24);

    m_traceTitle->setObjectName(QStringLiteral("stackTraceTitle"));
    m_traceTitle->setTextFormat(Qt::PlainText);
    m_traceTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trace->setObjectName(QStringLiteral("stackTraceView"));
    m_trace->setReadOnly(true);
    m_trace->setUndoRedoEnabled(false);
    m_trace->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_trace->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_trace->setPlaceholderText(tr("Select an import error to see its stack trace"));
    auto *tracePane = new QWidget(this);
    auto *traceLayout = new QVBoxLayout(tracePane);
    traceLayout->setContentsMargins(0, 0, 0, 0);
    traceLayout->addWidget(m_traceTitle);
    traceLayout->addWidget(m_trace, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(tracePane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    m_status->setObjectName(QStringLiteral("importErrorsStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &ImportErrorsPage::setFilterText);
    connect(m_refreshButton, &QPushButton::clicked, this, &ImportErrorsPage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ImportErrorsPage::showCurrent);
    // A refresh changes or removes rows in place: the trace follows the selected entry.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ImportErrorsPage::showCurrent);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ImportErrorsPage::showCurrent);
    connect(m_model, &ImportErrorModel::errorOccurred, this, &ImportErrorsPage::showError);
    connect(m_model, &ImportErrorModel::refreshed, this, [this] { showError({}); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &ImportErrorsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImportErrorsPage::updateStatus);
    connect(m_model, &ImportErrorModel::loadingChanged, this, &ImportErrorsPage::updateStatus);
    connect(m_model, &ImportErrorModel::refreshingChanged, this, &ImportErrorsPage::updateStatus);
    connect(m_model, &ImportErrorModel::totalEntriesChanged, this, &ImportErrorsPage::updateStatus);

    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    updateStatus();
    showCurrent();
}

ImportErrorsPage::~ImportErrorsPage() = default;

QString ImportErrorsPage::title() const
{
    const int n = count();
    return n > 0 ? tr("Import errors (%1)").arg(QLocale().toString(n)) : tr("Import errors");
}

int ImportErrorsPage::count() const
{
    return m_model->totalEntries();
}

QString ImportErrorsPage::statusText() const
{
    return m_status->text();
}

QString ImportErrorsPage::errorText() const
{
    return m_error->message();
}

void ImportErrorsPage::refresh()
{
    showError({});
    m_model->refresh();
    updateStatus();
}

void ImportErrorsPage::setFilterText(const QString &text)
{
    if (m_filterEdit->text() != text)
        m_filterEdit->setText(text); // comes back here through textChanged
    m_proxy->setFilterFixedString(text.trimmed());
    updateStatus();
    showCurrent();
}

void ImportErrorsPage::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_traceTitle->setText(tr("No import error selected"));
        m_trace->clear();
        return;
    }
    const QString file = current.siblingAtColumn(ImportErrorModel::File).data().toString();
    const QString time = current.siblingAtColumn(ImportErrorModel::Timestamp).data().toString();
    m_traceTitle->setText(time.isEmpty() ? file : tr("%1 — %2").arg(file, time));
    const QString trace = current.data(ImportErrorModel::StackTraceRole).toString();
    if (m_trace->toPlainText() != trace)
        m_trace->setPlainText(trace);
}

void ImportErrorsPage::updateStatus()
{
    const int total = m_model->totalEntries();
    const int loaded = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    QString text;
    if (total < 0)
        text = m_model->isLoading() ? tr("Loading import errors…") : QString();
    else if (total == 0)
        text = tr("No import errors: every DAG file was imported");
    else if (shown != loaded)
        text = tr("%1 of %2 shown").arg(QLocale().toString(shown), QLocale().toString(total));
    else
        text = total == 1 ? tr("1 import error") : tr("%1 import errors").arg(QLocale().toString(total));
    if (m_model->isRefreshing())
        text += tr(" — refreshing…");
    m_status->setText(text);
    if (total != m_lastCount) {
        m_lastCount = total;
        Q_EMIT countChanged(total);
        Q_EMIT titleChanged(title());
    }
}

void ImportErrorsPage::showError(const QString &message)
{
    m_error->setMessage(message);
}

} // namespace Windsock::Ui
