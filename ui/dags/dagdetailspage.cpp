#include "dagdetailspage.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "models/dagmodel.h"
#include "runstatedelegate.h"
#include "statecolors.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

QString formatDateTime(const QDateTime &dateTime,
                       const QString &format = QStringLiteral("yyyy-MM-dd HH:mm:ss"))
{
    return dateTime.isValid() ? dateTime.toLocalTime().toString(format) : QString();
}

// In the run list, where the width goes to the run id: to the minute; the tooltip has the seconds.
QString formatListDateTime(const QDateTime &dateTime)
{
    return formatDateTime(dateTime, QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 60)
        return DagDetailsPage::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return DagDetailsPage::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return DagDetailsPage::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

// Airflow 2 sends pendulum's repr, "Timezone('Europe/Paris')": the name is what a person wants to read.
QString timezoneName(const QString &timezone)
{
    const QLatin1String prefix("Timezone('");
    const QLatin1String suffix("')");
    if (timezone.startsWith(prefix) && timezone.endsWith(suffix))
        return timezone.mid(prefix.size(), timezone.size() - prefix.size() - suffix.size());
    return timezone;
}

QString orNone(const QString &text)
{
    return text.isEmpty() ? DagDetailsPage::tr("—") : text;
}

} // namespace

DagDetailsPage::DagDetailsPage(Api::AirflowClient *client, Models::DagModel *model, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(model)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(tr("Select a DAG to see its details and recent runs."), this))
    , m_title(new QLabel(this))
    , m_pausedBadge(new QLabel(this))
    , m_description(new QLabel(this))
    , m_unavailable(new QLabel(this))
    , m_form(new QFormLayout)
    , m_runsHeading(new QLabel(tr("Recent runs"), this))
    , m_runs(new QTreeWidget(this))
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setWordWrap(true);

    auto *content = new QWidget(this);
    m_title->setObjectName(QStringLiteral("dagTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    m_title->setFont(titleFont);
    m_pausedBadge->setObjectName(QStringLiteral("dagPausedState"));
    QFont badgeFont = m_pausedBadge->font();
    badgeFont.setBold(true);
    m_pausedBadge->setFont(badgeFont);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_pausedBadge);
    titleRow->addStretch(1);

    m_description->setObjectName(QStringLiteral("dagDescription"));
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_unavailable->setObjectName(QStringLiteral("dagDetailsUnavailable"));
    m_unavailable->setWordWrap(true);
    m_unavailable->setTextFormat(Qt::PlainText);
    m_unavailable->setForegroundRole(QPalette::PlaceholderText);
    m_unavailable->hide();

    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_schedule = addField(tr("Schedule"), QStringLiteral("dagSchedule"));
    m_owners = addField(tr("Owners"), QStringLiteral("dagOwners"));
    m_tags = addField(tr("Tags"), QStringLiteral("dagTags"));
    m_nextRun = addField(tr("Next run"), QStringLiteral("dagNextRun"));
    m_timezone = addField(tr("Time zone"), QStringLiteral("dagTimezone"));
    m_file = addField(tr("File"), QStringLiteral("dagFile"));

    QFont headingFont = m_runsHeading->font();
    headingFont.setBold(true);
    m_runsHeading->setFont(headingFont);

    m_runs->setObjectName(QStringLiteral("dagRunList"));
    m_runs->setColumnCount(RunColumnCount);
    m_runs->setHeaderLabels({tr("State"), tr("Logical date"), tr("Duration"), tr("Run id")});
    m_runs->setRootIsDecorated(false);
    m_runs->setUniformRowHeights(true);
    m_runs->setAlternatingRowColors(true);
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->setItemDelegateForColumn(RunState, new RunStateDelegate(m_runs));
    QHeaderView *runHeader = m_runs->header();
    runHeader->setStretchLastSection(true);
    const QFontMetrics metrics(m_runs->font());
    const auto widthFor = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    runHeader->resizeSection(RunState, widthFor(QStringLiteral("success")));
    runHeader->resizeSection(LogicalDate, widthFor(QStringLiteral("2025-06-01 12:00")));
    runHeader->resizeSection(Duration, widthFor(QStringLiteral("59 min 59 s")));

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(12, 8, 8, 4);
    contentLayout->addLayout(titleRow);
    contentLayout->addWidget(m_description);
    contentLayout->addWidget(m_unavailable);
    contentLayout->addSpacing(4);
    contentLayout->addLayout(m_form);
    contentLayout->addSpacing(8);
    contentLayout->addWidget(m_runsHeading);
    contentLayout->addWidget(m_runs, 1);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &DagDetailsPage::followModel);
}

QLabel *DagDetailsPage::addField(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(label, value);
    return value;
}

void DagDetailsPage::showDag(const QString &dagId)
{
    m_dagId = dagId; // first: answers for the DAG shown before are dropped, even when cancelling calls them
    for (QPointer<Api::ApiCall> *call : {&m_detailsCall, &m_runsCall}) {
        if (*call)
            (*call)->cancel();
        *call = nullptr;
    }
    m_runs->clear();
    if (dagId.isEmpty()) {
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    const int row = m_model->rowOfDag(dagId);
    if (row >= 0) {
        showDagFields(m_model->dag(row));
    } else {
        Api::Dag known;
        known.dagId = dagId;
        showDagFields(known);
    }
    m_timezone->clear();
    m_stack->setCurrentIndex(1);
    refresh();
}

void DagDetailsPage::refresh()
{
    if (m_dagId.isEmpty() || !m_client)
        return;
    const QString dagId = m_dagId;
    const QString detailsReason = m_client->dialect().unavailableReason(Api::Feature::DagDetails);
    m_unavailable->setText(detailsReason);
    m_unavailable->setVisible(!detailsReason.isEmpty());
    if (!detailsReason.isEmpty() && (!m_detailsCall || m_detailsCall->isFinished())) {
        // No details on this server (1.10): the DAG itself says what is known (its id and whether it is
        // paused), and the line above the fields says why the rest is missing.
        m_detailsCall = m_client->dag(dagId, this, [this, dagId](const Api::Result<Api::Dag> &result) {
            if (dagId != m_dagId)
                return;
            if (result.ok())
                showKnownDag(result.value());
            else if (result.error().kind() == Api::ApiError::Kind::NotFound) {
                m_pausedBadge->setText(tr("Not on the server"));
                Q_EMIT errorOccurred(tr("The DAG %1 is not on the server.").arg(dagId));
            } else if (result.error().kind() != Api::ApiError::Kind::Cancelled)
                Q_EMIT errorOccurred(
                    tr("Could not read the DAG %1: %2").arg(dagId, result.error().message()));
        });
    } else if (!m_detailsCall || m_detailsCall->isFinished()) {
        m_detailsCall =
            m_client->dagDetails(dagId, this, [this, dagId](const Api::Result<Api::DagDetails> &result) {
                if (dagId != m_dagId)
                    return;
                if (result.ok())
                    showDetails(result.value());
                else if (result.error().kind() != Api::ApiError::Kind::Cancelled)
                    Q_EMIT errorOccurred(
                        tr("Could not load the details of %1: %2").arg(dagId, result.error().message()));
            });
    }
    if (!m_runsCall || m_runsCall->isFinished()) {
        Api::DagRunQuery query;
        query.dagId = dagId;
        query.limit = RecentRunCount;
        query.orderBy = QStringLiteral("-execution_date");
        m_runsCall =
            m_client->dagRuns(query, this, [this, dagId](const Api::Result<Api::Page<Api::DagRun>> &result) {
                if (dagId != m_dagId)
                    return;
                if (result.ok()) {
                    showRuns(result.value().items);
                    m_runsHeading->setText(tr("Recent runs (%1 of %2)")
                                               .arg(result.value().items.size())
                                               .arg(result.value().totalEntries));
                } else if (result.error().kind() == Api::ApiError::Kind::NotFound) {
                    Q_EMIT errorOccurred(tr("The DAG %1 is not on the server.").arg(dagId));
                } else if (result.error().kind() != Api::ApiError::Kind::Cancelled) {
                    Q_EMIT errorOccurred(
                        tr("Could not load the runs of %1: %2").arg(dagId, result.error().message()));
                }
            });
    }
}

void DagDetailsPage::showDagFields(const Api::Dag &dag)
{
    m_title->setText(dag.dagId);
    m_title->setToolTip(dag.displayName != dag.dagId ? dag.displayName : QString());
    showPauseState(dag);
    m_description->setText(dag.description);
    m_description->setVisible(!dag.description.isEmpty());
    const QString schedule = dag.schedule.isEmpty() ? tr("None") : dag.schedule;
    m_schedule->setText(dag.timetableDescription.isEmpty() || dag.timetableDescription == schedule
                            ? schedule
                            : tr("%1 (%2)").arg(schedule, dag.timetableDescription));
    m_owners->setText(orNone(dag.owners.join(QStringLiteral(", "))));
    m_tags->setText(orNone(dag.tags.join(QStringLiteral(", "))));
    m_file->setText(orNone(dag.fileloc));
}

void DagDetailsPage::showDetails(const Api::DagDetails &details)
{
    // The list's copy may be newer about pausing (a click in flight); the details bring the rest.
    Api::Dag dag = details.dag;
    const int row = m_model->rowOfDag(dag.dagId);
    if (row >= 0)
        dag.isPaused = m_model->dag(row).isPaused;
    showDagFields(dag);
    m_timezone->setText(orNone(timezoneName(details.timezone)));
}

void DagDetailsPage::showKnownDag(const Api::Dag &dag)
{
    // What the list holds may be newer about pausing (a click in flight).
    Api::Dag known = dag;
    const int row = m_model->rowOfDag(dag.dagId);
    if (row >= 0)
        known.isPaused = m_model->dag(row).isPaused;
    showDagFields(known);
    const QString unknown = tr("not given by this server");
    for (QLabel *field : {m_schedule, m_owners, m_tags, m_timezone, m_file}) {
        if (field->text().isEmpty() || field->text() == orNone(QString()) || field->text() == tr("None"))
            field->setText(unknown);
    }
    if (!known.nextDagrun.isValid())
        m_nextRun->setText(unknown);
}

void DagDetailsPage::showRuns(const QList<Api::DagRun> &runs)
{
    m_runs->clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(runs.size());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Api::DagRun &run : runs) {
        auto *item = new QTreeWidgetItem;
        item->setText(RunId, run.dagRunId);
        // The run id starts with its type (scheduled__, manual__, backfill__): the rest goes to the tooltip.
        QString runToolTip = tr("%1\nType: %2").arg(run.dagRunId, run.runType);
        if (!run.note.isEmpty())
            runToolTip += QLatin1Char('\n') + tr("Note: %1").arg(run.note);
        item->setToolTip(RunId, runToolTip);
        item->setText(RunState, run.state);
        item->setText(LogicalDate, formatListDateTime(run.logicalDate));
        item->setToolTip(LogicalDate, formatDateTime(run.logicalDate));
        // A run that ended without an end date (1.10 never gives one) has no duration to show.
        const bool ended = run.state == QLatin1String("success") || run.state == QLatin1String("failed");
        if (run.startDate.isValid() && (run.endDate.isValid() || !ended)) {
            const QDateTime end = run.endDate.isValid() ? run.endDate : now;
            item->setText(Duration, formatDuration(qMax<qint64>(0, run.startDate.secsTo(end))));
            item->setToolTip(Duration,
                             run.endDate.isValid()
                                 ? tr("Started %1, ended %2")
                                       .arg(formatDateTime(run.startDate), formatDateTime(run.endDate))
                                 : tr("Started %1, still going").arg(formatDateTime(run.startDate)));
        }
        items.append(item);
    }
    m_runs->addTopLevelItems(items);
    if (runs.isEmpty())
        m_runsHeading->setText(tr("No runs yet"));
}

void DagDetailsPage::followModel(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const int row = m_model->rowOfDag(m_dagId);
    if (row < topLeft.row() || row > bottomRight.row() || topLeft.parent().isValid())
        return;
    showPauseState(m_model->dag(row));
}

void DagDetailsPage::showPauseState(const Api::Dag &dag)
{
    m_pausedBadge->setText(dag.isPaused ? tr("Paused") : tr("Active"));
    QPalette badgePalette = m_pausedBadge->palette();
    badgePalette.setColor(
        QPalette::WindowText,
        StateColors::forRunState(dag.isPaused ? QStringLiteral("queued") : QStringLiteral("success"),
                                 palette()));
    m_pausedBadge->setPalette(badgePalette);
    m_nextRun->setText(dag.nextDagrun.isValid() ? formatDateTime(dag.nextDagrun)
                                                : (dag.isPaused ? tr("None while paused") : tr("None")));
}

} // namespace Windsock::Ui
