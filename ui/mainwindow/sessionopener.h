#pragma once

#include "session.h"

#include <QObject>
#include <QPointer>

namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Ui {

// Opens sessions for the window: a profile (asynchronously, through Session::openProfile) or the demo. One
// opening at a time: a new one cancels the one under way. A profile that opened becomes the last used one
// (ProfileStore::lastUsedProfileId), so that the next start opens it again.
class SessionOpener final : public QObject
{
    Q_OBJECT

public:
    SessionOpener(Profiles::ProfileStore *store, Profiles::SecretStore *secrets, QObject *parent = nullptr);

    bool isOpening() const { return m_pending != nullptr; }
    QString openingName() const { return m_openingName; }
    Session::DemoOptions &demoOptions() { return m_demoOptions; }

public Q_SLOTS:
    void openProfile(const QString &profileId);
    void openDemo(Windsock::Ui::Session::DemoReason reason);
    void cancel();

Q_SIGNALS:
    // Connecting to name (progress is shown until opened(), failed() or cancelled()).
    void started(const QString &name);
    // The new session; the receiver takes it over.
    void opened(Windsock::Ui::Session *session);
    void failed(const QString &message);
    void cancelled();

private:
    Profiles::ProfileStore *m_store;
    Profiles::SecretStore *m_secrets;
    QPointer<Session> m_pending;
    QString m_openingName;
    Session::DemoOptions m_demoOptions;
};

} // namespace Windsock::Ui
