#pragma once

#include "api/result.h"
#include "discovereddeployment.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;

namespace Windsock::Discovery {

// Lists the deployments an Astro Organization or Workspace API token can see, through the Astro Platform
// API (astronomer-notes.md, section 2): the organizations from the token's permissions claim (else GET
// /organizations), each organization's workspaces and deployments (a Workspace token: that workspace's
// only), following the pagination. Asks v1 first and v1beta1 when v1 answers 404. Never follows a redirect,
// verifies TLS, and turns every failure into an ApiError in plain words.
class AstroDiscovery final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Api::Result<QList<DiscoveredDeployment>> &)>;

    AstroDiscovery(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~AstroDiscovery() override;

    static QUrl defaultPlatformUrl(); // https://api.astronomer.io
    // The Platform API's root, without a version (tests point it at the sandbox).
    void setPlatformUrl(const QUrl &url);
    QUrl platformUrl() const { return m_platformUrl; }
    // Items asked per page (default 1000, the Platform API's maximum); small values for tests.
    void setPageSize(int limit);
    void setTransferTimeout(int milliseconds);

    // One discovery at a time: a new call cancels the one running. done runs exactly once on context's
    // thread, unless context is destroyed first.
    void discover(const QString &token, QObject *context, Callback done);
    void cancel();
    bool isRunning() const;
    // The API version that answered the last discovery ("v1" or "v1beta1"); empty before.
    QString apiVersion() const { return m_apiVersion; }

    // One entry of DeploymentsPaginated.deployments: the URL from apiUrl, else "https://" +
    // webServerAirflowApiUrl, normalized to the deployment's root; "NA" as Airflow version becomes empty.
    static DiscoveredDeployment fromJson(const QJsonObject &object, const QString &organizationId,
                                         const QString &organizationName,
                                         const QHash<QString, QString> &workspaceNames);

Q_SIGNALS:
    // Plain words on what it is doing now, e.g. "Listing deployments of Acme (page 2)".
    void progress(const QString &text);

private:
    class Run;
    QNetworkAccessManager *m_nam;
    QUrl m_platformUrl;
    int m_pageSize = 1000;
    int m_timeoutMs = 30000;
    QString m_apiVersion;
    QPointer<Run> m_run;
};

} // namespace Windsock::Discovery
