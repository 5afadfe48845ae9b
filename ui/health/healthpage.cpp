#include "healthpage.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "dags/statecolors.h"
#include "resources/errorbanner.h"
#include "taskinstance/pagewidgets.h"
#include "taskinstance/timetext.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Windsock::Ui {

HealthPage::HealthPage(Api::AirflowClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_summary(new QLabel(this))
    , m_version(new QLabel(this))
    , m_error(new ErrorBanner(this))
    , m_readAtLabel(new QLabel(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_refreshTimer(new QTimer(this))
    , m_ageTimer(new QTimer(this))
{
    m_summary->setObjectName(QStringLiteral("healthSummary"));
    PageWidgets::makeHeading(m_summary);
    m_version->setObjectName(QStringLiteral("healthVersion"));
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refreshButton->setObjectName(QStringLiteral("refreshHealthButton"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    m_refreshButton->setToolTip(tr("Read the health again (F5); it is read every 10 s while shown"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_refreshButton);

    m_error->setObjectName(QStringLiteral("healthError"));

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    const QStringList headings{tr("Component"), tr("Status"), tr("Latest heartbeat"), tr("Age")};
    for (int column = 0; column < headings.size(); ++column) {
        auto *heading = new QLabel(headings.at(column), this);
        heading->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(heading, 0, column);
    }
    for (int i = 0; i < ComponentCount; ++i) {
        Row &row = m_rows[i];
        const QString key = QString::number(i);
        row.name = new QLabel(componentName(Component(i)), this);
        row.status = new QLabel(this);
        row.status->setObjectName(QStringLiteral("healthStatus") + key);
        PageWidgets::makeBold(row.status);
        row.heartbeat = new QLabel(this);
        row.heartbeat->setObjectName(QStringLiteral("healthHeartbeat") + key);
        row.age = new QLabel(this);
        row.age->setObjectName(QStringLiteral("healthAge") + key);
        grid->addWidget(row.name, i + 1, 0);
        grid->addWidget(row.status, i + 1, 1);
        grid->addWidget(row.heartbeat, i + 1, 2);
        grid->addWidget(row.age, i + 1, 3);
    }
    grid->setColumnStretch(4, 1);

    m_readAtLabel->setObjectName(QStringLiteral("healthReadAt"));
    m_readAtLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addLayout(grid);
    layout->addWidget(m_version);
    layout->addWidget(m_readAtLabel);
    layout->addStretch(1);

    m_refreshTimer->setInterval(m_refreshIntervalMs);
    m_ageTimer->setInterval(1000);
    connect(m_refreshTimer, &QTimer::timeout, this, &HealthPage::refresh);
    connect(m_ageTimer, &QTimer::timeout, this, &HealthPage::updateAges);
    connect(m_refreshButton, &QPushButton::clicked, this, &HealthPage::refresh);
    showHealth({});
    m_summary->setText(tr("Health not read yet"));
}

HealthPage::~HealthPage()
{
    for (const QPointer<Api::ApiCall> &call : {m_healthCall, m_versionCall}) {
        if (call)
            call->cancel();
    }
}

QString HealthPage::componentName(Component component)
{
    switch (component) {
    case Metadatabase:
        return tr("Metadatabase");
    case Scheduler:
        return tr("Scheduler");
    case Triggerer:
        return tr("Triggerer");
    case DagProcessor:
        return tr("DAG processor");
    case ComponentCount:
        break;
    }
    return {};
}

void HealthPage::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
    updateAges();
}

void HealthPage::setRefreshIntervalMs(int ms)
{
    m_refreshIntervalMs = qMax(100, ms);
    m_refreshTimer->setInterval(m_refreshIntervalMs);
}

bool HealthPage::isAutoRefreshing() const
{
    return m_refreshTimer->isActive();
}

QString HealthPage::errorText() const
{
    return m_error->message();
}

void HealthPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_refreshTimer->start();
    m_ageTimer->start();
    refresh(); // what was shown while hidden may be old
}

void HealthPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_refreshTimer->stop();
    m_ageTimer->stop();
}

void HealthPage::refresh()
{
    if (!m_client || m_healthCall)
        return;
    // A server without a health endpoint (1.10) is not asked: the tab is disabled, and a shortcut that shows
    // the page anyway finds the reason instead of an error.
    if (const QString reason = m_client->dialect().unavailableReason(Api::Feature::Health);
        !reason.isEmpty()) {
        m_summary->setText(reason);
        m_refreshButton->setEnabled(false);
        m_refreshButton->setToolTip(reason);
        return;
    }
    m_refreshButton->setEnabled(false);
    m_healthCall = m_client->health(this, [this](const Api::Result<Api::Health> &result) {
        m_healthCall = nullptr;
        m_refreshButton->setEnabled(true);
        if (!result.ok()) {
            if (result.error().kind() == Api::ApiError::Kind::Cancelled)
                return;
            showError(tr("Could not read the deployment's health: %1").arg(result.error().message()));
            Q_EMIT refreshed(false);
            return;
        }
        showError({});
        const bool wasHealthy = m_hasHealth && m_health.isHealthy();
        const bool hadHealth = m_hasHealth;
        m_hasHealth = true;
        m_readAt = m_now();
        showHealth(result.value());
        Q_EMIT refreshed(true);
        if (!hadHealth || wasHealthy != m_health.isHealthy())
            Q_EMIT healthChanged(m_health.isHealthy());
    });
    // The version rarely changes, but an upgrade while the page is open should show.
    if (!m_versionCall) {
        m_versionCall = m_client->version(this, [this](const Api::Result<Api::Version> &result) {
            m_versionCall = nullptr;
            if (result.ok()) {
                const Api::Version &version = result.value();
                m_version->setText(version.gitVersion.isEmpty()
                                       ? tr("Airflow %1").arg(version.version)
                                       : tr("Airflow %1 (%2)").arg(version.version, version.gitVersion));
            } else if (result.error().kind() != Api::ApiError::Kind::Cancelled) {
                m_version->setText(tr("Version unknown: %1").arg(result.error().message()));
            }
        });
    }
}

const Api::HealthComponent &HealthPage::component(Component which) const
{
    switch (which) {
    case Metadatabase:
        return m_health.metadatabase;
    case Scheduler:
        return m_health.scheduler;
    case Triggerer:
        return m_health.triggerer;
    default:
        return m_health.dagProcessor;
    }
}

void HealthPage::showHealth(const Api::Health &health)
{
    m_health = health;
    int unhealthy = 0;
    for (int i = 0; i < ComponentCount; ++i) {
        const Api::HealthComponent &c = component(Component(i));
        const Row &row = m_rows.at(i);
        QString status;
        QString tip;
        if (!m_hasHealth) {
            status = QStringLiteral("—");
        } else if (!c.present) {
            status = tr("Not reported");
            tip = tr("This Airflow version does not report this component");
        } else if (c.status.isEmpty()) {
            status = tr("Not running separately");
            tip = tr("The server reports no status: the component is not deployed on its own (for the DAG "
                     "processor, the scheduler parses the files itself)");
        } else if (c.status == QLatin1String("healthy")) {
            status = tr("Healthy");
        } else {
            status = c.status == QLatin1String("unhealthy") ? tr("Unhealthy") : c.status;
            ++unhealthy;
            tip = i == Metadatabase ? tr("The webserver cannot reach its database")
                                    : tr("No recent heartbeat: the component is down or stuck");
        }
        row.status->setText(status);
        row.status->setToolTip(tip);
        QPalette palette = row.status->palette();
        const QColor colour =
            m_hasHealth && c.present ? StateColors::forHealthStatus(c.status, this->palette()) : QColor();
        palette.setColor(QPalette::WindowText,
                         colour.isValid() ? colour : this->palette().color(QPalette::WindowText));
        row.status->setPalette(palette);
        row.heartbeat->setText(TimeText::local(c.latestHeartbeat));
        row.heartbeat->setToolTip(c.latestHeartbeat.isValid() ? TimeText::utcAndLocal(c.latestHeartbeat)
                                                              : QString());
    }
    if (m_hasHealth) {
        m_summary->setText(unhealthy == 0   ? tr("All components healthy")
                           : unhealthy == 1 ? tr("1 component unhealthy")
                                            : tr("%1 components unhealthy").arg(unhealthy));
        QPalette palette = m_summary->palette();
        palette.setColor(QPalette::WindowText,
                         StateColors::forHealthStatus(unhealthy == 0 ? QStringLiteral("healthy")
                                                                     : QStringLiteral("unhealthy"),
                                                      this->palette()));
        m_summary->setPalette(palette);
    }
    updateAges();
}

void HealthPage::updateAges()
{
    const QDateTime now = m_now();
    for (int i = 0; i < ComponentCount; ++i) {
        const QDateTime beat = component(Component(i)).latestHeartbeat;
        QLabel *age = m_rows.at(i).age;
        age->setText(TimeText::age(beat, now));
        // Airflow calls a scheduler unhealthy after 30 s without a heartbeat
        // ([scheduler] scheduler_health_check_threshold): an older one shows in the warning colour even
        // before the next read says so.
        const bool stale = beat.isValid() && beat.secsTo(now) > StaleHeartbeatSeconds;
        QPalette palette = age->palette();
        palette.setColor(QPalette::WindowText,
                         stale ? StateColors::forRunState(QStringLiteral("up_for_retry"), this->palette())
                               : this->palette().color(QPalette::WindowText));
        age->setPalette(palette);
        age->setToolTip(stale ? tr("No heartbeat for over %1 s").arg(StaleHeartbeatSeconds) : QString());
    }
    m_readAtLabel->setText(m_readAt.isValid() ? tr("Read %1").arg(TimeText::age(m_readAt, now)) : QString());
}

void HealthPage::showError(const QString &message)
{
    m_error->setMessage(message);
    if (!message.isEmpty() && m_hasHealth)
        m_summary->setText(tr("Health unknown — last read %1").arg(TimeText::local(m_readAt)));
}

} // namespace Windsock::Ui
