#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace Windsock::Sandbox {

// What the emulated Astro Platform API and Astronomer Software's Houston API know: organizations, their
// workspaces and deployments (each pointing at some Airflow, often another sandbox), and the credentials
// they accept (astronomer-notes.md, sections 2 and 3).
struct DiscoveryFixture
{
    struct Organization
    {
        QString id;
        QString name;
    };
    struct Workspace
    {
        QString id;
        QString name; // Houston: the label
        QString organizationId;
    };
    struct Deployment
    {
        QString id;
        QString name; // Houston: the label
        QString workspaceId;
        QString airflowVersion = QStringLiteral("2.10.5"); // "NA" as Astro says when it does not know
        QString status = QStringLiteral("HEALTHY");
        QString apiUrl;                 // with scheme; may be empty (older Platform API versions)
        QString webServerAirflowApiUrl; // without scheme, e.g. "127.0.0.1:1234/api/v1"
        QString releaseName;            // Houston
        QList<QPair<QString, QString>>
            houstonUrls; // Houston urls { type url }, e.g. {"airflow", "http://..."}
    };

    QList<Organization> organizations;
    QList<Workspace> workspaces;
    QList<Deployment> deployments;
    bool platformV1 = true;      // GET /v1/organizations... answers (else 404)
    bool platformV1beta1 = true; // GET /platform/v1beta1/organizations... answers (else 404)
    QStringList tokens;          // Organization tokens accepted as "Bearer <token>" by the Platform API
    QMap<QString, QString> workspaceTokens; // token -> the one workspace it may see
    // False: a Workspace token may not list organizations or workspaces (403), only its deployments.
    bool workspaceTokensListOrganizations = true;
    QStringList houstonKeys; // accepted by Houston as "<key>" or "Bearer <key>"
    QString houstonVersion = QStringLiteral("0.37.3");
    int maxLimit = 1000; // a larger ?limit= is a 400, as the Platform API does

    // {"organizations": [{"id","name"}], "workspaces": [{"id","name","organizationId"}], "deployments":
    // [{"id","name","workspaceId","airflowVersion","status","apiUrl","webServerAirflowApiUrl","releaseName",
    // "urls": [{"type","url"}]}], "platformVersions": ["v1","v1beta1"], "tokens": [...], "workspaceTokens":
    // {"token": "workspaceId"}, "houstonKeys": [...]}: for `windsock-sandbox --discovery FILE`.
    static std::optional<DiscoveryFixture> fromJson(const QJsonObject &object, QString *error);
};

} // namespace Windsock::Sandbox
