#pragma once

#include "api/result.h"
#include "discovereddeployment.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;

namespace Windsock::Discovery {

// Lists the workspaces and deployments an Astronomer Software key can see, through Houston's GraphQL API
// (astronomer-notes.md, section 3.3): appConfig's version, workspaces, then each workspace's deployments
// with their urls (the Airflow URL is the one of type "airflow"). Houston answers errors as HTTP 200 with
// errors[]: they become plain words too.
class HoustonDiscovery final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Api::Result<QList<DiscoveredDeployment>> &)>;

    HoustonDiscovery(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~HoustonDiscovery() override;

    // https://houston.<baseDomain>/v1, or an invalid URL for a base domain that is not a host name.
    static QUrl defaultHoustonUrl(const QString &baseDomain);
    // Overrides the default (tests point it at the sandbox); an invalid URL restores the default.
    void setHoustonUrl(const QUrl &url);
    QUrl houstonUrl() const { return m_houstonUrl; }
    void setTransferTimeout(int milliseconds);

    // bearer: "Authorization: Bearer <key>" instead of the raw key. One discovery at a time; done runs
    // exactly once on context's thread, unless context is destroyed first.
    void discover(const QString &baseDomain, const QString &key, bool bearer, QObject *context,
                  Callback done);
    void cancel();
    bool isRunning() const;
    // Houston's version from the last discovery's appConfig; empty before or when it gave none.
    QString houstonVersion() const { return m_houstonVersion; }

    // One entry of workspaceDeployments: the URL from urls (type "airflow"), else the documented
    // https://deployments.<baseDomain>/<releaseName>/airflow.
    static DiscoveredDeployment fromJson(const QJsonObject &object, const QString &baseDomain,
                                         const QString &workspaceId, const QString &workspaceName);

Q_SIGNALS:
    void progress(const QString &text);

private:
    class Run;
    QNetworkAccessManager *m_nam;
    QUrl m_houstonUrl;
    int m_timeoutMs = 30000;
    QString m_houstonVersion;
    QPointer<Run> m_run;
};

} // namespace Windsock::Discovery
