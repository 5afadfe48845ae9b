#pragma once

#include "session.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Ui {

// Opens sessions for the window: profiles (asynchronously, through Session::openProfile, several at once:
// each deployment opens in a tab of its own) or the demo. Opening a profile that is already opening does not
// start it again. A profile that opened becomes the last used one (ProfileStore::lastUsedProfileId), so that
// the next start opens it again. Every signal names the profile (empty for the demo).
class SessionOpener final : public QObject
{
    Q_OBJECT

public:
    SessionOpener(Profiles::ProfileStore *store, Profiles::SecretStore *secrets, QObject *parent = nullptr);
    ~SessionOpener() override;

    bool isOpening() const { return !m_pending.isEmpty(); }
    bool isOpening(const QString &profileId) const { return m_pending.contains(profileId); }
    // The name of a profile being opened; empty when it is not.
    QString openingName(const QString &profileId) const { return m_names.value(profileId); }
    Session::DemoOptions &demoOptions() { return m_demoOptions; }

public Q_SLOTS:
    void openProfile(const QString &profileId);
    void openDemo(Windsock::Ui::Session::DemoReason reason);
    // Cancels the opening of this profile (cancelled() follows); nothing when it is not opening.
    void cancel(const QString &profileId);
    void cancelAll();

Q_SIGNALS:
    // Connecting to name (progress is shown until opened(), failed() or cancelled() for that profile).
    void started(const QString &profileId, const QString &name);
    // The new session (Session::profileId() says which); the receiver takes it over.
    void opened(Windsock::Ui::Session *session);
    void failed(const QString &profileId, const QString &message);
    void cancelled(const QString &profileId);

private:
    Profiles::ProfileStore *m_store;
    Profiles::SecretStore *m_secrets;
    QHash<QString, QPointer<Session>> m_pending; // by profile id
    QHash<QString, QString> m_names;
    Session::DemoOptions m_demoOptions;
};

} // namespace Windsock::Ui
