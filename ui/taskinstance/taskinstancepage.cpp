#include "taskinstancepage.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "dags/statecolors.h"
#include "logs/logviewer.h"
#include "models/xcommodel.h"
#include "noteeditor.h"
#include "pagewidgets.h"
#include "resources/errorbanner.h"
#include "timetext.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

using Models::XComModel;

namespace {

void colourState(QLabel *label, const QString &state, const QPalette &palette)
{
    QPalette labelPalette = label->palette();
    const QColor colour = StateColors::forRunState(state, palette);
    labelPalette.setColor(QPalette::WindowText,
                          colour.isValid() ? colour : palette.color(QPalette::WindowText));
    label->setPalette(labelPalette);
}

} // namespace

TaskInstancePage::TaskInstancePage(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_title(new QLabel(this))
    , m_openRun(new QPushButton(tr("Open &run"), this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_error(new ErrorBanner(this))
    , m_form(new QFormLayout)
    , m_note(new NoteEditor(this))
    , m_tabs(new QTabWidget(this))
    , m_log(new LogViewer(client, this))
    , m_xcoms(new XComModel(client, this))
    , m_xcomView(new QTableView(this))
    , m_xcomTitle(new QLabel(this))
    , m_xcomValue(new QPlainTextEdit(this))
    , m_copyValue(new QPushButton(tr("&Copy value"), this))
    , m_triesMessage(new QLabel(this))
    , m_triesList(new QTreeWidget(this))
{
    m_title->setObjectName(QStringLiteral("taskInstanceTitle"));
    m_title->setWordWrap(true); // long run ids must not widen the window
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    PageWidgets::makeHeading(m_title);
    m_openRun->setObjectName(QStringLiteral("openRunButton"));
    m_openRun->setToolTip(tr("Show the run this task instance belongs to"));
    m_refresh->setObjectName(QStringLiteral("refreshTaskInstanceButton"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Read the task instance, its tries and XComs again (F5)"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_openRun);
    top->addWidget(m_refresh);

    m_error->setObjectName(QStringLiteral("taskInstanceError"));

    // The fields in two columns of a form each: they are many and short.
    m_state = addField(tr("State:"), QStringLiteral("tiState"));
    PageWidgets::makeBold(m_state);
    m_try = addField(tr("Try:"), QStringLiteral("tiTry"));
    m_operator = addField(tr("Operator:"), QStringLiteral("tiOperator"));
    m_pool = addField(tr("Pool:"), QStringLiteral("tiPool"));
    m_queue = addField(tr("Queue:"), QStringLiteral("tiQueue"));
    QFormLayout *left = m_form;
    m_form = new QFormLayout;
    m_hostname = addField(tr("Host:"), QStringLiteral("tiHostname"));
    m_start = addField(tr("Started:"), QStringLiteral("tiStart"));
    m_end = addField(tr("Ended:"), QStringLiteral("tiEnd"));
    m_duration = addField(tr("Duration:"), QStringLiteral("tiDuration"));
    m_mapIndexLabel = addField(tr("Map index:"), QStringLiteral("tiMapIndex"));
    auto *fields = new QHBoxLayout;
    fields->addLayout(left, 1);
    fields->addLayout(m_form, 1);

    // XComs: the list above, the selected value below.
    m_xcomView->setObjectName(QStringLiteral("xcomList"));
    m_xcomView->setModel(m_xcoms);
    m_xcomView->setShowGrid(false);
    m_xcomView->setWordWrap(false);
    m_xcomView->verticalHeader()->hide();
    m_xcomView->setAlternatingRowColors(true);
    m_xcomView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_xcomView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_xcomView->horizontalHeader()->setStretchLastSection(true);
    m_xcomView->horizontalHeader()->resizeSection(
        XComModel::Key,
        m_xcomView->fontMetrics().horizontalAdvance(QStringLiteral("return_value_of_some")) + 24);
    m_xcomView->horizontalHeader()->resizeSection(
        XComModel::Timestamp,
        m_xcomView->fontMetrics().horizontalAdvance(QStringLiteral("2025-06-01 12:00:00")) + 24);
    m_xcomTitle->setObjectName(QStringLiteral("xcomValueTitle"));
    m_xcomTitle->setTextFormat(Qt::PlainText);
    m_xcomValue->setObjectName(QStringLiteral("xcomValue"));
    m_xcomValue->setReadOnly(true);
    m_xcomValue->setUndoRedoEnabled(false);
    m_xcomValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_xcomValue->setPlaceholderText(tr("Select an XCom to see its value"));
    m_copyValue->setObjectName(QStringLiteral("copyXComValueButton"));
    m_copyValue->setEnabled(false);
    auto *valuePane = new QWidget(this);
    auto *valueLayout = new QVBoxLayout(valuePane);
    valueLayout->setContentsMargins(0, 0, 0, 0);
    auto *valueTop = new QHBoxLayout;
    valueTop->addWidget(m_xcomTitle, 1);
    valueTop->addWidget(m_copyValue);
    valueLayout->addLayout(valueTop);
    valueLayout->addWidget(m_xcomValue, 1);
    auto *xcomSplitter = new QSplitter(Qt::Vertical, this);
    xcomSplitter->addWidget(m_xcomView);
    xcomSplitter->addWidget(valuePane);
    xcomSplitter->setStretchFactor(1, 2);

    // Tries.
    m_triesMessage->setObjectName(QStringLiteral("triesMessage"));
    m_triesMessage->setWordWrap(true);
    m_triesMessage->setForegroundRole(QPalette::PlaceholderText);
    m_triesMessage->setText(tr("Activate a try (double-click or Enter) to read its log."));
    m_triesList->setObjectName(QStringLiteral("triesList"));
    m_triesList->setRootIsDecorated(false);
    m_triesList->setUniformRowHeights(true);
    m_triesList->setAlternatingRowColors(true);
    m_triesList->setHeaderLabels(
        {tr("Try"), tr("State"), tr("Started"), tr("Ended"), tr("Duration"), tr("Host")});
    m_triesList->header()->setStretchLastSection(true);
    auto *triesPane = new QWidget(this);
    auto *triesLayout = new QVBoxLayout(triesPane);
    triesLayout->addWidget(m_triesMessage);
    triesLayout->addWidget(m_triesList, 1);

    m_log->setObjectName(QStringLiteral("taskInstanceLog"));
    m_tabs->setObjectName(QStringLiteral("taskInstanceTabs"));
    m_tabs->insertTab(LogTab, m_log, tr("&Log"));
    m_tabs->insertTab(XComTab, xcomSplitter, tr("&XComs"));
    m_tabs->insertTab(TriesTab, triesPane, tr("T&ries"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addLayout(fields);
    layout->addWidget(m_note);
    layout->addWidget(m_tabs, 1);

    connect(m_refresh, &QPushButton::clicked, this, &TaskInstancePage::refresh);
    connect(m_openRun, &QPushButton::clicked, this, [this] {
        if (!m_runId.isEmpty())
            Q_EMIT runActivated(m_dagId, m_runId);
    });
    connect(m_note, &NoteEditor::saveRequested, this, &TaskInstancePage::saveNote);
    connect(m_xcomView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TaskInstancePage::showCurrentXCom);
    connect(m_xcoms, &QAbstractItemModel::modelReset, this, &TaskInstancePage::showCurrentXCom);
    connect(m_xcoms, &XComModel::valueLoaded, this, &TaskInstancePage::onXComValueLoaded);
    connect(m_xcoms, &XComModel::valueFailed, this, &TaskInstancePage::onXComValueFailed);
    connect(m_xcoms, &XComModel::errorOccurred, this,
            [this](const QString &message) { m_xcomTitle->setText(message); });
    connect(m_copyValue, &QPushButton::clicked, this, &TaskInstancePage::copyXComValue);
    connect(m_triesList, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item)
            showTry(item->data(TryNumber, Qt::UserRole).toInt());
    });
    gateTabs();
    setTaskInstance({}, {}, {});
}

QString TaskInstancePage::unavailableReason(Api::Feature feature) const
{
    return m_client ? m_client->dialect().unavailableReason(feature) : QString();
}

void TaskInstancePage::gateTabs()
{
    // What the server cannot show is disabled with its reason, and never asked for (a 2.4 server has no
    // /tries, 1.10 has no logs or XComs either).
    const QList<QPair<Tab, Api::Feature>> gates{{LogTab, Api::Feature::TaskLogs},
                                                {XComTab, Api::Feature::XComs},
                                                {TriesTab, Api::Feature::TaskInstanceTries}};
    int firstEnabled = -1;
    for (const auto &[tab, feature] : gates) {
        const QString reason = unavailableReason(feature);
        m_tabs->setTabEnabled(tab, reason.isEmpty());
        m_tabs->setTabToolTip(tab, reason);
        if (reason.isEmpty() && firstEnabled < 0)
            firstEnabled = tab;
    }
    if (const QString reason = unavailableReason(Api::Feature::TaskInstanceTries); !reason.isEmpty())
        m_triesMessage->setText(reason);
    if (const QString reason = unavailableReason(Api::Feature::XComs); !reason.isEmpty())
        m_xcomTitle->setText(reason);
    if (firstEnabled >= 0)
        m_tabs->setCurrentIndex(firstEnabled);
}

TaskInstancePage::~TaskInstancePage()
{
    ++m_generation;
    for (const QPointer<Api::ApiCall> &call : {m_tiCall, m_triesCall, m_noteCall}) {
        if (call)
            call->cancel();
    }
}

QLabel *TaskInstancePage::addField(const QString &label, const QString &objectName)
{
    return PageWidgets::addField(m_form, this, label, objectName);
}

QString TaskInstancePage::errorText() const
{
    return m_error->message();
}

void TaskInstancePage::showError(const QString &message)
{
    m_error->setMessage(message);
}

void TaskInstancePage::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateNoteEditable();
}

void TaskInstancePage::updateNoteEditable()
{
    const QString unavailable = unavailableReason(Api::Feature::TaskInstanceNotes);
    m_note->setUnavailableReason(unavailable);
    // A read-only profile keeps its own reason, as the run actions do; the note's place says the server's.
    if (m_readOnly)
        m_note->setEditable(false, tr("This deployment is read-only: notes cannot be changed"));
    else if (!unavailable.isEmpty())
        m_note->setEditable(false, unavailable);
    else if (!m_hasTaskInstance)
        m_note->setEditable(false, tr("No task instance shown"));
    else if (m_mapIndex >= 0)
        m_note->setEditable(false, tr("Notes of mapped task instances are not supported yet"));
    else
        m_note->setEditable(true);
}

void TaskInstancePage::setTaskInstance(const QString &dagId, const QString &runId, const QString &taskId,
                                       int mapIndex)
{
    ++m_noteGeneration;
    if (m_noteCall)
        m_noteCall->cancel(); // a note typed for the task instance shown before must not land on it later
    m_dagId = dagId;
    m_runId = runId;
    m_taskId = taskId;
    m_mapIndex = mapIndex;
    m_hasTaskInstance = false;
    m_taskInstance = Api::TaskInstance();
    m_tries.clear();
    m_triesSupported = true;
    m_note->cancelEditing();
    m_note->setNote({});
    const bool none = taskId.isEmpty();
    m_title->setText(none            ? tr("No task instance selected")
                     : mapIndex >= 0 ? tr("%1 [%2] — %3 — %4").arg(taskId).arg(mapIndex).arg(runId, dagId)
                                     : tr("%1 — %2 — %3").arg(taskId, runId, dagId));
    for (QLabel *label : {m_state, m_try, m_operator, m_pool, m_queue, m_hostname, m_start, m_end, m_duration,
                          m_mapIndexLabel})
        label->clear();
    m_openRun->setEnabled(!none);
    m_triesList->clear();
    m_log->setEnabled(false);
    if (unavailableReason(Api::Feature::XComs).isEmpty())
        m_xcoms->setTaskInstance(dagId, runId, taskId);
    showError({});
    updateNoteEditable();
    refresh();
}

void TaskInstancePage::refresh()
{
    ++m_generation;
    for (QPointer<Api::ApiCall> *slot : {&m_tiCall, &m_triesCall}) {
        if (*slot) {
            const QPointer<Api::ApiCall> call = *slot;
            *slot = nullptr;
            call->cancel();
        }
    }
    if (m_taskId.isEmpty() || !m_client)
        return;
    // A running task pushes XComs as it goes: read them again too (setTaskInstance has just asked for them).
    if (m_hasTaskInstance && unavailableReason(Api::Feature::XComs).isEmpty())
        m_xcoms->reload();
    const quint64 generation = m_generation;
    if (m_mapIndex < 0) {
        m_tiCall = m_client->taskInstance(m_dagId, m_runId, m_taskId, this,
                                          [this, generation](const Api::Result<Api::TaskInstance> &result) {
                                              onTaskInstance(result, generation);
                                          });
    } else {
        // A mapped task instance is read from the run's list, where its map index tells it apart.
        Api::TaskInstanceQuery query;
        query.dagId = m_dagId;
        query.dagRunId = m_runId;
        query.limit = m_client->maxPageSize();
        // The reader holds itself only weakly; the call in flight holds it strongly (no cycle, no leak).
        auto readPage = std::make_shared<std::function<void(int)>>();
        const std::weak_ptr<std::function<void(int)>> weakReader = readPage;
        *readPage = [this, generation, query, weakReader](int offset) mutable {
            const std::shared_ptr<std::function<void(int)>> reader = weakReader.lock();
            query.offset = offset;
            m_tiCall = m_client->taskInstances(
                query, this,
                [this, generation, offset, reader](const Api::Result<Api::Page<Api::TaskInstance>> &result) {
                    if (generation != m_generation)
                        return;
                    if (!result.ok())
                        return onTaskInstance(result.error(), generation);
                    for (const Api::TaskInstance &ti : result.value().items) {
                        if (ti.taskId == m_taskId && ti.mapIndex == m_mapIndex)
                            return onTaskInstance(ti, generation);
                    }
                    const int next = offset + int(result.value().items.size());
                    if (result.value().items.isEmpty() || next >= result.value().totalEntries) {
                        return onTaskInstance(
                            Api::ApiError(Api::ApiError::Kind::NotFound, tr("No such mapped task instance")),
                            generation);
                    }
                    (*reader)(next);
                });
        };
        (*readPage)(0);
    }
    requestTries(generation);
}

void TaskInstancePage::onTaskInstance(const Api::Result<Api::TaskInstance> &result, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_tiCall = nullptr;
    if (!result.ok()) {
        if (result.error().kind() == Api::ApiError::Kind::NotFound)
            showError(
                tr("The task instance %1 of run %2 is not on the server (any more).").arg(m_taskId, m_runId));
        else if (result.error().kind() != Api::ApiError::Kind::Cancelled)
            showError(tr("Could not read the task instance: %1").arg(result.error().message()));
        return;
    }
    showError({});
    const bool first = !m_hasTaskInstance;
    const bool newTry = m_hasTaskInstance && result.value().tryNumber != m_taskInstance.tryNumber;
    showTaskInstance(result.value());
    // The log viewer follows a running try by itself; it starts over only for a new task instance or try.
    if ((first || newTry) && unavailableReason(Api::Feature::TaskLogs).isEmpty())
        m_log->setTaskInstance(m_taskInstance);
    Q_EMIT taskInstanceChanged(m_taskInstance);
    finishLoadingIfDone();
}

void TaskInstancePage::showTaskInstance(const Api::TaskInstance &ti)
{
    m_taskInstance = ti;
    m_hasTaskInstance = true;
    m_state->setText(ti.state.isEmpty() ? tr("no status") : ti.state);
    colourState(m_state, ti.state, palette());
    // Airflow's max_tries counts the retries: a task with retries=2 has max_tries 2 and runs at most 3 times.
    const int allowed = qMax(ti.maxTries + 1, ti.tryNumber);
    m_try->setText(ti.tryNumber > 0 ? tr("%1 of %2").arg(ti.tryNumber).arg(allowed)
                                    : tr("not tried yet (up to %1)").arg(allowed));
    m_try->setToolTip(tr("How many times the task has run, and how many times it may run (its retries + 1)"));
    m_operator->setText(ti.operatorName);
    m_pool->setText(ti.pool);
    m_queue->setText(ti.queue);
    m_hostname->setText(ti.hostname);
    m_start->setText(ti.startDate.isValid() ? TimeText::utcAndLocal(ti.startDate) : tr("not started"));
    m_end->setText(ti.endDate.isValid() ? TimeText::utcAndLocal(ti.endDate) : tr("not ended"));
    m_duration->setText(ti.endDate.isValid() && ti.duration > 0
                            ? TimeText::duration(qint64(ti.duration + 0.5))
                            : TimeText::span(ti.startDate, ti.endDate, m_now()));
    m_mapIndexLabel->setText(ti.mapIndex >= 0 ? QString::number(ti.mapIndex) : tr("not mapped"));
    if (!m_note->isEditing())
        m_note->setNote(ti.note);
    updateNoteEditable();
}

void TaskInstancePage::requestTries(quint64 generation)
{
    if (!unavailableReason(Api::Feature::TaskInstanceTries).isEmpty()) {
        m_triesSupported = false; // the tab is disabled with the reason; the Log tab's selector has each try
        return;
    }
    m_triesCall = m_client->taskInstanceTries(
        m_dagId, m_runId, m_taskId, this,
        [this, generation](const Api::Result<QList<Api::TaskInstance>> &result) {
            if (generation != m_generation)
                return;
            m_triesCall = nullptr;
            if (!result.ok()) {
                if (result.error().kind() == Api::ApiError::Kind::Cancelled)
                    return;
                // Airflow before 2.10 has no /tries: the log's try selector still reaches every try.
                m_triesSupported = false;
                m_tries.clear();
                m_triesMessage->setText(
                    result.error().kind() == Api::ApiError::Kind::NotFound
                        ? tr("This server does not list tries (Airflow 2.10 and later do). The Log tab's try "
                             "selector still shows each try's log.")
                        : tr("Could not read the tries: %1").arg(result.error().message()));
                showTries();
                finishLoadingIfDone();
                return;
            }
            m_triesSupported = true;
            m_tries.clear();
            for (const Api::TaskInstance &ti : result.value()) {
                if (ti.mapIndex == m_mapIndex)
                    m_tries.append(ti);
            }
            m_triesMessage->setText(tr("Activate a try (double-click or Enter) to read its log."));
            showTries();
            finishLoadingIfDone();
        });
}

void TaskInstancePage::showTries()
{
    const int current =
        m_triesList->currentItem() ? m_triesList->currentItem()->data(TryNumber, Qt::UserRole).toInt() : 0;
    m_triesList->clear();
    const QDateTime now = m_now();
    for (const Api::TaskInstance &ti : std::as_const(m_tries)) {
        auto *item = new QTreeWidgetItem(m_triesList);
        item->setText(TryNumber, QString::number(ti.tryNumber));
        item->setData(TryNumber, Qt::UserRole, ti.tryNumber);
        item->setText(TryState, ti.state.isEmpty() ? tr("no status") : ti.state);
        const QColor colour = StateColors::forRunState(ti.state, palette());
        if (colour.isValid())
            item->setForeground(TryState, colour);
        item->setText(TryStart, TimeText::local(ti.startDate));
        item->setText(TryEnd, TimeText::local(ti.endDate));
        item->setText(TryDuration, TimeText::span(ti.startDate, ti.endDate, now));
        item->setText(TryHostname, ti.hostname);
        if (ti.tryNumber == current)
            m_triesList->setCurrentItem(item);
    }
    m_tabs->setTabText(TriesTab, m_tries.isEmpty() ? tr("T&ries") : tr("T&ries (%1)").arg(m_tries.size()));
}

void TaskInstancePage::finishLoadingIfDone()
{
    if (!m_tiCall && !m_triesCall && m_hasTaskInstance)
        Q_EMIT loaded();
}

void TaskInstancePage::showTry(int tryNumber)
{
    if (!m_hasTaskInstance || tryNumber < 1 || !unavailableReason(Api::Feature::TaskLogs).isEmpty())
        return;
    if (tryNumber > m_taskInstance.tryNumber) {
        // A try newer than the fields say (the task was retried since they were read): read them again.
        Api::TaskInstance newer = m_taskInstance;
        newer.tryNumber = tryNumber;
        m_log->setTaskInstance(newer);
    }
    m_log->showTry(tryNumber);
    m_tabs->setCurrentIndex(LogTab);
}

// ---- XComs

QString TaskInstancePage::readableValue(const Api::XComEntry &entry)
{
    const QString text = entry.valueText();
    if (!entry.value.isString())
        return text; // objects and lists come indented already
    // Older servers (or stringify) send JSON as a string: indent it when it is JSON.
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError && !document.isNull())
            return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    }
    return text;
}

void TaskInstancePage::showCurrentXCom()
{
    const QModelIndex current = m_xcomView->currentIndex();
    m_copyValue->setEnabled(false);
    if (!current.isValid()) {
        m_xcomTitle->setText(m_xcoms->rowCount() == 0 && m_xcoms->totalEntries() == 0 ? tr("No XComs")
                                                                                      : QString());
        m_xcomValue->clear();
        return;
    }
    const Api::XComEntry &entry = m_xcoms->entry(current.row());
    m_xcomTitle->setText(entry.mapIndex >= 0 ? tr("%1 [%2]").arg(entry.key).arg(entry.mapIndex) : entry.key);
    if (entry.hasValue) {
        onXComValueLoaded(current.row());
        return;
    }
    m_xcomValue->setPlainText(tr("Reading the value…"));
    m_xcoms->loadValue(current.row());
}

void TaskInstancePage::onXComValueLoaded(int row)
{
    if (m_xcomView->currentIndex().row() != row || !m_xcomView->currentIndex().isValid())
        return;
    const QString text = readableValue(m_xcoms->entry(row));
    if (m_xcomValue->toPlainText() != text)
        m_xcomValue->setPlainText(text);
    m_copyValue->setEnabled(true);
}

void TaskInstancePage::onXComValueFailed(int row, const QString &message)
{
    if (m_xcomView->currentIndex().row() != row || !m_xcomView->currentIndex().isValid())
        return;
    m_xcomValue->setPlainText(message);
    m_copyValue->setEnabled(false);
}

void TaskInstancePage::copyXComValue()
{
    const QModelIndex current = m_xcomView->currentIndex();
    if (current.isValid() && m_xcoms->entry(current.row()).hasValue)
        QApplication::clipboard()->setText(readableValue(m_xcoms->entry(current.row())));
}

// ---- Note

void TaskInstancePage::saveNote(const QString &note)
{
    if (!m_client || !m_hasTaskInstance || m_readOnly || m_mapIndex >= 0 ||
        !unavailableReason(Api::Feature::TaskInstanceNotes).isEmpty()) {
        m_note->saveFinished(false, tr("The note cannot be saved here"));
        return;
    }
    const QString dagId = m_dagId, runId = m_runId, taskId = m_taskId;
    const quint64 noteGeneration = ++m_noteGeneration;
    m_noteCall = m_client->setTaskInstanceNote(
        dagId, runId, taskId, note, this,
        [this, dagId, runId, taskId, noteGeneration](const Api::Result<Api::TaskInstance> &result) {
            if (noteGeneration != m_noteGeneration)
                return; // cancelled when the page moved on
            m_noteCall = nullptr;
            if (dagId != m_dagId || runId != m_runId || taskId != m_taskId)
                return;
            if (!result.ok()) {
                m_note->saveFinished(false, tr("The note was not saved: %1").arg(result.error().message()));
                return;
            }
            m_note->saveFinished(true, result.value().note);
            m_taskInstance.note = result.value().note;
            Q_EMIT taskInstanceChanged(m_taskInstance);
        });
}

} // namespace Windsock::Ui
