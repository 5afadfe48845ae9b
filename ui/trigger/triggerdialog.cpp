#include "triggerdialog.h"

#include "paramsformwidget.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/clientrequest.h"
#include "api/dialect.h"
#include "api/safetrigger.h"
#include "auth/authenticator.h"
#include "explorer/codeexport.h"
#include "params/paramsform.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

constexpr int RecentRunCount = 25;

QString shownTime(const QDateTime &time)
{
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString zoneWords(const QTimeZone &zone, const QDateTime &at)
{
    const QString abbreviation = zone.abbreviation(at);
    const QString id = QString::fromUtf8(zone.id());
    return abbreviation.isEmpty() || abbreviation == id ? id
                                                        : id + QStringLiteral(" (") + abbreviation + u')';
}

QByteArray redactedValue(const QByteArray &value)
{
    const qsizetype space = value.indexOf(' ');
    if (space > 0)
        return value.left(space) + QByteArrayLiteral(" ***");
    return QByteArrayLiteral("<redacted>");
}

} // namespace

TriggerDialog::TriggerDialog(Api::AirflowClient *client, const QString &dagId, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_dagId(dagId)
{
    setWindowTitle(tr("Trigger %1").arg(dagId));
    buildUi();
    loadDetails();
    loadRuns();
}

QString TriggerDialog::generateRunId(const QDateTime &utcNow)
{
    const quint32 random = QRandomGenerator::global()->bounded(0x1000000u);
    return QStringLiteral("manual__") + utcNow.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
           QStringLiteral("+00:00__windsock_") + QStringLiteral("%1").arg(random, 6, 16, QLatin1Char('0'));
}

QString TriggerDialog::timeZoneId(const QString &airflowTimezone)
{
    static const QRegularExpression repr(
        QStringLiteral("^\\s*Timezone\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*$"));
    const QRegularExpressionMatch m = repr.match(airflowTimezone);
    return (m.hasMatch() ? m.captured(1) : airflowTimezone).trimmed();
}

void TriggerDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    m_heading = new QLabel(tr("Trigger a run of <b>%1</b>").arg(m_dagId.toHtmlEscaped()), this);
    layout->addWidget(m_heading);

    m_pausedWarning =
        new QLabel(tr("This DAG is paused: the run will stay queued until it is unpaused."), this);
    m_pausedWarning->setObjectName(QStringLiteral("pausedWarning"));
    m_pausedWarning->setWordWrap(true);
    m_pausedWarning->setStyleSheet(QStringLiteral("color: #b26a00;"));
    m_pausedWarning->hide();
    m_unpause = new QCheckBox(tr("Unpause the DAG and trigger"), this);
    m_unpause->setObjectName(QStringLiteral("unpauseCheck"));
    m_unpause->hide();
    layout->addWidget(m_pausedWarning);
    layout->addWidget(m_unpause);

    auto *form = new QFormLayout;
    m_runId = new QLineEdit(generateRunId(QDateTime::currentDateTimeUtc()), this);
    m_runId->setObjectName(QStringLiteral("runIdEdit"));
    m_runId->setToolTip(tr("Chosen here so that a retry can never create a second run."));
    form->addRow(tr("Run &id:"), m_runId);

    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setPlaceholderText(tr("Optional: why this run, for whoever looks at it later"));
    m_noteHint = new QLabel(this);
    m_noteHint->setObjectName(QStringLiteral("noteHint"));
    m_noteHint->setWordWrap(true);
    m_noteHint->setForegroundRole(QPalette::PlaceholderText);
    m_noteHint->hide();
    const QString noNotes =
        m_client ? m_client->dialect().unavailableReason(Api::Feature::RunNotes) : QString();
    if (!noNotes.isEmpty()) {
        m_note->setEnabled(false);
        m_note->setToolTip(noNotes);
        m_note->setPlaceholderText(QString());
        m_noteHint->setText(noNotes);
        m_noteHint->show();
    }
    auto *noteColumn = new QVBoxLayout;
    noteColumn->setContentsMargins(0, 0, 0, 0);
    noteColumn->addWidget(m_note);
    noteColumn->addWidget(m_noteHint);
    form->addRow(tr("&Note:"), noteColumn);

    auto *dateRow = new QHBoxLayout;
    m_atLogicalDate = new QCheckBox(tr("At a &logical date:"), this);
    m_atLogicalDate->setObjectName(QStringLiteral("logicalDateCheck"));
    // The edit holds wall-clock fields only (UTC spec, so no zone of this machine shifts them); the zone
    // chosen beside it says where that wall clock hangs.
    const QDateTime localNow = QDateTime::currentDateTime();
    m_logicalDate = new QDateTimeEdit(this);
    m_logicalDate->setTimeSpec(Qt::UTC);
    m_logicalDate->setDateTime(QDateTime(localNow.date(), QTime(localNow.time().hour(), 0), Qt::UTC));
    m_logicalDate->setObjectName(QStringLiteral("logicalDateEdit"));
    m_logicalDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_logicalDate->setCalendarPopup(true);
    m_logicalDate->setEnabled(false);
    m_dateZone = new QComboBox(this);
    m_dateZone->setObjectName(QStringLiteral("dateZoneCombo"));
    m_dateZone->setToolTip(tr("The time zone the logical date is typed in"));
    m_dateZone->setEnabled(false);
    dateRow->addWidget(m_atLogicalDate);
    dateRow->addWidget(m_logicalDate, 1);
    dateRow->addWidget(m_dateZone);
    form->addRow(tr("When:"), dateRow);
    m_logicalDateShown = new QLabel(this);
    m_logicalDateShown->setObjectName(QStringLiteral("logicalDateShown"));
    form->addRow(QString(), m_logicalDateShown);

    m_reuse = new QComboBox(this);
    m_reuse->setObjectName(QStringLiteral("reuseCombo"));
    m_reuse->addItem(tr("Loading recent runs…"), -1);
    form->addRow(tr("&Re-use the conf of:"), m_reuse);
    layout->addLayout(form);

    // An API without DAG details (1.10) gives no params to build a form from: the conf is JSON only.
    m_paramsUnavailable = new QLabel(this);
    m_paramsUnavailable->setObjectName(QStringLiteral("paramsUnavailable"));
    m_paramsUnavailable->setWordWrap(true);
    m_paramsUnavailable->setForegroundRole(QPalette::PlaceholderText);
    m_paramsUnavailable->hide();
    layout->addWidget(m_paramsUnavailable);

    m_tabs = new QTabWidget(this);
    m_form = new ParamsFormWidget;
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);
    m_tabs->addTab(scroll, tr("&Form"));
    auto *jsonPage = new QWidget;
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    m_json = new QPlainTextEdit(jsonPage);
    m_json->setObjectName(QStringLiteral("jsonEdit"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setPlainText(QStringLiteral("{}"));
    m_jsonError = new QLabel(jsonPage);
    m_jsonError->setObjectName(QStringLiteral("jsonError"));
    m_jsonError->setWordWrap(true);
    m_jsonError->setStyleSheet(QStringLiteral("color: #c62828;"));
    jsonLayout->addWidget(m_json, 1);
    jsonLayout->addWidget(m_jsonError);
    m_tabs->addTab(jsonPage, tr("&JSON"));
    m_tabs->setEnabled(false);
    layout->addWidget(m_tabs, 1);

    auto *copyRow = new QHBoxLayout;
    auto *copyCurl = new QPushButton(tr("Copy as c&URL"), this);
    auto *copyPython = new QPushButton(tr("Copy as &Python requests"), this);
    m_includeSecrets = new QCheckBox(tr("Include secrets"), this);
    m_includeSecrets->setObjectName(QStringLiteral("includeSecretsCheck"));
    copyRow->addWidget(copyCurl);
    copyRow->addWidget(copyPython);
    copyRow->addWidget(m_includeSecrets);
    copyRow->addStretch(1);
    layout->addLayout(copyRow);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_error);
    m_openExisting = new QPushButton(tr("&Open the existing run"), this);
    m_openExisting->setObjectName(QStringLiteral("openExistingButton"));
    m_openExisting->hide();
    layout->addWidget(m_openExisting, 0, Qt::AlignLeft);

    m_watch = new QCheckBox(tr("&Watch the run and notify me when it ends"), this);
    m_watch->setObjectName(QStringLiteral("watchCheck"));
    m_watch->setChecked(QSettings().value(QLatin1String(WatchSettingKey), true).toBool());
    layout->addWidget(m_watch);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_triggerButton = buttons->addButton(tr("&Trigger"), QDialogButtonBox::AcceptRole);
    m_triggerButton->setObjectName(QStringLiteral("triggerButton"));
    m_triggerButton->setDefault(true);
    layout->addWidget(buttons);
    resize(640, 720);

    connect(buttons, &QDialogButtonBox::accepted, this, &TriggerDialog::trigger);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copyCurl, &QPushButton::clicked, this, &TriggerDialog::copyAsCurl);
    connect(copyPython, &QPushButton::clicked, this, &TriggerDialog::copyAsPython);
    connect(m_runId, &QLineEdit::textChanged, this, &TriggerDialog::updateState);
    connect(m_atLogicalDate, &QCheckBox::toggled, m_logicalDate, &QWidget::setEnabled);
    connect(m_atLogicalDate, &QCheckBox::toggled, m_dateZone, &QWidget::setEnabled);
    connect(m_dateZone, &QComboBox::activated, this, [this] {
        m_zoneChosen = true;
        updateLogicalDateLabel();
    });
    connect(m_dateZone, &QComboBox::currentIndexChanged, this, &TriggerDialog::updateLogicalDateLabel);
    connect(m_watch, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(QLatin1String(WatchSettingKey), on); });
    connect(m_openExisting, &QPushButton::clicked, this, [this] {
        if (m_existingRun)
            Q_EMIT openRunRequested(*m_existingRun);
    });
    connect(m_atLogicalDate, &QCheckBox::toggled, this, &TriggerDialog::updateLogicalDateLabel);
    connect(m_logicalDate, &QDateTimeEdit::dateTimeChanged, this, &TriggerDialog::updateLogicalDateLabel);
    connect(m_form, &ParamsFormWidget::changed, this, &TriggerDialog::updateState);
    connect(m_json, &QPlainTextEdit::textChanged, this, &TriggerDialog::validateJson);
    connect(m_tabs, &QTabWidget::currentChanged, this, &TriggerDialog::modeChanged);
    connect(m_reuse, &QComboBox::activated, this, &TriggerDialog::reuseRun);
    updateZoneChoices();
    updateLogicalDateLabel();
    updateState();
}

void TriggerDialog::loadDetails()
{
    if (!m_client)
        return;
    const QString noDetails = m_client->dialect().unavailableReason(Api::Feature::DagDetails);
    if (!noDetails.isEmpty()) {
        // Not asked for: the JSON editor at once, the reason above it, and the pause state read on its own.
        m_paramsUnavailable->setText(noDetails);
        m_paramsUnavailable->show();
        m_detailsLoaded = true;
        Api::DagDetails none;
        none.dag.dagId = m_dagId;
        showDetails(none);
        m_tabs->setTabToolTip(FormMode, noDetails);
        loadPauseState();
        return;
    }
    m_client->dagDetails(m_dagId, this, [this](const Api::Result<Api::DagDetails> &result) {
        m_detailsLoaded = true;
        if (!result) {
            // Still usable: JSON mode with an empty conf.
            m_error->setText(tr("The DAG's params could not be loaded: %1").arg(result.error().message()));
            Api::DagDetails none;
            showDetails(none);
            return;
        }
        showDetails(result.value());
    });
}

void TriggerDialog::loadPauseState()
{
    m_client->dag(m_dagId, this, [this](const Api::Result<Api::Dag> &result) {
        if (!result)
            return; // the trigger itself will say what is wrong with the DAG
        m_paused = result.value().isPaused;
        m_pausedWarning->setVisible(m_paused);
        m_unpause->setVisible(m_paused);
    });
}

void TriggerDialog::showDetails(const Api::DagDetails &details)
{
    const QString zoneId = timeZoneId(details.timezone);
    m_dagZone = zoneId.isEmpty() ? QTimeZone() : QTimeZone(zoneId.toUtf8());
    updateZoneChoices();
    m_paused = details.dag.isPaused;
    m_pausedWarning->setVisible(m_paused);
    m_unpause->setVisible(m_paused);
    m_form->setParams(details.params);
    m_tabs->setEnabled(true);
    if (m_form->isEmpty()) {
        m_tabs->setTabEnabled(FormMode, false);
        setMode(JsonMode);
        m_json->setPlainText(QStringLiteral("{}"));
    } else {
        setMode(FormMode);
    }
    updateState();
}

void TriggerDialog::loadRuns()
{
    if (!m_client)
        return;
    Api::DagRunQuery query;
    query.dagId = m_dagId;
    query.orderBy = QStringLiteral("-execution_date");
    query.limit = RecentRunCount;
    m_client->dagRuns(query, this, [this](const Api::Result<Api::Page<Api::DagRun>> &result) {
        m_runsLoaded = true;
        m_reuse->clear();
        if (!result) {
            m_reuse->addItem(tr("Recent runs could not be loaded"), -1);
            return;
        }
        m_runs = result.value().items;
        if (!m_runs.isEmpty() && !m_runs.constFirst().hasConf) {
            // 1.10 does not show a run's conf: nothing to re-use.
            m_reuse->addItem(tr("Not available: this API does not show a run's conf"), -1);
            m_reuse->setEnabled(false);
            return;
        }
        m_reuse->addItem(m_runs.isEmpty() ? tr("No earlier runs") : tr("(none: start from the defaults)"),
                         -1);
        for (int i = 0; i < m_runs.size(); ++i) {
            const Api::DagRun &run = m_runs.at(i);
            m_reuse->addItem(
                tr("%1 · %2 · %3").arg(shownTime(run.logicalDate.toLocalTime()), run.state, run.dagRunId), i);
        }
    });
}

void TriggerDialog::reuseRun(int index)
{
    const int runIndex = m_reuse->itemData(index).toInt();
    const QJsonObject conf =
        runIndex >= 0 && runIndex < m_runs.size() ? m_runs.at(runIndex).conf : QJsonObject();
    if (mode() == FormMode) {
        m_form->applyConf(conf);
    } else {
        m_json->setPlainText(QString::fromUtf8(QJsonDocument(conf).toJson(QJsonDocument::Indented)));
    }
    updateState();
}

TriggerDialog::Mode TriggerDialog::mode() const
{
    return m_tabs->currentIndex() == JsonMode ? JsonMode : FormMode;
}

void TriggerDialog::setMode(Mode mode)
{
    if (!m_tabs->isTabEnabled(mode))
        return; // a DAG without params has no form to go to
    m_tabs->setCurrentIndex(mode);
}

void TriggerDialog::modeChanged(int index)
{
    if (index == m_currentTab)
        return;
    if (index == JsonMode) {
        m_json->setPlainText(
            QString::fromUtf8(QJsonDocument(m_form->conf()).toJson(QJsonDocument::Indented)));
    } else {
        const Params::ParamsForm::JsonConf typed = Params::ParamsForm::fromJsonText(m_json->toPlainText());
        if (!typed.ok()) {
            // Nothing typed is lost: stay on the JSON until it parses.
            const QSignalBlocker blocker(m_tabs);
            m_tabs->setCurrentIndex(JsonMode);
            validateJson();
            return;
        }
        m_form->applyConf(typed.conf);
    }
    m_currentTab = index;
    updateState();
}

void TriggerDialog::validateJson()
{
    const Params::ParamsForm::JsonConf typed = Params::ParamsForm::fromJsonText(m_json->toPlainText());
    m_jsonError->setText(
        typed.ok() ? QString()
                   : tr("Line %1, column %2: %3").arg(typed.line).arg(typed.column).arg(typed.error));
    updateState();
}

QList<Params::ParamsForm::FieldError> TriggerDialog::paramErrors(const QJsonObject &typedConf) const
{
    // A conf typed as JSON is checked against the params too, as the server would (keys it leaves out take
    // their defaults there as well), so a schema error shows here and nothing is sent.
    Params::ParamsForm check = m_form->form();
    check.applyConf(typedConf);
    return check.validate();
}

QJsonObject TriggerDialog::currentConf(bool *ok) const
{
    if (mode() == JsonMode) {
        const Params::ParamsForm::JsonConf typed = Params::ParamsForm::fromJsonText(m_json->toPlainText());
        *ok = typed.ok() && paramErrors(typed.conf).isEmpty();
        return typed.conf;
    }
    *ok = m_form->isValid();
    return *ok ? m_form->form().conf() : QJsonObject();
}

void TriggerDialog::updateState()
{
    bool confOk = false;
    const QJsonObject conf = currentConf(&confOk);
    m_triggerButton->setEnabled(!m_busy && m_detailsLoaded && confOk && !m_runId->text().trimmed().isEmpty());
    QList<Params::ParamsForm::FieldError> errors;
    if (!confOk && m_detailsLoaded)
        errors = mode() == FormMode ? m_form->form().validate() : paramErrors(conf);
    if (!errors.isEmpty()) {
        const Params::ParamField *field = m_form->form().field(errors.first().name);
        m_error->setText(
            tr("%1: %2").arg(field ? field->label : errors.first().name, errors.first().message));
    } else if (!m_busy && m_error->property("formError").toBool()) {
        m_error->clear();
    }
    m_error->setProperty("formError", !errors.isEmpty());
}

void TriggerDialog::updateZoneChoices()
{
    const DateZone before = m_dateZone->count() > 0 ? dateZone() : DateZone::Dag;
    const QSignalBlocker blocker(m_dateZone);
    m_dateZone->clear();
    if (m_dagZone.isValid())
        m_dateZone->addItem(tr("DAG's zone (%1)").arg(QString::fromUtf8(m_dagZone.id())), int(DateZone::Dag));
    m_dateZone->addItem(tr("Local (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())),
                        int(DateZone::Local));
    m_dateZone->addItem(tr("UTC"), int(DateZone::Utc));
    // Until the user picks one, the DAG's zone leads: it is the zone its schedule and logical dates live in.
    const int index = m_dateZone->findData(int(m_zoneChosen ? before : DateZone::Dag));
    m_dateZone->setCurrentIndex(index >= 0 ? index : m_dateZone->findData(int(DateZone::Local)));
    updateLogicalDateLabel();
}

TriggerDialog::DateZone TriggerDialog::dateZone() const
{
    return DateZone(m_dateZone->currentData().toInt());
}

void TriggerDialog::setDateZone(DateZone zone)
{
    const int index = m_dateZone->findData(int(zone));
    if (index < 0)
        return;
    m_zoneChosen = true;
    m_dateZone->setCurrentIndex(index);
    updateLogicalDateLabel();
}

QDateTime TriggerDialog::logicalDateUtc() const
{
    if (!m_atLogicalDate->isChecked())
        return QDateTime();
    const QDateTime wall = m_logicalDate->dateTime();
    QTimeZone zone = QTimeZone::utc();
    if (dateZone() == DateZone::Local)
        zone = QTimeZone::systemTimeZone();
    else if (dateZone() == DateZone::Dag && m_dagZone.isValid())
        zone = m_dagZone;
    return QDateTime(wall.date(), wall.time(), zone).toUTC();
}

void TriggerDialog::updateLogicalDateLabel()
{
    if (!m_logicalDateShown || !m_dateZone)
        return;
    if (!m_atLogicalDate->isChecked()) {
        m_logicalDateShown->setText(tr("Now (the server's time)"));
        return;
    }
    const QDateTime utc = logicalDateUtc();
    const QTimeZone local = QTimeZone::systemTimeZone();
    QStringList parts{tr("%1 UTC").arg(shownTime(utc)),
                      tr("%1 local, %2").arg(shownTime(utc.toTimeZone(local)), zoneWords(local, utc))};
    if (m_dagZone.isValid())
        parts.append(tr("%1 in the DAG's zone, %2")
                         .arg(shownTime(utc.toTimeZone(m_dagZone)), zoneWords(m_dagZone, utc)));
    m_logicalDateShown->setText(parts.join(QStringLiteral(" · ")));
}

Api::TriggerRequest TriggerDialog::request() const
{
    Api::TriggerRequest request;
    request.dagId = m_dagId;
    request.dagRunId = m_runId->text().trimmed();
    request.logicalDate = logicalDateUtc();
    bool ok = false;
    request.conf = currentConf(&ok);
    if (m_note->isEnabled())
        request.note = m_note->text().trimmed();
    return request;
}

void TriggerDialog::trigger()
{
    if (!m_client || m_busy || !m_triggerButton->isEnabled())
        return;
    m_busy = true;
    m_outcomeNotice.clear();
    m_existingRun.reset();
    m_openExisting->hide();
    m_error->setText(tr("Triggering…"));
    updateState();
    if (m_paused && m_unpause->isChecked()) {
        m_client->setDagPaused(m_dagId, false, this, [this](const Api::Result<Api::Dag> &result) {
            if (!result) {
                fail(tr("The DAG could not be unpaused, so nothing was triggered: %1")
                         .arg(result.error().message()));
                return;
            }
            m_paused = false;
            m_pausedWarning->hide();
            m_unpause->hide();
            sendTrigger();
        });
        return;
    }
    sendTrigger();
}

void TriggerDialog::sendTrigger()
{
    const Api::TriggerRequest request = this->request();
    // Retried with the same run id after a lost answer; a 409 on our own id reads the run back.
    Api::triggerDagRunSafely(
        *m_client, request, this, [this, request](const Api::Result<Api::TriggerOutcome> &result) {
            if (!result) {
                triggerFailed(result.error(), request);
                return;
            }
            if (result.value().createdByEarlierAttempt) {
                m_outcomeNotice = tr("The run was already created by the first attempt.");
                m_error->setText(m_outcomeNotice);
            }
            succeed(result.value().run);
        });
}

void TriggerDialog::triggerFailed(const Api::ApiError &error, const Api::TriggerRequest &request)
{
    if (error.httpStatus() != 409 || m_client->dialect().conflictNamesRunId(error, request.dagRunId)) {
        fail(error.httpStatus() == 409 ? error.message()
                                       : tr("The run was not triggered: %1").arg(error.message()));
        return;
    }
    // Airflow says "... logical date: '2025-06-01 06:00:00+00:00' already exists" (isoformat with a space);
    // what was sent is the fallback.
    static const QRegularExpression datePattern(QStringLiteral("logical date: '([^']+)'"));
    const QRegularExpressionMatch match = datePattern.match(error.detail());
    QDateTime date = match.hasMatch()
                         ? QDateTime::fromString(match.captured(1).replace(u' ', u'T'), Qt::ISODateWithMs)
                         : QDateTime();
    if (!date.isValid())
        date = request.logicalDate;
    if (!date.isValid()) {
        fail(tr("The run was not triggered: %1").arg(error.message()));
        return;
    }
    findExistingRun(date.toUTC());
}

void TriggerDialog::findExistingRun(const QDateTime &logicalDate)
{
    const QString when = tr("%1 UTC").arg(shownTime(logicalDate));
    m_error->setText(tr("This DAG already has a run at the logical date %1; looking it up…").arg(when));
    // On the server, not among the recent runs loaded here: the run may be years old.
    m_client->dagRunAtLogicalDate(
        m_dagId, logicalDate, this, [this, when](const Api::Result<std::optional<Api::DagRun>> &result) {
            if (!result || !result.value()) {
                fail(tr("This DAG already has a run at the logical date %1. Pick another logical date, or "
                        "trigger now.")
                         .arg(when));
                return;
            }
            m_existingRun = *result.value();
            m_openExisting->show();
            fail(tr("This DAG already has a run at the logical date %1: %2 (%3). Open it, pick another "
                    "logical date, or trigger now.")
                     .arg(when, m_existingRun->dagRunId, m_existingRun->state));
        });
}

bool TriggerDialog::watchRequested() const
{
    return m_watch->isChecked();
}

void TriggerDialog::succeed(const Api::DagRun &run)
{
    m_busy = false;
    Q_EMIT triggered(run);
    accept();
}

void TriggerDialog::fail(const QString &message)
{
    m_busy = false;
    m_error->setText(message);
    updateState();
}

QList<QPair<QByteArray, QByteArray>> TriggerDialog::exportHeaders(bool hasBody) const
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!m_client)
        return headers;
    const Api::ApiRequest apiRequest = m_client->dialect().triggerDagRunRequest(request());
    const QUrl url = Api::ClientRequest::url(m_client->baseUrl(), apiRequest.encodedPathAndQuery());
    const QNetworkRequest networkRequest =
        Api::ClientRequest::networkRequest(*m_client, url, apiRequest.accept, hasBody);
    const QStringList secrets = m_client->authenticator().secrets();
    for (const QByteArray &name : networkRequest.rawHeaderList()) {
        QByteArray value = networkRequest.rawHeader(name);
        if (!m_includeSecrets->isChecked()) {
            bool secret = name.compare(QByteArrayLiteral("Authorization"), Qt::CaseInsensitive) == 0;
            for (const QString &s : secrets)
                secret = secret || (!s.isEmpty() && QString::fromUtf8(value).contains(s));
            if (secret)
                value = redactedValue(value);
        }
        headers.append({name, value});
    }
    return headers;
}

QString TriggerDialog::curlText() const
{
    if (!m_client)
        return {};
    const Api::ApiRequest apiRequest = m_client->dialect().triggerDagRunRequest(request());
    const QUrl url = Api::ClientRequest::url(m_client->baseUrl(), apiRequest.encodedPathAndQuery());
    return Explorer::CodeExport::curl(apiRequest.method, url, exportHeaders(!apiRequest.body.isEmpty()),
                                      apiRequest.body);
}

QString TriggerDialog::pythonText() const
{
    if (!m_client)
        return {};
    const Api::ApiRequest apiRequest = m_client->dialect().triggerDagRunRequest(request());
    const QUrl url = Api::ClientRequest::url(m_client->baseUrl(), apiRequest.encodedPathAndQuery());
    return Explorer::CodeExport::pythonRequests(apiRequest.method, url,
                                                exportHeaders(!apiRequest.body.isEmpty()), apiRequest.body);
}

void TriggerDialog::copyAsCurl()
{
    QGuiApplication::clipboard()->setText(curlText());
}

void TriggerDialog::copyAsPython()
{
    QGuiApplication::clipboard()->setText(pythonText());
}

} // namespace Windsock::Ui
