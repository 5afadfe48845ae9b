#include "triggerdialog.h"

#include "paramsformwidget.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/clientrequest.h"
#include "api/dialect.h"
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

    auto *dateRow = new QHBoxLayout;
    m_atLogicalDate = new QCheckBox(tr("At a &logical date:"), this);
    m_atLogicalDate->setObjectName(QStringLiteral("logicalDateCheck"));
    m_logicalDate = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_logicalDate->setObjectName(QStringLiteral("logicalDateEdit"));
    m_logicalDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_logicalDate->setCalendarPopup(true);
    m_logicalDate->setEnabled(false);
    dateRow->addWidget(m_atLogicalDate);
    dateRow->addWidget(m_logicalDate, 1);
    form->addRow(tr("When:"), dateRow);
    m_logicalDateShown = new QLabel(this);
    m_logicalDateShown->setObjectName(QStringLiteral("logicalDateShown"));
    form->addRow(QString(), m_logicalDateShown);

    m_reuse = new QComboBox(this);
    m_reuse->setObjectName(QStringLiteral("reuseCombo"));
    m_reuse->addItem(tr("Loading recent runs…"), -1);
    form->addRow(tr("&Re-use the conf of:"), m_reuse);
    layout->addLayout(form);

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
    connect(m_atLogicalDate, &QCheckBox::toggled, this, &TriggerDialog::updateLogicalDateLabel);
    connect(m_logicalDate, &QDateTimeEdit::dateTimeChanged, this, &TriggerDialog::updateLogicalDateLabel);
    connect(m_form, &ParamsFormWidget::changed, this, &TriggerDialog::updateState);
    connect(m_json, &QPlainTextEdit::textChanged, this, &TriggerDialog::validateJson);
    connect(m_tabs, &QTabWidget::currentChanged, this, &TriggerDialog::modeChanged);
    connect(m_reuse, &QComboBox::activated, this, &TriggerDialog::reuseRun);
    updateLogicalDateLabel();
    updateState();
}

void TriggerDialog::loadDetails()
{
    if (!m_client)
        return;
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

void TriggerDialog::showDetails(const Api::DagDetails &details)
{
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

QJsonObject TriggerDialog::currentConf(bool *ok) const
{
    if (mode() == JsonMode) {
        const Params::ParamsForm::JsonConf typed = Params::ParamsForm::fromJsonText(m_json->toPlainText());
        *ok = typed.ok();
        return typed.conf;
    }
    *ok = m_form->isValid();
    return *ok ? m_form->form().conf() : QJsonObject();
}

void TriggerDialog::updateState()
{
    bool confOk = false;
    currentConf(&confOk);
    m_triggerButton->setEnabled(!m_busy && m_detailsLoaded && confOk && !m_runId->text().trimmed().isEmpty());
    if (!confOk && mode() == FormMode && m_detailsLoaded) {
        const QList<Params::ParamsForm::FieldError> errors = m_form->form().validate();
        if (!errors.isEmpty()) {
            const Params::ParamField *field = m_form->form().field(errors.first().name);
            m_error->setText(
                tr("%1: %2").arg(field ? field->label : errors.first().name, errors.first().message));
        }
    } else if (!m_busy && confOk && m_error->property("formError").toBool()) {
        m_error->clear();
    }
    m_error->setProperty("formError", !confOk && mode() == FormMode);
}

void TriggerDialog::updateLogicalDateLabel()
{
    const QDateTime local = m_logicalDate->dateTime();
    m_logicalDateShown->setText(m_atLogicalDate->isChecked()
                                    ? tr("%1 UTC · %2 local (%3)")
                                          .arg(shownTime(local.toUTC()), shownTime(local),
                                               QTimeZone::systemTimeZone().abbreviation(local))
                                    : tr("Now (the server's time)"));
}

Api::TriggerRequest TriggerDialog::request() const
{
    Api::TriggerRequest request;
    request.dagId = m_dagId;
    request.dagRunId = m_runId->text().trimmed();
    if (m_atLogicalDate->isChecked())
        request.logicalDate = m_logicalDate->dateTime().toUTC();
    bool ok = false;
    request.conf = currentConf(&ok);
    return request;
}

void TriggerDialog::trigger()
{
    if (!m_client || m_busy || !m_triggerButton->isEnabled())
        return;
    m_busy = true;
    m_outcomeNotice.clear();
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
    const QString runId = request.dagRunId;
    m_client->triggerDagRun(request, this, [this, runId](const Api::Result<Api::DagRun> &result) {
        if (result)
            succeed(result.value());
        else
            triggerFailed(result.error(), runId);
    });
}

void TriggerDialog::triggerFailed(const Api::ApiError &error, const QString &runId)
{
    if (error.httpStatus() != 409) {
        fail(tr("The run was not triggered: %1").arg(error.message()));
        return;
    }
    if (error.detail().contains(QLatin1Char('\'') + runId + QLatin1Char('\''))) {
        fetchOwnRun(runId);
        return;
    }
    static const QRegularExpression datePattern(QStringLiteral("logical date: '([^']+)'"));
    const QRegularExpressionMatch match = datePattern.match(error.detail());
    const QDateTime date = match.hasMatch() ? QDateTime::fromString(match.captured(1), Qt::ISODateWithMs)
                                            : m_logicalDate->dateTime();
    QString existing;
    for (const Api::DagRun &run : m_runs) {
        if (run.logicalDate == date)
            existing = run.dagRunId;
    }
    const QString when = tr("%1 UTC").arg(shownTime(date.toUTC()));
    fail(existing.isEmpty()
             ? tr("This DAG already has a run at the logical date %1. Pick another logical date, or trigger "
                  "now.")
                   .arg(when)
             : tr("This DAG already has a run at the logical date %1 (%2). Pick another logical date, or "
                  "trigger now.")
                   .arg(when, existing));
}

void TriggerDialog::fetchOwnRun(const QString &runId)
{
    m_client->dagRun(m_dagId, runId, this, [this](const Api::Result<Api::DagRun> &result) {
        if (!result) {
            fail(tr("A run with this id already exists, but it could not be read: %1")
                     .arg(result.error().message()));
            return;
        }
        m_outcomeNotice = tr("The run was already created by the first attempt.");
        m_error->setText(m_outcomeNotice);
        succeed(result.value());
    });
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
