#include "sessionopener.h"

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

namespace Windsock::Ui {

SessionOpener::SessionOpener(Profiles::ProfileStore *store, Profiles::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
{}

SessionOpener::~SessionOpener()
{
    // The pending sessions end here (their connectors with them), without signals to a window going away.
    const QList<QPointer<Session>> pending = m_pending.values();
    m_pending.clear();
    for (const QPointer<Session> &session : pending)
        delete session.data();
}

void SessionOpener::openProfile(const QString &profileId)
{
    if (m_pending.contains(profileId))
        return;
    const std::optional<Profiles::Profile> profile = m_store ? m_store->profile(profileId) : std::nullopt;
    if (!profile) {
        Q_EMIT failed(profileId, tr("That profile no longer exists."));
        return;
    }
    const QString name = profile->name;
    m_names.insert(profileId, name);
    // Inserted before the call: a connector that fails at once calls back before openProfile returns.
    m_pending.insert(profileId, nullptr);
    Q_EMIT started(profileId, name);
    Session *pending = Session::openProfile(
        *profile, m_secrets,
        [this, profileId, name](Session *session, const QString &error) {
            m_pending.remove(profileId);
            m_names.remove(profileId);
            if (!session) {
                Q_EMIT failed(profileId, tr("Could not connect to \"%1\": %2").arg(name, error));
                return;
            }
            session->setParent(nullptr);
            if (m_store)
                m_store->setLastUsedProfileId(profileId);
            Q_EMIT opened(session);
        },
        this);
    if (m_pending.contains(profileId))
        m_pending.insert(profileId, pending);
}

void SessionOpener::openDemo(Session::DemoReason reason)
{
    QString error;
    Session *session = Session::startDemo(reason, m_demoOptions, &error);
    if (!session) {
        Q_EMIT failed(QString(), error);
        return;
    }
    if (m_store && reason == Session::DemoReason::Requested && !m_store->lastUsedProfileId().isEmpty())
        m_store->setLastUsedProfileId(QString());
    Q_EMIT opened(session);
}

void SessionOpener::cancel(const QString &profileId)
{
    if (!m_pending.contains(profileId))
        return;
    const QPointer<Session> pending = m_pending.take(profileId);
    m_names.remove(profileId);
    delete pending.data();
    Q_EMIT cancelled(profileId);
}

void SessionOpener::cancelAll()
{
    const QStringList ids = m_pending.keys();
    for (const QString &id : ids)
        cancel(id);
}

} // namespace Windsock::Ui
