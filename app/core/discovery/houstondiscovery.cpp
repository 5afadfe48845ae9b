#include "houstondiscovery.h"
#include "discoveryhttp.h"

#include "api/apicall.h"
#include "api/httpexchange.h"
#include "profiles/profile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>

namespace Windsock::Discovery {

using Api::ApiError;
using Kind = Api::ApiError::Kind;

namespace {

const QString Service = QStringLiteral("the Houston API");

const QString AppConfigQuery = QStringLiteral("query AppConfig { appConfig { version } }");
const QString WorkspacesQuery = QStringLiteral("query GetWorkspaces { workspaces { id label description } }");
// urls { type url } in the list itself saves a call per deployment (astronomer-notes.md, 3.3).
const QString DeploymentsQuery = QStringLiteral(
    "query GetDeployments($workspaceId: Uuid!) { workspaceDeployments(workspaceUuid: "
    "$workspaceId) { id label releaseName airflowVersion runtimeVersion urls { type url } } }");

// Houston's errors[] in plain words (astro-cli maps the same two to "Your token has expired").
ApiError graphQlError(const QJsonArray &errors)
{
    const QString said = errors.first().toObject().value(QLatin1String("message")).toString();
    if (said == QLatin1String("You do not have the appropriate permissions for that") ||
        said == QLatin1String("AUTH_TOKEN_REFRESH_FAILED")) {
        return ApiError(Kind::Unauthorized,
                        QStringLiteral("Houston refused the key: it is invalid or has expired, or it may not "
                                       "see this (\"%1\"). Check the key, or create a new service account "
                                       "key or token, and whether the Bearer setting is right.")
                            .arg(said),
                        200, said);
    }
    return ApiError(Kind::Http, QStringLiteral("Houston answered with an error: %1").arg(said), 200, said);
}

} // namespace

class HoustonDiscovery::Run final : public DiscoveryRun
{
public:
    Run(HoustonDiscovery *owner, QString baseDomain, QString key, bool bearer, QObject *context,
        Callback done)
        : DiscoveryRun(owner, context, std::move(done))
        , m_owner(owner)
        , m_baseDomain(std::move(baseDomain))
        , m_key(std::move(key))
        , m_bearer(bearer)
    {}

    void start();

private:
    void post(const QString &query, const QJsonObject &variables,
              std::function<void(const QJsonObject &)> handler);
    void nextWorkspace();

    HoustonDiscovery *m_owner;
    QString m_baseDomain;
    QString m_key;
    bool m_bearer;
    QUrl m_url;
    QList<QPair<QString, QString>> m_workspaces; // id, label
    int m_workspaceIndex = -1;
    QList<DiscoveredDeployment> m_found;
};

void HoustonDiscovery::Run::start()
{
    m_url = m_owner->m_houstonUrl.isValid() ? m_owner->m_houstonUrl : defaultHoustonUrl(m_baseDomain);
    if (!m_url.isValid()) {
        return finish(ApiError(
            Kind::HostNotFound,
            QStringLiteral("\"%1\" is not a base domain (e.g. astro.example.com).").arg(m_baseDomain)));
    }
    m_key = m_key.trimmed();
    if (m_key.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive)) {
        m_key = m_key.mid(7).trimmed();
        m_bearer = true;
    }
    if (m_key.isEmpty())
        return finish(ApiError(Kind::Unauthorized, QStringLiteral("Enter the Astronomer Software key.")));
    Q_EMIT m_owner->progress(QStringLiteral("Asking Houston for its version"));
    post(AppConfigQuery, {}, [this](const QJsonObject &data) {
        m_owner->m_houstonVersion =
            data.value(QLatin1String("appConfig")).toObject().value(QLatin1String("version")).toString();
        Q_EMIT m_owner->progress(QStringLiteral("Listing workspaces"));
        post(WorkspacesQuery, {}, [this](const QJsonObject &workspaces) {
            for (const QJsonValue &value : workspaces.value(QLatin1String("workspaces")).toArray()) {
                const QJsonObject workspace = value.toObject();
                const QString id = workspace.value(QLatin1String("id")).toString();
                if (!id.isEmpty())
                    m_workspaces.append({id, workspace.value(QLatin1String("label")).toString(id)});
            }
            nextWorkspace();
        });
    });
}

void HoustonDiscovery::Run::post(const QString &query, const QJsonObject &variables,
                                 std::function<void(const QJsonObject &)> handler)
{
    if (m_finished)
        return;
    QNetworkRequest request = DiscoveryHttp::request(m_url, m_owner->m_timeoutMs);
    request.setRawHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         (m_bearer ? QByteArrayLiteral("Bearer ") : QByteArray()) + m_key.toUtf8());
    QJsonObject body{{QStringLiteral("query"), query}};
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);
    m_call->setDescription(QStringLiteral("POST ") + m_url.path());
    QPointer<Run> self(this);
    Api::HttpExchange::start(
        m_owner->m_nam, request, QByteArrayLiteral("POST"),
        QJsonDocument(body).toJson(QJsonDocument::Compact), DiscoveryHttp::MaxBodyBytes, m_call,
        [self, handler = std::move(handler)](const Api::HttpOutcome &outcome) {
            if (!self || self->m_finished)
                return;
            auto fail = [&self](ApiError error) {
                error.setContext(self->m_call->description());
                self->finish(error);
            };
            if (outcome.error.isError())
                return fail(outcome.error);
            const QString where = DiscoveryHttp::where(self->m_url);
            const int status = outcome.status;
            if (status >= 300 && status < 400)
                return fail(DiscoveryHttp::redirected(outcome, Service, self->m_url));
            QJsonObject answer;
            const ApiError shape = DiscoveryHttp::jsonObject(outcome, Service, &answer);
            const QJsonArray errors = answer.value(QLatin1String("errors")).toArray();
            if (!shape.isError() && !errors.isEmpty())
                return fail(graphQlError(errors));
            if (status == 401 || status == 403) {
                return fail(ApiError(status == 401 ? Kind::Unauthorized : Kind::Forbidden,
                                     QStringLiteral("Houston at %1 refused the key (HTTP %2). Check the key, "
                                                    "and whether the Bearer setting is right.")
                                         .arg(where)
                                         .arg(status),
                                     status));
            }
            if (status == 404) {
                return fail(
                    ApiError(Kind::NotFound,
                             QStringLiteral("There is no Houston API at %1 (HTTP 404): check the base "
                                            "domain or the Houston URL.")
                                 .arg(self->m_url.toString()),
                             status));
            }
            if (status < 200 || status >= 300) {
                return fail(ApiError(
                    Kind::Http,
                    QStringLiteral("Houston at %1 failed (HTTP %2). Try again later.").arg(where).arg(status),
                    status));
            }
            if (shape.isError())
                return fail(shape);
            const QJsonValue data = answer.value(QLatin1String("data"));
            if (!data.isObject()) {
                return fail(ApiError(Kind::UnexpectedShape,
                                     QStringLiteral("Houston's answer has no data: check the Houston URL.")));
            }
            handler(data.toObject());
        });
}

void HoustonDiscovery::Run::nextWorkspace()
{
    if (++m_workspaceIndex >= m_workspaces.size())
        return finish(m_found);
    const auto [workspaceId, workspaceName] = m_workspaces.at(m_workspaceIndex);
    Q_EMIT m_owner->progress(QStringLiteral("Listing the deployments of %1").arg(workspaceName));
    post(DeploymentsQuery, QJsonObject{{QStringLiteral("workspaceId"), workspaceId}},
         [this, workspaceId = workspaceId, workspaceName = workspaceName](const QJsonObject &data) {
             for (const QJsonValue &value : data.value(QLatin1String("workspaceDeployments")).toArray())
                 m_found.append(fromJson(value.toObject(), m_baseDomain, workspaceId, workspaceName));
             nextWorkspace();
         });
}

DiscoveredDeployment HoustonDiscovery::fromJson(const QJsonObject &object, const QString &baseDomain,
                                                const QString &workspaceId, const QString &workspaceName)
{
    auto text = [&object](const char *key) { return object.value(QLatin1String(key)).toString().trimmed(); };
    DiscoveredDeployment deployment;
    deployment.id = text("id");
    deployment.name = text("label");
    deployment.releaseName = text("releaseName");
    if (deployment.name.isEmpty())
        deployment.name = deployment.releaseName;
    deployment.organizationName = baseDomain;
    deployment.workspaceId = workspaceId;
    deployment.workspaceName = workspaceName;
    deployment.airflowVersion = text("airflowVersion");
    if (deployment.airflowVersion.isEmpty())
        deployment.airflowVersion = text("runtimeAirflowVersion");
    QString airflowUrl;
    for (const QJsonValue &value : object.value(QLatin1String("urls")).toArray()) {
        const QJsonObject url = value.toObject();
        if (url.value(QLatin1String("type")).toString() == QLatin1String("airflow"))
            airflowUrl = url.value(QLatin1String("url")).toString().trimmed();
    }
    // The Airflow URL from Houston itself: APC's data plane may have another domain than Houston's.
    QString error;
    if (!airflowUrl.isEmpty()) {
        if (const auto url = Profiles::normalizeDeploymentUrl(airflowUrl, &error)) {
            deployment.apiUrl = *url;
            deployment.uiUrl = *url;
        } else {
            deployment.problem =
                QStringLiteral("Its Airflow URL \"%1\" cannot be used: %2").arg(airflowUrl, error);
        }
    } else if (const auto url = Profiles::softwareDeploymentUrl(baseDomain, deployment.releaseName, &error)) {
        deployment.apiUrl = *url;
        deployment.uiUrl = *url;
    } else {
        deployment.problem = QStringLiteral("Houston gave no Airflow URL for it: %1").arg(error);
    }
    return deployment;
}

HoustonDiscovery::HoustonDiscovery(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{}

HoustonDiscovery::~HoustonDiscovery() = default;

QUrl HoustonDiscovery::defaultHoustonUrl(const QString &baseDomain)
{
    static const QRegularExpression hostName(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
                       "(:[0-9]{1,5})?$"));
    const QString domain = baseDomain.trimmed();
    if (!hostName.match(domain).hasMatch())
        return {};
    return QUrl(QStringLiteral("https://houston.") + domain + QStringLiteral("/v1"));
}

void HoustonDiscovery::setHoustonUrl(const QUrl &url)
{
    m_houstonUrl = url.isValid() && !url.isEmpty() ? url : QUrl();
}

void HoustonDiscovery::setTransferTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds;
}

void HoustonDiscovery::discover(const QString &baseDomain, const QString &key, bool bearer, QObject *context,
                                Callback done)
{
    cancel();
    m_houstonVersion.clear();
    m_run = new Run(this, baseDomain.trimmed(), key, bearer, context, std::move(done));
    m_run->start();
}

void HoustonDiscovery::cancel()
{
    if (m_run)
        m_run->cancel();
    m_run = nullptr;
}

bool HoustonDiscovery::isRunning() const
{
    return m_run && !m_run->isFinished();
}

} // namespace Windsock::Discovery
