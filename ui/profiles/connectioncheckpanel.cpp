#include "connectioncheckpanel.h"

#include "api/airflowclient.h"
#include "api/connectioncheck.h"
#include "auth/authenticator.h"
#include "dags/statecolors.h"
#include "profiles/authenticatorfactory.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

using Check = Api::ConnectionCheck;

ConnectionCheckPanel::StepState stateOf(Check::Step::Status status)
{
    switch (status) {
    case Check::Step::Status::Passed:
    case Check::Step::Status::Warning:
        return ConnectionCheckPanel::StepState::Passed;
    case Check::Step::Status::Failed:
        return ConnectionCheckPanel::StepState::Failed;
    case Check::Step::Status::Skipped:
        return ConnectionCheckPanel::StepState::Skipped;
    }
    return ConnectionCheckPanel::StepState::Skipped;
}

QString sentenceOf(const Check::Step &step)
{
    return step.nextStep.isEmpty() ? step.message : step.message + QLatin1Char(' ') + step.nextStep;
}

// What the person reads under the list: all is well, or the first failed step in full (the list cuts long
// sentences) with what to do next.
QString summaryOf(const Check::Report &report)
{
    if (report.ok())
        return ConnectionCheckPanel::tr("Windsock can use this profile.");
    for (const Check::Step &step : report.steps) {
        if (step.status != Check::Step::Status::Failed)
            continue;
        QString text = ConnectionCheckPanel::tr("%1 failed: %2").arg(step.title, step.message);
        if (!step.nextStep.isEmpty())
            text += QLatin1Char('\n') + ConnectionCheckPanel::tr("Next: %1").arg(step.nextStep);
        return text;
    }
    return ConnectionCheckPanel::tr("The connection does not work yet: see the failed step.");
}

} // namespace

ConnectionCheckPanel::ConnectionCheckPanel(QWidget *parent)
    : QWidget(parent)
    , m_steps(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel test"), this))
{
    m_steps->setObjectName(QStringLiteral("checkSteps"));
    m_steps->setColumnCount(2);
    m_steps->setHeaderHidden(true);
    m_steps->setRootIsDecorated(false);
    m_steps->setWordWrap(true);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_steps->setMinimumHeight(150);
    m_summary->setObjectName(QStringLiteral("checkSummary"));
    m_summary->setWordWrap(true);
    m_cancel->setObjectName(QStringLiteral("cancelCheckButton"));
    connect(m_cancel, &QPushButton::clicked, this, &ConnectionCheckPanel::cancel);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_steps);
    layout->addLayout(bottom);
    m_cancel->hide();
    hide();
}

ConnectionCheckPanel::~ConnectionCheckPanel()
{
    delete m_check.data();
}

bool ConnectionCheckPanel::isRunning() const
{
    return m_check != nullptr;
}

void ConnectionCheckPanel::start(const Profiles::Profile &profile, const QString &secret)
{
    delete m_check.data();
    m_steps->clear();
    show();

    QList<QSslCertificate> certificates;
    if (!profile.caBundlePath.isEmpty()) {
        const Api::Result<QList<QSslCertificate>> bundle =
            Api::AirflowClient::loadCaBundle(profile.caBundlePath);
        if (!bundle.ok()) {
            finish(false, bundle.error().message());
            return;
        }
        certificates = bundle.value();
    }

    // Its own network access manager inside, gone with the check: nothing is shared with the open session.
    auto *check = new Check(profile.baseUrl, Profiles::AuthenticatorFactory::create(profile, secret),
                            certificates, this);
    m_check = check;
    connect(check, &Check::stepFinished, this, [this](const Check::Step &step) {
        setStep(int(step.id), step.title, stateOf(step.status), sentenceOf(step));
    });
    connect(check, &Check::finished, this, [this, check](const Check::Report &report) {
        check->deleteLater();
        m_check = nullptr;
        finish(report.ok(), summaryOf(report));
    });
    m_summary->setText(tr("Testing %1…").arg(profile.baseUrl.toDisplayString()));
    m_cancel->show();
    check->start();
}

void ConnectionCheckPanel::cancel()
{
    if (!m_check)
        return;
    auto *check = static_cast<Check *>(m_check.data());
    check->cancel();
    check->deleteLater();
    m_check = nullptr;
    finish(false, tr("Test cancelled."));
}

void ConnectionCheckPanel::setStep(int index, const QString &title, StepState state, const QString &sentence)
{
    Q_UNUSED(index)
    auto *item = new QTreeWidgetItem(m_steps);
    QString stateText;
    QStyle::StandardPixmap icon = QStyle::SP_DialogApplyButton;
    QString runState;
    switch (state) {
    case StepState::Pending:
        stateText = tr("checking");
        icon = QStyle::SP_BrowserReload;
        break;
    case StepState::Passed:
        stateText = tr("passed");
        runState = QStringLiteral("success");
        break;
    case StepState::Failed:
        stateText = tr("failed");
        icon = QStyle::SP_DialogCancelButton;
        runState = QStringLiteral("failed");
        break;
    case StepState::Skipped:
        stateText = tr("skipped");
        icon = QStyle::SP_ArrowRight;
        runState = QStringLiteral("queued");
        break;
    }
    item->setIcon(0, style()->standardIcon(icon, nullptr, this));
    item->setText(0, tr("%1: %2").arg(title, stateText));
    item->setText(1, sentence);
    item->setToolTip(1, sentence);
    const QColor colour = StateColors::forRunState(runState, palette());
    if (colour.isValid())
        item->setForeground(0, colour);
}

void ConnectionCheckPanel::finish(bool passed, const QString &summary)
{
    m_cancel->hide();
    m_summary->setText(summary);
    Q_EMIT finished(passed);
}

QStringList ConnectionCheckPanel::stepTexts() const
{
    QStringList lines;
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_steps->topLevelItem(i);
        lines.append(item->text(0) + QStringLiteral(" — ") + item->text(1));
    }
    return lines;
}

QString ConnectionCheckPanel::summary() const
{
    return m_summary->text();
}

} // namespace Windsock::Ui
