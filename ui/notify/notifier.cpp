#include "notifier.h"

#include <QApplication>
#include <QSystemTrayIcon>

namespace Windsock::Ui {

Notifier::Notifier(QObject *parent)
    : QObject(parent)
    , m_icon(QApplication::windowIcon())
{
    qRegisterMetaType<Severity>();
}

Notifier::~Notifier() = default;

Notifier::Route Notifier::route() const
{
    // supportsMessages() is false where showMessage would show nothing (offscreen, some desktops).
    if (m_trayDisabled || !QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return Route::Fallback;
    return Route::Tray;
}

void Notifier::setTrayDisabled(bool disabled)
{
    m_trayDisabled = disabled;
    if (disabled && m_tray)
        m_tray->hide();
}

void Notifier::setIcon(const QIcon &icon)
{
    m_icon = icon;
    if (m_tray)
        m_tray->setIcon(icon);
}

QSystemTrayIcon *Notifier::ensureTray()
{
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(m_icon, this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastTag.isEmpty())
                Q_EMIT tagActivated(m_lastTag);
            else if (!m_lastRunId.isEmpty())
                Q_EMIT runActivated(m_lastDagId, m_lastRunId);
        });
    }
    if (!m_tray->isVisible())
        m_tray->show(); // showMessage needs a visible tray entry
    return m_tray;
}

void Notifier::notifyFinished(const Watch::RunOutcome &outcome)
{
    show(outcome.title(), outcome.message(), outcome.succeeded() ? Severity::Information : Severity::Critical,
         outcome.run.dagId, outcome.run.dagRunId);
}

void Notifier::notifyDeleted(const QString &dagId, const QString &dagRunId, const QString &message)
{
    show(tr("%1: run deleted").arg(dagId), message, Severity::Warning, dagId, dagRunId);
}

void Notifier::notifyProblem(const QString &dagId, const QString &dagRunId, const QString &message)
{
    show(tr("%1: cannot follow the run").arg(dagId), message, Severity::Warning, dagId, dagRunId);
}

void Notifier::notify(const QString &title, const QString &message, Severity severity)
{
    show(title, message, severity, QString(), QString());
}

void Notifier::notifyTagged(const QString &title, const QString &message, Severity severity,
                            const QString &tag)
{
    show(title, message, severity, QString(), QString(), tag);
}

void Notifier::show(const QString &title, const QString &message, Severity severity, const QString &dagId,
                    const QString &dagRunId, const QString &tag)
{
    if (route() == Route::Fallback) {
        Q_EMIT fallbackMessage(title, message, severity);
        return;
    }
    m_lastDagId = dagId;
    m_lastRunId = dagRunId;
    m_lastTag = tag;
    const QSystemTrayIcon::MessageIcon icon = severity == Severity::Critical  ? QSystemTrayIcon::Critical
                                              : severity == Severity::Warning ? QSystemTrayIcon::Warning
                                                                              : QSystemTrayIcon::Information;
    ensureTray()->showMessage(title, message, icon, m_timeoutMs);
}

} // namespace Windsock::Ui
