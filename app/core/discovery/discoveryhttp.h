#pragma once

#include "api/apicall.h"
#include "api/apierror.h"
#include "api/httpexchange.h"
#include "api/result.h"
#include "discovereddeployment.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>

namespace Windsock::Discovery {

// The transport rules discovery shares with the client (no redirects followed, TLS errors reported, a
// transfer timeout, a size limit), and the plain words for answers that are not the JSON object an API sends.
class DiscoveryHttp final
{
public:
    static constexpr qint64 MaxBodyBytes = 64LL * 1024 * 1024;

    static QNetworkRequest request(const QUrl &url, int timeoutMs);
    // "api.astronomer.io" or "127.0.0.1:1234": where a request went, for messages.
    static QString where(const QUrl &url);
    // The JSON object of an answer whose status the caller has accepted, or why there is none: an HTML page
    // (a login page, a proxy), an empty or cut-off body, or JSON that is not an object. service: "the Astro
    // Platform API".
    static Api::ApiError jsonObject(const Api::HttpOutcome &outcome, const QString &service,
                                    QJsonObject *object);
    // A 3xx: never followed, often a login page.
    static Api::ApiError redirected(const Api::HttpOutcome &outcome, const QString &service, const QUrl &url);
};

// One discovery under way (Astro's or Houston's): its call handle, and the callback it owes exactly once, on
// the caller's context unless that context was destroyed meanwhile. It deletes itself when it has finished.
class DiscoveryRun : public QObject
{
public:
    using Callback = std::function<void(const Api::Result<QList<DiscoveredDeployment>> &)>;

    DiscoveryRun(QObject *owner, QObject *context, Callback done);

    bool isFinished() const { return m_finished; }
    void cancel();

protected:
    void finish(const Api::Result<QList<DiscoveredDeployment>> &result);

    Api::ApiCall *m_call;
    bool m_finished = false;

private:
    QPointer<QObject> m_context;
    bool m_hadContext;
    Callback m_done;
};

} // namespace Windsock::Discovery
