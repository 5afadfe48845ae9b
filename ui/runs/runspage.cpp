#include "runspage.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "dags/runstatedelegate.h"
#include "models/dagrunlistmodel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Models::DagRunListModel;

namespace {

// Typing in the DAG-id field re-queries once the typing pauses, not on every key.
constexpr int DagIdDebounceMs = 400;

} // namespace

RunsPage::RunsPage(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_model(new DagRunListModel(client, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_rangeCombo(new QComboBox(this))
    , m_dateFieldCombo(new QComboBox(this))
    , m_fromEdit(new QDateTimeEdit(this))
    , m_toEdit(new QDateTimeEdit(this))
    , m_dagIdEdit(new QLineEdit(this))
    , m_dagIdDebounce(new QTimer(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_autoRefreshCombo(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
{
    // The filter row: states, dates, DAG ids; then refreshing.
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("State:"), this));
    for (const auto &[state, label] : {std::pair{QStringLiteral("queued"), tr("Queued")},
                                       std::pair{QStringLiteral("running"), tr("Running")},
                                       std::pair{QStringLiteral("success"), tr("Success")},
                                       std::pair{QStringLiteral("failed"), tr("Failed")}}) {
        filterRow->addWidget(addStateToggle(state, label));
    }
    filterRow->addSpacing(12);

    m_dateFieldCombo->setObjectName(QStringLiteral("dateFieldCombo"));
    m_dateFieldCombo->addItem(tr("Logical date"), int(DateField::LogicalDate));
    m_dateFieldCombo->addItem(tr("Start date"), int(DateField::StartDate));
    m_dateFieldCombo->setToolTip(tr("Which date of a run the range applies to"));
    m_rangeCombo->setObjectName(QStringLiteral("dateRangeCombo"));
    m_rangeCombo->addItem(tr("Any time"), int(DateRange::AnyTime));
    m_rangeCombo->addItem(tr("Last 24 h"), int(DateRange::Last24Hours));
    m_rangeCombo->addItem(tr("Last 7 days"), int(DateRange::Last7Days));
    m_rangeCombo->addItem(tr("Custom"), int(DateRange::Custom));
    for (QDateTimeEdit *edit : {m_fromEdit, m_toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    // Until "Custom" is chosen the range shows the last day, greyed out.
    m_toEdit->setDateTime(m_now().toLocalTime());
    m_fromEdit->setDateTime(m_toEdit->dateTime().addDays(-1));
    m_fromEdit->setObjectName(QStringLiteral("dateFromEdit"));
    m_fromEdit->setToolTip(tr("From (included), in local time"));
    m_toEdit->setObjectName(QStringLiteral("dateToEdit"));
    m_toEdit->setToolTip(tr("To (included), in local time"));
    filterRow->addWidget(m_dateFieldCombo);
    filterRow->addWidget(m_rangeCombo);
    filterRow->addWidget(m_fromEdit);
    filterRow->addWidget(new QLabel(QStringLiteral("–"), this));
    filterRow->addWidget(m_toEdit);
    filterRow->addSpacing(12);

    m_dagIdEdit->setObjectName(QStringLiteral("dagIdFilter"));
    m_dagIdEdit->setPlaceholderText(tr("DAG ids, comma-separated"));
    m_dagIdEdit->setToolTip(tr("Only the runs of these DAGs (exact ids); empty for every DAG"));
    m_dagIdEdit->setClearButtonEnabled(true);
    filterRow->addWidget(m_dagIdEdit, 1);

    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setToolTip(tr("Read the loaded runs again (F5)"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    m_autoRefreshCombo->setObjectName(QStringLiteral("autoRefreshCombo"));
    m_autoRefreshCombo->setToolTip(tr("Refresh the runs on their own"));
    m_autoRefreshCombo->addItem(tr("Auto-refresh off"), 0);
    m_autoRefreshCombo->addItem(tr("Every 10 s"), 10 * 1000);
    m_autoRefreshCombo->addItem(tr("Every 30 s"), 30 * 1000);
    m_autoRefreshCombo->addItem(tr("Every minute"), 60 * 1000);
    m_autoRefreshCombo->addItem(tr("Every 5 minutes"), 5 * 60 * 1000);
    filterRow->addWidget(m_refreshButton);
    filterRow->addWidget(m_autoRefreshCombo);

    m_error->setObjectName(QStringLiteral("runsError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->setAutoFillBackground(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::Window, QColor(0xc6, 0x28, 0x28));
    errorPalette.setColor(QPalette::BrightText, Qt::white);
    m_error->setPalette(errorPalette);
    m_error->setContentsMargins(8, 4, 8, 4);
    m_error->hide();

    // A server that lists runs one DAG at a time (1.10) feeds no list here: without a source the view does
    // not ask the model for a first page (the deployment view disables this tab with the reason).
    if (client && client->dialect().supports(Api::Feature::RunsAcrossDags))
        m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DagRunListModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("runList"));
    m_view->setModel(m_proxy);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegateForColumn(DagRunListModel::State,
                                     new RunStateDelegate(m_view, DagRunListModel::StateRole));
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    header->setStretchLastSection(true);
    const QFontMetrics metrics(m_view->font());
    const auto widthFor = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    header->resizeSection(DagRunListModel::DagId, widthFor(QStringLiteral("a_rather_long_dag_id")));
    header->resizeSection(DagRunListModel::RunId, widthFor(QStringLiteral("scheduled__2025-06-01T12:00:00")));
    header->resizeSection(DagRunListModel::State, widthFor(QStringLiteral("success")));
    header->resizeSection(DagRunListModel::RunType, widthFor(QStringLiteral("scheduled")));
    for (int column : {DagRunListModel::LogicalDate, DagRunListModel::StartDate, DagRunListModel::EndDate})
        header->resizeSection(column, widthFor(QStringLiteral("2025-06-01 12:00:00")));
    header->resizeSection(DagRunListModel::Duration, widthFor(QStringLiteral("59 min 59 s")));

    m_status->setObjectName(QStringLiteral("runsStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    m_dagIdDebounce->setSingleShot(true);
    m_dagIdDebounce->setInterval(DagIdDebounceMs);
    connect(m_dagIdDebounce, &QTimer::timeout, this, &RunsPage::applyFilter);
    connect(m_dagIdEdit, &QLineEdit::textEdited, m_dagIdDebounce, qOverload<>(&QTimer::start));
    connect(m_dagIdEdit, &QLineEdit::returnPressed, this, [this] {
        m_dagIdDebounce->stop();
        applyFilter();
    });
    connect(m_rangeCombo, &QComboBox::activated, this, [this] {
        if (DateRange(m_rangeCombo->currentData().toInt()) == DateRange::Custom && !m_fromEdit->isEnabled()) {
            // A custom range starts as the last day, for the user to change.
            const QDateTime now = m_now().toLocalTime();
            m_toEdit->setDateTime(now);
            m_fromEdit->setDateTime(now.addDays(-1));
        }
        updateDateControls();
        applyFilter();
    });
    connect(m_dateFieldCombo, &QComboBox::activated, this, &RunsPage::applyFilter);
    connect(m_fromEdit, &QDateTimeEdit::editingFinished, this, &RunsPage::applyFilter);
    connect(m_toEdit, &QDateTimeEdit::editingFinished, this, &RunsPage::applyFilter);
    connect(m_refreshButton, &QPushButton::clicked, this, &RunsPage::refresh);
    connect(m_autoRefreshCombo, &QComboBox::activated, this,
            [this] { m_model->setAutoRefreshInterval(m_autoRefreshCombo->currentData().toInt()); });
    connect(header, &QHeaderView::sortIndicatorChanged, this, &RunsPage::sortRequested);
    connect(m_view, &QTableView::activated, this, &RunsPage::activate);
    connect(m_view, &QTableView::doubleClicked, this, &RunsPage::activate);

    connect(m_model, &DagRunListModel::errorOccurred, this, &RunsPage::showError);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &RunsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsPage::updateStatus);
    connect(m_model, &DagRunListModel::loadingChanged, this, &RunsPage::updateStatus);
    connect(m_model, &DagRunListModel::refreshingChanged, this, &RunsPage::updateStatus);
    connect(m_model, &DagRunListModel::totalEntriesChanged, this, &RunsPage::updateStatus);
    connect(m_model, &DagRunListModel::refreshed, this, [this] { showError({}); });

    updateDateControls();
    updateStatus();
}

RunsPage::~RunsPage() = default;

QToolButton *RunsPage::addStateToggle(const QString &state, const QString &label)
{
    auto *toggle = new QToolButton(this);
    toggle->setObjectName(QStringLiteral("stateToggle_") + state);
    toggle->setText(label);
    toggle->setCheckable(true);
    toggle->setAutoRaise(false);
    toggle->setToolTip(tr("Show %1 runs; with none pressed, runs in every state show").arg(state));
    connect(toggle, &QToolButton::toggled, this, &RunsPage::applyFilter);
    m_stateToggles.insert(state, toggle);
    return toggle;
}

QStringList RunsPage::states() const
{
    QStringList result;
    for (const QString &state : {QStringLiteral("queued"), QStringLiteral("running"),
                                 QStringLiteral("success"), QStringLiteral("failed")}) {
        if (m_stateToggles.value(state)->isChecked())
            result.append(state);
    }
    return result;
}

void RunsPage::setStates(const QStringList &states)
{
    for (auto it = m_stateToggles.cbegin(); it != m_stateToggles.cend(); ++it) {
        const QSignalBlocker blocker(it.value());
        it.value()->setChecked(states.contains(it.key()));
    }
    applyFilter();
}

void RunsPage::setDateRange(DateRange range, DateField field)
{
    m_rangeCombo->setCurrentIndex(m_rangeCombo->findData(int(range)));
    m_dateFieldCombo->setCurrentIndex(m_dateFieldCombo->findData(int(field)));
    updateDateControls();
    applyFilter();
}

void RunsPage::setCustomDateRange(const QDateTime &from, const QDateTime &to, DateField field)
{
    m_fromEdit->setDateTime(from.toLocalTime());
    m_toEdit->setDateTime(to.isValid() ? to.toLocalTime() : m_toEdit->maximumDateTime());
    setDateRange(DateRange::Custom, field);
}

void RunsPage::setDagIds(const QStringList &dagIds)
{
    m_dagIdEdit->setText(dagIds.join(QStringLiteral(", ")));
    m_dagIdDebounce->stop();
    applyFilter();
}

void RunsPage::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

void RunsPage::updateDateControls()
{
    const auto range = DateRange(m_rangeCombo->currentData().toInt());
    m_fromEdit->setEnabled(range == DateRange::Custom);
    m_toEdit->setEnabled(range == DateRange::Custom);
    m_dateFieldCombo->setEnabled(range != DateRange::AnyTime);
}

void RunsPage::applyFilter()
{
    if (!m_proxy->sourceModel())
        return; // nothing is listed on a server that cannot list runs across DAGs
    DagRunListModel::Filter filter;
    filter.states = states();
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    filter.dagIds = m_dagIdEdit->text().split(separators, Qt::SkipEmptyParts);

    QDateTime from, to;
    switch (DateRange(m_rangeCombo->currentData().toInt())) {
    case DateRange::AnyTime:
        break;
    case DateRange::Last24Hours:
        from = m_now().addDays(-1);
        break;
    case DateRange::Last7Days:
        from = m_now().addDays(-7);
        break;
    case DateRange::Custom:
        from = m_fromEdit->dateTime();
        if (m_toEdit->dateTime() < m_toEdit->maximumDateTime())
            to = m_toEdit->dateTime();
        if (to.isValid() && from > to)
            std::swap(from, to); // what a person means by a range typed backwards
        break;
    }
    if (DateField(m_dateFieldCombo->currentData().toInt()) == DateField::StartDate) {
        filter.startDateFrom = from;
        filter.startDateTo = to;
    } else {
        filter.logicalDateFrom = from;
        filter.logicalDateTo = to;
    }
    if (filter != m_model->filter())
        showError({});
    m_model->setFilter(filter);
    updateStatus();
}

void RunsPage::refresh()
{
    if (!m_proxy->sourceModel())
        return; // the server cannot list runs across DAGs
    showError({});
    // "Last 24 h" moves with the clock: a refresh asks for the range as it is now.
    const auto range = DateRange(m_rangeCombo->currentData().toInt());
    if (range == DateRange::Last24Hours || range == DateRange::Last7Days) {
        const DagRunListModel::Filter before = m_model->filter();
        applyFilter();
        if (m_model->filter() != before)
            return; // re-queried from the first page already
    }
    m_model->refresh();
}

void RunsPage::sortRequested(int column, Qt::SortOrder order)
{
    if (DagRunListModel::isServerSortable(column)) {
        m_proxy->sort(-1); // the model's (the server's) order
        m_model->sort(column, order);
    } else {
        m_proxy->sort(column, order);
    }
}

void RunsPage::activate(const QModelIndex &proxyIndex)
{
    const QModelIndex source = m_proxy->mapToSource(proxyIndex);
    if (!source.isValid())
        return;
    Q_EMIT runActivated(source.data(DagRunListModel::DagIdRole).toString(),
                        source.data(DagRunListModel::RunIdRole).toString());
}

QString RunsPage::statusText() const
{
    return m_status->text();
}

QString RunsPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RunsPage::updateStatus()
{
    const QLocale locale;
    const int loaded = m_model->rowCount();
    const int total = m_model->totalEntries();
    QString text;
    if (total < 0)
        text = m_model->isLoading() ? tr("Loading runs…") : QString();
    else if (total == 0)
        text = tr("No runs match");
    else if (loaded >= total)
        text = total == 1 ? tr("1 run") : tr("%1 runs").arg(locale.toString(total));
    else
        text = tr("%1 of %2 runs loaded").arg(locale.toString(loaded), locale.toString(total));
    if (m_model->isRefreshing())
        text += tr(" — refreshing…");
    else if (total >= 0 && m_model->isLoading())
        text += tr(" — loading more…");
    m_status->setText(text);
}

void RunsPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace Windsock::Ui
