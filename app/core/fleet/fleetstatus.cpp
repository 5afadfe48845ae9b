#include "fleetstatus.h"

namespace Windsock::Fleet {

QString reachabilityText(Reachability reachability)
{
    switch (reachability) {
    case Reachability::Unknown:
        return QStringLiteral("Not refreshed yet");
    case Reachability::Refreshing:
        return QStringLiteral("Refreshing…");
    case Reachability::Ok:
        return QStringLiteral("Reachable");
    case Reachability::Unreachable:
        return QStringLiteral("Unreachable");
    case Reachability::AuthFailed:
        return QStringLiteral("Credentials refused");
    case Reachability::TlsError:
        return QStringLiteral("TLS error");
    case Reachability::Unsupported:
        return QStringLiteral("Unsupported API");
    case Reachability::ProfileProblem:
        return QStringLiteral("Profile problem");
    }
    return {};
}

QString reachabilityKey(Reachability reachability)
{
    switch (reachability) {
    case Reachability::Unknown:
        return QStringLiteral("unknown");
    case Reachability::Refreshing:
        return QStringLiteral("refreshing");
    case Reachability::Ok:
        return QStringLiteral("ok");
    case Reachability::Unreachable:
        return QStringLiteral("unreachable");
    case Reachability::AuthFailed:
        return QStringLiteral("auth-failed");
    case Reachability::TlsError:
        return QStringLiteral("tls-error");
    case Reachability::Unsupported:
        return QStringLiteral("unsupported");
    case Reachability::ProfileProblem:
        return QStringLiteral("profile-problem");
    }
    return {};
}

} // namespace Windsock::Fleet
