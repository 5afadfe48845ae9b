#include "astrodiscovery.h"
#include "discoveryhttp.h"

#include "api/apicall.h"
#include "api/httpexchange.h"
#include "auth/jwtclaims.h"
#include "profiles/profile.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSet>
#include <QUrlQuery>
#include <memory>
#include <utility>

namespace Windsock::Discovery {

using Api::ApiError;
using Kind = Api::ApiError::Kind;

namespace {

const QString Service = QStringLiteral("the Astro Platform API");
constexpr int MaxPages = 100; // as astro-cli's pagination: a safety cap against a server that never ends

struct Organization
{
    QString id;
    QString name;
};

// The ids a token's permissions claim names ("organizationId:<id>", "workspaceId:<id>"), as astro-cli reads
// them (astronomer-notes.md, 1.3).
QStringList claimed(const QJsonObject &claims, const QString &prefix)
{
    QStringList ids;
    for (const QJsonValue &value : claims.value(QLatin1String("permissions")).toArray()) {
        const QString permission = value.toString();
        if (permission.startsWith(prefix) && permission.size() > prefix.size())
            ids.append(permission.mid(prefix.size()));
    }
    ids.removeDuplicates();
    return ids;
}

} // namespace

// One discovery: the organizations, then each organization's workspaces and deployments, page by page.
class AstroDiscovery::Run final : public DiscoveryRun
{
public:
    Run(AstroDiscovery *owner, QString token, QObject *context, Callback done)
        : DiscoveryRun(owner, context, std::move(done))
        , m_owner(owner)
        , m_token(std::move(token))
    {}

    void start();

private:
    using PageDone = std::function<void(const QJsonArray &items)>;

    QUrl url(const QString &path, const QUrlQuery &query = {}) const;
    void get(const QUrl &url, std::function<void(const QJsonObject &)> handler);
    void paged(const QString &path, QUrlQuery query, const QString &key, PageDone done);
    void nextPage(const QString &path, const QUrlQuery &query, const QString &key, int offset, int page,
                  std::shared_ptr<QJsonArray> items, PageDone done);
    ApiError statusError(const Api::HttpOutcome &outcome, const QUrl &url) const;
    void listOrganizations();
    void nextOrganization();

    AstroDiscovery *m_owner;
    QString m_token;
    QString m_version = QStringLiteral("v1"); // the path prefix: "v1" or "platform/v1beta1"
    bool m_versionKnown = false;
    QStringList m_claimedOrganizations;
    QStringList m_claimedWorkspaces;
    QList<Organization> m_organizations;
    int m_organizationIndex = -1;
    QHash<QString, QString> m_workspaceNames;
    QList<DiscoveredDeployment> m_found;
    // Consulted before a failed request ends the discovery: true when it carried on without that answer.
    std::function<bool(const ApiError &)> m_recover;
};

void AstroDiscovery::Run::start()
{
    if (m_token.trimmed().isEmpty())
        return finish(ApiError(Kind::Unauthorized, QStringLiteral("Enter an Astro API token.")));
    m_token = m_token.trimmed();
    if (m_token.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
        m_token = m_token.mid(7).trimmed();
    if (const auto claims = Auth::JwtClaims::payload(m_token)) {
        m_claimedOrganizations = claimed(*claims, QStringLiteral("organizationId:"));
        m_claimedWorkspaces = claimed(*claims, QStringLiteral("workspaceId:"));
        const QString orgId = claims->value(QLatin1String("org_id")).toString();
        if (!orgId.isEmpty() && !m_claimedOrganizations.contains(orgId))
            m_claimedOrganizations.append(orgId);
        const auto expiry = Auth::JwtClaims::expiry(m_token);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (expiry && *expiry <= now) {
            return finish(ApiError(Kind::Unauthorized,
                                   QStringLiteral("This Astro API token %1. Create a new Organization or "
                                                  "Workspace API token in Astro and try again.")
                                       .arg(Auth::JwtClaims::describeExpiry(*expiry, now))));
        }
    }
    listOrganizations();
}

QUrl AstroDiscovery::Run::url(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_owner->m_platformUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QLatin1Char('/') + m_version + path);
    url.setQuery(query);
    return url;
}

ApiError AstroDiscovery::Run::statusError(const Api::HttpOutcome &outcome, const QUrl &url) const
{
    const int status = outcome.status;
    if (status >= 200 && status < 300)
        return {};
    if (status >= 300 && status < 400)
        return DiscoveryHttp::redirected(outcome, Service, url);
    // The spec's Error {message, requestId, statusCode}.
    QJsonObject error;
    QString said;
    if (!DiscoveryHttp::jsonObject(outcome, Service, &error).isError())
        said = error.value(QLatin1String("message")).toString();
    const QString quoted = said.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(said);
    switch (status) {
    case 401:
        return ApiError(Kind::Unauthorized,
                        QStringLiteral("Astro refused the token (HTTP 401)%1: it may have expired, been "
                                       "rotated or deleted, or be mistyped. Create a new Organization or "
                                       "Workspace API token and try again.")
                            .arg(quoted),
                        status, said);
    case 403:
        return ApiError(Kind::Forbidden,
                        QStringLiteral("The token may not list this (HTTP 403)%1. Use an Organization API "
                                       "token, or a Workspace API token with at least the Workspace "
                                       "Member role.")
                            .arg(quoted),
                        status, said);
    case 404:
        return ApiError(
            Kind::NotFound,
            QStringLiteral("%1 at %2 has no %3 (HTTP 404)%4: check the Platform API URL.")
                .arg(QStringLiteral("The Astro Platform API"), DiscoveryHttp::where(url), url.path(), quoted),
            status, said);
    default:
        break;
    }
    return ApiError(Kind::Http,
                    QStringLiteral("The Astro Platform API at %1 failed (HTTP %2)%3. Try again later.")
                        .arg(DiscoveryHttp::where(url))
                        .arg(status)
                        .arg(quoted),
                    status, said);
}

void AstroDiscovery::Run::get(const QUrl &url, std::function<void(const QJsonObject &)> handler)
{
    if (m_finished)
        return;
    QNetworkRequest request = DiscoveryHttp::request(url, m_owner->m_timeoutMs);
    request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_token.toUtf8());
    m_call->setDescription(QStringLiteral("GET ") + url.path());
    QPointer<Run> self(this);
    Api::HttpExchange::start(
        m_owner->m_nam, request, QByteArrayLiteral("GET"), {}, DiscoveryHttp::MaxBodyBytes, m_call,
        [self, url, handler = std::move(handler)](const Api::HttpOutcome &outcome) {
            if (!self || self->m_finished)
                return;
            if (outcome.error.isError()) {
                ApiError error = outcome.error;
                error.setContext(self->m_call->description());
                return self->finish(error);
            }
            // v1 first; an API that answers 404 for v1 gets v1beta1 (deprecated, but older installations).
            if (outcome.status == 404 && !self->m_versionKnown && self->m_version == QLatin1String("v1")) {
                self->m_version = QStringLiteral("platform/v1beta1");
                QUrl again = self->url(QStringLiteral("/organizations"));
                again.setQuery(url.query());
                return self->get(again, handler);
            }
            ApiError error = self->statusError(outcome, url);
            QJsonObject object;
            if (!error.isError())
                error = DiscoveryHttp::jsonObject(outcome, Service, &object);
            if (error.isError()) {
                error.setContext(self->m_call->description());
                // Moved out first: the recovery may set the next one.
                const auto recover = std::exchange(self->m_recover, nullptr);
                if (recover && recover(error))
                    return;
                return self->finish(error);
            }
            self->m_versionKnown = true;
            handler(object);
        });
}

void AstroDiscovery::Run::paged(const QString &path, QUrlQuery query, const QString &key, PageDone done)
{
    nextPage(path, query, key, 0, 1, std::make_shared<QJsonArray>(), std::move(done));
}

void AstroDiscovery::Run::nextPage(const QString &path, const QUrlQuery &query, const QString &key,
                                   int offset, int page, std::shared_ptr<QJsonArray> items, PageDone done)
{
    QUrlQuery pageQuery = query;
    pageQuery.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    pageQuery.addQueryItem(QStringLiteral("limit"), QString::number(m_owner->m_pageSize));
    get(url(path, pageQuery), [this, path, query, key, offset, page, items, done](const QJsonObject &answer) {
        const QJsonValue list = answer.value(key);
        if (!list.isArray()) {
            return finish(ApiError(Kind::UnexpectedShape,
                                   QStringLiteral("The Astro Platform API's answer has no \"%1\" list: check "
                                                  "the Platform API URL.")
                                       .arg(key)));
        }
        const QJsonArray pageItems = list.toArray();
        for (const QJsonValue &item : pageItems)
            items->append(item);
        const int total = answer.value(QLatin1String("totalCount")).toInt(-1);
        const bool done_ = pageItems.isEmpty() || (total >= 0 && items->size() >= total) || page >= MaxPages;
        if (done_)
            return done(*items);
        nextPage(path, query, key, offset + int(pageItems.size()), page + 1, items, done);
    });
}

void AstroDiscovery::Run::listOrganizations()
{
    Q_EMIT m_owner->progress(QStringLiteral("Listing organizations"));
    // A token that may not list organizations still names its own in its claims: carry on with those.
    m_recover = [this](const ApiError &error) {
        if (error.kind() != Kind::Forbidden || m_claimedOrganizations.isEmpty())
            return false;
        m_versionKnown = true;
        for (const QString &id : std::as_const(m_claimedOrganizations))
            m_organizations.append({id, id});
        nextOrganization();
        return true;
    };
    paged(QStringLiteral("/organizations"), {}, QStringLiteral("organizations"),
          [this](const QJsonArray &items) {
              m_recover = nullptr;
              for (const QJsonValue &value : items) {
                  const QJsonObject object = value.toObject();
                  const QString id = object.value(QLatin1String("id")).toString();
                  if (id.isEmpty())
                      continue;
                  // A token for one organization lists that one; the claims say which when the API lists
                  // more.
                  if (!m_claimedOrganizations.isEmpty() && !m_claimedOrganizations.contains(id))
                      continue;
                  m_organizations.append({id, object.value(QLatin1String("name")).toString(id)});
              }
              if (m_organizations.isEmpty()) {
                  return finish(ApiError(Kind::NotFound,
                                         QStringLiteral("The token gives access to no Astro organization.")));
              }
              nextOrganization();
          });
}

void AstroDiscovery::Run::nextOrganization()
{
    if (++m_organizationIndex >= m_organizations.size()) {
        m_owner->m_apiVersion = m_version.section(u'/', -1);
        return finish(m_found);
    }
    const Organization organization = m_organizations.at(m_organizationIndex);
    const QString base =
        QStringLiteral("/organizations/") + QString::fromUtf8(QUrl::toPercentEncoding(organization.id));
    auto listDeployments = [this, base, organization](const QJsonArray &workspaces) {
        m_recover = nullptr;
        m_workspaceNames.clear();
        for (const QJsonValue &value : workspaces) {
            const QJsonObject object = value.toObject();
            m_workspaceNames.insert(object.value(QLatin1String("id")).toString(),
                                    object.value(QLatin1String("name")).toString());
        }
        // A Workspace token lists its own workspace's deployments only.
        QUrlQuery query;
        for (const QString &workspace : std::as_const(m_claimedWorkspaces))
            query.addQueryItem(QStringLiteral("workspaceIds"), workspace);
        Q_EMIT m_owner->progress(QStringLiteral("Listing the deployments of %1").arg(organization.name));
        paged(base + QStringLiteral("/deployments"), query, QStringLiteral("deployments"),
              [this, organization](const QJsonArray &deployments) {
                  for (const QJsonValue &value : deployments)
                      m_found.append(
                          fromJson(value.toObject(), organization.id, organization.name, m_workspaceNames));
                  nextOrganization();
              });
    };
    // The workspaces only give names (deployments carry workspaceName too): a token that may not list them
    // still lists its deployments.
    m_recover = [listDeployments](const ApiError &error) {
        if (error.kind() != Kind::Forbidden)
            return false;
        listDeployments({});
        return true;
    };
    Q_EMIT m_owner->progress(QStringLiteral("Listing the workspaces of %1").arg(organization.name));
    paged(base + QStringLiteral("/workspaces"), {}, QStringLiteral("workspaces"), listDeployments);
}

DiscoveredDeployment AstroDiscovery::fromJson(const QJsonObject &object, const QString &organizationId,
                                              const QString &organizationName,
                                              const QHash<QString, QString> &workspaceNames)
{
    auto text = [&object](const char *key) { return object.value(QLatin1String(key)).toString().trimmed(); };
    DiscoveredDeployment deployment;
    deployment.id = text("id");
    deployment.name = text("name");
    deployment.organizationId = organizationId;
    deployment.organizationName = organizationName;
    deployment.workspaceId = text("workspaceId");
    deployment.workspaceName = text("workspaceName");
    if (deployment.workspaceName.isEmpty())
        deployment.workspaceName = workspaceNames.value(deployment.workspaceId, deployment.workspaceId);
    deployment.airflowVersion = text("airflowVersion");
    // "if airflow version is not found, it will return NA"
    if (deployment.airflowVersion.compare(QLatin1String("NA"), Qt::CaseInsensitive) == 0)
        deployment.airflowVersion.clear();
    deployment.status = text("status");
    // apiUrl (newer) has a scheme; webServerAirflowApiUrl (every version) has none.
    QString apiText = text("apiUrl");
    if (apiText.isEmpty()) {
        apiText = text("webServerAirflowApiUrl");
        if (!apiText.isEmpty() && !apiText.contains(QLatin1String("://")))
            apiText.prepend(QStringLiteral("https://"));
    }
    if (apiText.isEmpty()) {
        deployment.problem = QStringLiteral("Astro gave no API URL for this deployment.");
    } else {
        QString error;
        if (const auto url = Profiles::normalizeDeploymentUrl(apiText, &error))
            deployment.apiUrl = *url;
        else
            deployment.problem = QStringLiteral("Its API URL \"%1\" cannot be used: %2").arg(apiText, error);
    }
    QString uiText = text("uiUrl");
    if (uiText.isEmpty()) {
        uiText = text("webServerUrl");
        if (!uiText.isEmpty() && !uiText.contains(QLatin1String("://")))
            uiText.prepend(QStringLiteral("https://"));
    }
    deployment.uiUrl = QUrl(uiText);
    return deployment;
}

AstroDiscovery::AstroDiscovery(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_platformUrl(defaultPlatformUrl())
{}

AstroDiscovery::~AstroDiscovery() = default;

QUrl AstroDiscovery::defaultPlatformUrl()
{
    return QUrl(QStringLiteral("https://api.astronomer.io"));
}

void AstroDiscovery::setPlatformUrl(const QUrl &url)
{
    m_platformUrl = url.isValid() && !url.isEmpty() ? url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment)
                                                    : defaultPlatformUrl();
}

void AstroDiscovery::setPageSize(int limit)
{
    m_pageSize = qBound(1, limit, 1000);
}

void AstroDiscovery::setTransferTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds;
}

void AstroDiscovery::discover(const QString &token, QObject *context, Callback done)
{
    cancel();
    m_apiVersion.clear();
    m_run = new Run(this, token, context, std::move(done));
    m_run->start();
}

void AstroDiscovery::cancel()
{
    if (m_run)
        m_run->cancel();
    m_run = nullptr;
}

bool AstroDiscovery::isRunning() const
{
    return m_run && !m_run->isFinished();
}

} // namespace Windsock::Discovery
