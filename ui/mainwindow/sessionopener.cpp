#include "sessionopener.h"

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

namespace Windsock::Ui {

SessionOpener::SessionOpener(Profiles::ProfileStore *store, Profiles::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
{}

void SessionOpener::openProfile(const QString &profileId)
{
    cancel();
    const std::optional<Profiles::Profile> profile = m_store ? m_store->profile(profileId) : std::nullopt;
    if (!profile) {
        Q_EMIT failed(tr("That profile no longer exists."));
        return;
    }
    m_openingName = profile->name;
    Q_EMIT started(profile->name);
    const QString name = profile->name;
    m_pending = Session::openProfile(
        *profile, m_secrets,
        [this, profileId, name](Session *session, const QString &error) {
            m_pending = nullptr;
            m_openingName.clear();
            if (!session) {
                Q_EMIT failed(tr("Could not connect to \"%1\": %2").arg(name, error));
                return;
            }
            session->setParent(nullptr);
            m_store->setLastUsedProfileId(profileId);
            Q_EMIT opened(session);
        },
        this);
}

void SessionOpener::openDemo(Session::DemoReason reason)
{
    cancel();
    QString error;
    Session *session = Session::startDemo(reason, m_demoOptions, &error);
    if (!session) {
        Q_EMIT failed(error);
        return;
    }
    if (m_store && reason == Session::DemoReason::Requested && !m_store->lastUsedProfileId().isEmpty())
        m_store->setLastUsedProfileId(QString());
    Q_EMIT opened(session);
}

void SessionOpener::cancel()
{
    if (!m_pending)
        return;
    delete m_pending.data();
    m_pending = nullptr;
    m_openingName.clear();
    Q_EMIT cancelled();
}

} // namespace Windsock::Ui
