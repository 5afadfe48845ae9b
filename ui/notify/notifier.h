#pragma once

#include "watch/runoutcome.h"

#include <QIcon>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace Windsock::Ui {

// Tells the user how a watched run ended, and what went wrong while watching. With a system tray it shows a
// desktop notification (QSystemTrayIcon::showMessage); without one (no tray, or a platform without
// notifications, such as offscreen) it emits fallbackMessage() for the window to show in its message bar.
// Nothing is lost either way: each message goes exactly one route.
class Notifier final : public QObject
{
    Q_OBJECT

public:
    enum class Severity
    {
        Information,
        Warning,
        Critical
    };
    Q_ENUM(Severity)
    enum class Route
    {
        Tray,
        Fallback
    };
    Q_ENUM(Route)

    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    // The route messages take now: the tray when the desktop has one (and it is not forced off).
    Route route() const;
    // Always use the fallback (a setting "no desktop notifications", and tests).
    void setTrayDisabled(bool disabled);
    // The icon the tray entry shows (the application's, by default).
    void setIcon(const QIcon &icon);
    // How long a desktop notification stays, in ms.
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }

    static QString titleFor(const Watch::RunOutcome &outcome) { return outcome.title(); }

public Q_SLOTS:
    void notifyFinished(const Windsock::Watch::RunOutcome &outcome);
    void notifyDeleted(const QString &dagId, const QString &dagRunId, const QString &message);
    void notifyProblem(const QString &dagId, const QString &dagRunId, const QString &message);
    void notify(const QString &title, const QString &message, Windsock::Ui::Notifier::Severity severity);
    // A notification whose click is reported as tagActivated(tag) (e.g. the fleet's failed runs, which name a
    // deployment runActivated cannot carry).
    void notifyTagged(const QString &title, const QString &message, Windsock::Ui::Notifier::Severity severity,
                      const QString &tag);

Q_SIGNALS:
    // No tray: the window shows this in its message bar (Critical/Warning in the error bar).
    void fallbackMessage(const QString &title, const QString &message,
                         Windsock::Ui::Notifier::Severity severity);
    // The user clicked the desktop notification of this run (the window can open it).
    void runActivated(const QString &dagId, const QString &dagRunId);
    // The user clicked the desktop notification shown by notifyTagged(..., tag).
    void tagActivated(const QString &tag);

private:
    void show(const QString &title, const QString &message, Severity severity, const QString &dagId,
              const QString &dagRunId, const QString &tag = QString());
    QSystemTrayIcon *ensureTray();

    QSystemTrayIcon *m_tray = nullptr;
    QIcon m_icon;
    bool m_trayDisabled = false;
    int m_timeoutMs = 10000;
    QString m_lastDagId; // the run of the notification shown last, for messageClicked
    QString m_lastRunId;
    QString m_lastTag;
};

} // namespace Windsock::Ui
