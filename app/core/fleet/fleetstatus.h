#pragma once

#include "api/types.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUrl>
#include <optional>

namespace Windsock::Fleet {

// How a deployment of the fleet answered its last refresh.
enum class Reachability
{
    Unknown,        // never refreshed
    Refreshing,     // a refresh is under way
    Ok,             // it answered (some counts may still be unknown: see FleetStatus::message)
    Unreachable,    // nothing listens, DNS failed, timeout, no Airflow API at that URL
    AuthFailed,     // the credentials were refused (401, 403, a redirect to a login page)
    TlsError,       // the TLS handshake or the certificate failed
    Unsupported,    // an API this build does not speak
    ProfileProblem, // the profile itself: no secret in the keychain, no URL, an unreadable CA bundle
};

// "Reachable", "Unreachable", "Credentials refused", ... for a person.
QString reachabilityText(Reachability reachability);
// Stable keys for JSON output: "ok", "unreachable", "auth-failed", ...
QString reachabilityKey(Reachability reachability);
// True when the deployment answered (Ok): the counts mean something.
inline bool isReachable(Reachability reachability)
{
    return reachability == Reachability::Ok;
}

// One row of the fleet table: what the last refresh of one profile found.
struct FleetStatus
{
    QString profileId;
    QString name;
    // The profile's colour, "#rrggbb" (empty = none). A string, not a QColor: the core has no QtGui; models
    // hand it to views as a QColor (see Models::FleetModel::ColourRole).
    QString colour;
    QUrl baseUrl;
    bool readOnly = false;
    bool production = false;

    Reachability reachability = Reachability::Unknown;
    QString message;        // plain words when not Ok (and for partial failures)
    QString tls;            // "TLS verified", "not encrypted (http)", or the TLS error
    QString apiName;        // "Airflow 2 (/api/v1)", "Airflow 3 (/api/v2)", "Airflow 1.10 (experimental)"
    QString airflowVersion; // "2.10.5"; empty when unknown
    std::optional<Api::Health> health;
    QString healthText; // "healthy", "scheduler unhealthy", ...; empty when unknown
    int dagCount = -1, pausedCount = -1, running = -1, failed24h = -1, importErrors = -1; // -1 = unknown
    QDateTime lastRefresh;
    qint64 elapsedMs = 0;
};

} // namespace Windsock::Fleet

Q_DECLARE_METATYPE(Windsock::Fleet::FleetStatus)
