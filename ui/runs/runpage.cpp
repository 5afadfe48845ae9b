#include "runpage.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "dags/statecolors.h"
#include "resources/errorbanner.h"
#include "taskinstance/noteeditor.h"
#include "taskinstance/pagewidgets.h"
#include "taskinstance/timetext.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

constexpr int TaskInstanceRole = Qt::UserRole;

QString runTypeText(const QString &runType)
{
    if (runType == QLatin1String("manual"))
        return RunPage::tr("Manual");
    if (runType == QLatin1String("scheduled"))
        return RunPage::tr("Scheduled");
    if (runType == QLatin1String("backfill"))
        return RunPage::tr("Backfill");
    if (runType == QLatin1String("dataset_triggered") || runType == QLatin1String("asset_triggered"))
        return RunPage::tr("Triggered by a dataset");
    return runType;
}

} // namespace

RunPage::RunPage(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_title(new QLabel(this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_error(new ErrorBanner(this))
    , m_form(new QFormLayout)
    , m_conf(new QPlainTextEdit(this))
    , m_copyConf(new QPushButton(tr("Copy conf"), this))
    , m_note(new NoteEditor(this))
    , m_stateCounts(new QLabel(this))
    , m_tis(new QTreeWidget(this))
{
    m_title->setObjectName(QStringLiteral("runTitle"));
    m_title->setWordWrap(true); // long run ids must not widen the window
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    PageWidgets::makeHeading(m_title);
    m_refresh->setObjectName(QStringLiteral("refreshRunButton"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Read the run and its task instances again (F5)"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_refresh);

    m_error->setObjectName(QStringLiteral("runError"));

    m_state = addField(tr("State:"), QStringLiteral("runState"));
    PageWidgets::makeBold(m_state);
    m_runType = addField(tr("Run type:"), QStringLiteral("runType"));
    m_logicalDate = addField(tr("Logical date:"), QStringLiteral("runLogicalDate"));
    m_dataInterval = addField(tr("Data interval:"), QStringLiteral("runDataInterval"));
    m_start = addField(tr("Started:"), QStringLiteral("runStart"));
    m_end = addField(tr("Ended:"), QStringLiteral("runEnd"));
    m_duration = addField(tr("Duration:"), QStringLiteral("runDuration"));
    m_external = addField(tr("Triggered:"), QStringLiteral("runExternalTrigger"));

    m_conf->setObjectName(QStringLiteral("runConf"));
    m_conf->setReadOnly(true);
    m_conf->setUndoRedoEnabled(false);
    m_conf->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_conf->setMaximumHeight(m_conf->fontMetrics().lineSpacing() * 10 + 12);
    m_copyConf->setObjectName(QStringLiteral("copyConfButton"));
    m_copyConf->setToolTip(tr("Copy the conf as JSON, to trigger a run like this one"));
    auto *confBox = new QGroupBox(tr("Conf"), this);
    auto *confLayout = new QVBoxLayout(confBox);
    confLayout->addWidget(m_conf);
    confLayout->addWidget(m_copyConf, 0, Qt::AlignRight);

    auto *noteBox = new QGroupBox(tr("Note"), this);
    auto *noteLayout = new QVBoxLayout(noteBox);
    noteLayout->addWidget(m_note);

    m_stateCounts->setObjectName(QStringLiteral("stateCounts"));
    m_stateCounts->setWordWrap(true);
    m_tis->setObjectName(QStringLiteral("runTaskInstances"));
    m_tis->setRootIsDecorated(false);
    m_tis->setUniformRowHeights(true);
    m_tis->setAlternatingRowColors(true);
    m_tis->setHeaderLabels(
        {tr("Task"), tr("Map index"), tr("State"), tr("Try"), tr("Duration"), tr("Started")});
    m_tis->header()->setStretchLastSection(true);
    m_tis->header()->resizeSection(
        TaskId, m_tis->fontMetrics().horizontalAdvance(QStringLiteral("a_task_id_of_some_length")));
    auto *tiBox = new QGroupBox(tr("Task instances"), this);
    auto *tiLayout = new QVBoxLayout(tiBox);
    tiLayout->addWidget(m_stateCounts);
    tiLayout->addWidget(m_tis, 1);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addLayout(m_form);
    detailsLayout->addWidget(confBox);
    detailsLayout->addWidget(noteBox);
    detailsLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(details);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(scroll);
    splitter->addWidget(tiBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_refresh, &QPushButton::clicked, this, &RunPage::refresh);
    connect(m_copyConf, &QPushButton::clicked, this, &RunPage::copyConf);
    connect(m_note, &NoteEditor::saveRequested, this, &RunPage::saveNote);
    connect(m_tis, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activateItem(item); });
    setRun({}, {});
}

RunPage::~RunPage()
{
    ++m_generation;
    for (const QPointer<Api::ApiCall> &call : {m_runCall, m_tiCall, m_noteCall}) {
        if (call)
            call->cancel();
    }
}

QLabel *RunPage::addField(const QString &label, const QString &objectName)
{
    return PageWidgets::addField(m_form, this, label, objectName, true);
}

void RunPage::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateNoteEditable();
}

QString RunPage::notesUnavailableReason() const
{
    return m_client ? m_client->dialect().unavailableReason(Api::Feature::RunNotes) : QString();
}

void RunPage::updateNoteEditable()
{
    const QString unavailable = notesUnavailableReason();
    m_note->setUnavailableReason(unavailable);
    // A read-only profile keeps its own reason, as the run actions do; the note's place says the server's.
    if (m_readOnly)
        m_note->setEditable(false, tr("This deployment is read-only: notes cannot be changed"));
    else if (!unavailable.isEmpty())
        m_note->setEditable(false, unavailable);
    else if (!m_hasRun)
        m_note->setEditable(false, tr("No run shown"));
    else
        m_note->setEditable(true);
}

QString RunPage::errorText() const
{
    return m_error->message();
}

void RunPage::showError(const QString &message)
{
    m_error->setMessage(message);
}

void RunPage::setRun(const QString &dagId, const QString &runId)
{
    ++m_noteGeneration;
    if (m_noteCall)
        m_noteCall->cancel(); // a note typed for the run shown before must not land on it later
    m_dagId = dagId;
    m_runId = runId;
    m_hasRun = false;
    m_run = Api::DagRun();
    m_taskInstances.clear();
    m_note->cancelEditing();
    m_note->setNote({});
    m_title->setText(runId.isEmpty() ? tr("No run selected") : tr("%1 — %2").arg(dagId, runId));
    for (QLabel *label :
         {m_state, m_runType, m_logicalDate, m_dataInterval, m_start, m_end, m_duration, m_external})
        label->clear();
    m_conf->clear();
    m_copyConf->setEnabled(false);
    m_tis->clear();
    m_stateCounts->clear();
    showError({});
    updateNoteEditable();
    refresh();
}

void RunPage::refresh()
{
    ++m_generation;
    for (QPointer<Api::ApiCall> *slot : {&m_runCall, &m_tiCall}) {
        if (*slot) {
            const QPointer<Api::ApiCall> call = *slot;
            *slot = nullptr;
            call->cancel();
        }
    }
    if (m_dagId.isEmpty() || m_runId.isEmpty() || !m_client)
        return;
    showError({}); // the answers say again what is still wrong
    const quint64 generation = m_generation;
    m_runCall =
        m_client->dagRun(m_dagId, m_runId, this, [this, generation](const Api::Result<Api::DagRun> &result) {
            if (generation != m_generation)
                return;
            m_runCall = nullptr;
            if (!result.ok()) {
                if (result.error().kind() == Api::ApiError::Kind::NotFound)
                    showError(tr("The run %1 of %2 is not on the server (any more).").arg(m_runId, m_dagId));
                else if (result.error().kind() != Api::ApiError::Kind::Cancelled)
                    showError(tr("Could not read the run: %1").arg(result.error().message()));
                return;
            }
            showRun(result.value());
            Q_EMIT runChanged(m_run);
            if (!m_tiCall)
                Q_EMIT loaded();
        });
    m_loadingTaskInstances.clear();
    // A server that cannot list a run's task instances (1.10) is not asked: the list says why instead.
    if (const QString reason = m_client->dialect().unavailableReason(Api::Feature::ListTaskInstances);
        !reason.isEmpty()) {
        m_stateCounts->setText(reason);
        m_tis->setEnabled(false);
        return;
    }
    m_tis->setEnabled(true);
    if (m_taskInstances.isEmpty())
        m_stateCounts->setText(tr("Loading the task instances…"));
    requestTaskInstances(0, generation);
}

void RunPage::requestTaskInstances(int offset, quint64 generation)
{
    Api::TaskInstanceQuery query;
    query.dagId = m_dagId;
    query.dagRunId = m_runId;
    query.limit = 100;
    query.offset = offset;
    m_tiCall = m_client->taskInstances(
        query, this, [this, generation, offset](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
            if (generation != m_generation)
                return;
            m_tiCall = nullptr;
            if (!result.ok()) {
                if (result.error().kind() != Api::ApiError::Kind::Cancelled &&
                    result.error().kind() != Api::ApiError::Kind::NotFound) // said by the run's own read
                    showError(
                        tr("Could not read the run's task instances: %1").arg(result.error().message()));
                if (m_taskInstances.isEmpty())
                    m_stateCounts->clear();
                return;
            }
            const Api::Page<Api::TaskInstance> &page = result.value();
            m_loadingTaskInstances += page.items;
            const int next = offset + int(page.items.size());
            // Mapped tasks can make a run's task instances more than one page.
            if (!page.items.isEmpty() && next < page.totalEntries)
                return requestTaskInstances(next, generation);
            m_taskInstances = m_loadingTaskInstances;
            m_loadingTaskInstances.clear();
            showTaskInstances();
            if (!m_runCall && m_hasRun)
                Q_EMIT loaded();
        });
}

void RunPage::showRun(const Api::DagRun &run)
{
    m_run = run;
    m_hasRun = true;
    m_state->setText(run.state.isEmpty() ? tr("no status") : run.state);
    QPalette palette = m_state->palette();
    const QColor colour = StateColors::forRunState(run.state, this->palette());
    palette.setColor(QPalette::WindowText,
                     colour.isValid() ? colour : this->palette().color(QPalette::WindowText));
    m_state->setPalette(palette);
    m_runType->setText(runTypeText(run.runType));
    m_logicalDate->setText(TimeText::utcAndLocal(run.logicalDate));
    if (run.dataIntervalStart.isValid() || run.dataIntervalEnd.isValid())
        m_dataInterval->setText(tr("%1 → %2").arg(TimeText::utcAndLocal(run.dataIntervalStart),
                                                  TimeText::utcAndLocal(run.dataIntervalEnd)));
    else
        m_dataInterval->setText(tr("none"));
    m_start->setText(run.startDate.isValid() ? TimeText::utcAndLocal(run.startDate) : tr("not started"));
    m_end->setText(run.endDate.isValid() ? TimeText::utcAndLocal(run.endDate) : tr("not ended"));
    m_duration->setText(TimeText::span(run.startDate, run.endDate, m_now()));
    m_external->setText(run.externalTrigger ? tr("from outside the scheduler (the API, the UI or the CLI)")
                                            : tr("by the scheduler"));
    if (!run.hasConf) {
        // 1.10's API does not show a run's conf: an empty {} would be a claim, not a fact.
        m_conf->clear();
        m_conf->setPlaceholderText(tr("This server's API does not show a run's conf."));
        m_copyConf->setEnabled(false);
    } else {
        const QString conf =
            run.conf.isEmpty()
                ? QStringLiteral("{}")
                : QString::fromUtf8(QJsonDocument(run.conf).toJson(QJsonDocument::Indented)).trimmed();
        if (m_conf->toPlainText() != conf)
            m_conf->setPlainText(conf);
        m_copyConf->setEnabled(true);
    }
    m_note->setNote(run.note);
    updateNoteEditable();
}

QString RunPage::stateCounts(const QList<Api::TaskInstance> &taskInstances)
{
    if (taskInstances.isEmpty())
        return tr("No task instances yet");
    QMap<QString, int> counts;
    for (const Api::TaskInstance &ti : taskInstances)
        ++counts[ti.state.isEmpty() ? QStringLiteral("no status") : ti.state];
    static const QStringList order{
        QStringLiteral("success"), QStringLiteral("failed"),       QStringLiteral("upstream_failed"),
        QStringLiteral("running"), QStringLiteral("up_for_retry"), QStringLiteral("up_for_reschedule"),
        QStringLiteral("queued"),  QStringLiteral("scheduled"),    QStringLiteral("deferred"),
        QStringLiteral("skipped"), QStringLiteral("removed"),      QStringLiteral("restarting")};
    QStringList parts;
    for (const QString &state : order) {
        if (counts.contains(state))
            parts.append(tr("%1 %2").arg(counts.take(state)).arg(state));
    }
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts.append(tr("%1 %2").arg(it.value()).arg(it.key()));
    return parts.join(QStringLiteral(", "));
}

void RunPage::showTaskInstances()
{
    const QString selected = m_tis->currentItem() ? m_tis->currentItem()->text(TaskId) + QLatin1Char('\n') +
                                                        m_tis->currentItem()->text(MapIndex)
                                                  : QString();
    m_tis->clear();
    const QDateTime now = m_now();
    bool anyMapped = false;
    QList<QTreeWidgetItem *> items;
    for (const Api::TaskInstance &ti : std::as_const(m_taskInstances)) {
        auto *item = new QTreeWidgetItem;
        item->setText(TaskId, ti.taskId);
        item->setText(MapIndex, ti.mapIndex >= 0 ? QString::number(ti.mapIndex) : QString());
        item->setText(State, ti.state.isEmpty() ? tr("no status") : ti.state);
        const QColor colour = StateColors::forRunState(ti.state, palette());
        if (colour.isValid())
            item->setForeground(State, colour);
        // max_tries counts the retries: the task may run max_tries + 1 times.
        item->setText(Try, tr("%1 of %2").arg(ti.tryNumber).arg(qMax(ti.maxTries + 1, ti.tryNumber)));
        item->setText(Duration, TimeText::span(ti.startDate, ti.endDate, now));
        item->setText(StartDate, TimeText::local(ti.startDate));
        item->setData(TaskId, TaskInstanceRole, QVariant::fromValue(ti));
        anyMapped = anyMapped || ti.mapIndex >= 0;
        items.append(item);
    }
    m_tis->addTopLevelItems(items);
    m_tis->setColumnHidden(MapIndex, !anyMapped);
    for (QTreeWidgetItem *item : std::as_const(items)) {
        if (item->text(TaskId) + QLatin1Char('\n') + item->text(MapIndex) == selected)
            m_tis->setCurrentItem(item);
    }
    m_stateCounts->setText(stateCounts(m_taskInstances));
}

void RunPage::activateItem(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const Api::TaskInstance ti = item->data(TaskId, TaskInstanceRole).value<Api::TaskInstance>();
    Q_EMIT taskInstanceActivated(m_dagId, m_runId, ti.taskId, ti.mapIndex);
}

void RunPage::copyConf()
{
    if (m_hasRun && m_run.hasConf)
        QApplication::clipboard()->setText(m_conf->toPlainText());
}

void RunPage::saveNote(const QString &note)
{
    if (!m_client || !m_hasRun || m_readOnly || !notesUnavailableReason().isEmpty()) {
        m_note->saveFinished(false, tr("The note cannot be saved here"));
        return;
    }
    const QString dagId = m_dagId;
    const QString runId = m_runId;
    const quint64 noteGeneration = ++m_noteGeneration;
    m_noteCall = m_client->setDagRunNote(
        dagId, runId, note, this,
        [this, dagId, runId, noteGeneration](const Api::Result<Api::DagRun> &result) {
            if (noteGeneration != m_noteGeneration)
                return; // cancelled when the page moved on
            m_noteCall = nullptr;
            if (dagId != m_dagId || runId != m_runId)
                return;
            if (!result.ok()) {
                m_note->saveFinished(false, tr("The note was not saved: %1").arg(result.error().message()));
                return;
            }
            m_note->saveFinished(true, result.value().note);
            m_run.note = result.value().note;
            Q_EMIT runChanged(m_run);
        });
}

} // namespace Windsock::Ui
