#include "cataloguefetcher.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/dialect.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

namespace Windsock::Explorer {

namespace {

const QString &byHand()
{
    static const QString text = QStringLiteral("requests can still be typed by hand.");
    return text;
}

bool looksLikeHtml(const Api::RawResponse &response)
{
    const QByteArray start = response.body.left(512).trimmed().toLower();
    return response.header("Content-Type").toLower().contains("text/html") || start.startsWith("<!doctype") ||
           start.startsWith("<html");
}

} // namespace

CatalogueFetcher::CatalogueFetcher(QObject *parent)
    : QObject(parent)
{}

CatalogueFetcher::~CatalogueFetcher()
{
    cancel();
}

QStringList CatalogueFetcher::documentPaths(Api::ApiKind apiKind)
{
    switch (apiKind) {
    case Api::ApiKind::V1:
        // connexion serves the spec it was given under the API's base path, as JSON and as YAML.
        return {QStringLiteral("/api/v1/openapi.json"), QStringLiteral("/api/v1/openapi.yaml")};
    case Api::ApiKind::V2:
        // FastAPI's default openapi_url on the root app (it lists the /ui/ API too).
        return {QStringLiteral("/openapi.json")};
    case Api::ApiKind::Experimental:
    case Api::ApiKind::Unknown:
        break;
    }
    return {};
}

bool CatalogueFetcher::isRunning() const
{
    return m_call || m_watcher;
}

void CatalogueFetcher::cancel()
{
    ++m_generation;
    if (m_call)
        m_call->cancel();
    m_call = nullptr;
    if (m_watcher) {
        // The parse cannot be interrupted; its result is dropped with the watcher.
        m_watcher->disconnect(this);
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
}

void CatalogueFetcher::fetch(Api::AirflowClient *client)
{
    cancel();
    m_client = client;
    m_notFound.clear();
    const Api::ApiKind kind = client ? client->dialect().kind() : Api::ApiKind::Unknown;
    m_paths = documentPaths(kind);
    if (m_paths.isEmpty()) {
        const QString message =
            kind == Api::ApiKind::Experimental
                ? QStringLiteral("Airflow 1.10's experimental API publishes no OpenAPI document: ") + byHand()
                : QStringLiteral("The server's API version is not known, so its OpenAPI document cannot be "
                                 "found: ") +
                      byHand();
        // Queued, so that failed() never arrives inside fetch(): a caller connects, then fetches.
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation, message] {
                if (generation == m_generation)
                    Q_EMIT failed(message);
            },
            Qt::QueuedConnection);
        return;
    }
    tryPath(0);
}

void CatalogueFetcher::tryPath(int index)
{
    if (!m_client) {
        Q_EMIT failed(QStringLiteral("The connection to the server was closed before its OpenAPI document "
                                     "arrived."));
        return;
    }
    const QString path = m_paths.at(index);
    Api::RawRequest request;
    request.path = path;
    if (path.endsWith(QLatin1String(".yaml")))
        request.headers.append(
            {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/yaml, text/yaml;q=0.9, */*;q=0.5")});
    const quint64 generation = m_generation;
    m_call = m_client->send(
        request, this, [this, generation, index, path](const Api::Result<Api::RawResponse> &result) {
            if (generation != m_generation)
                return;
            m_call = nullptr;
            if (!result.ok()) {
                if (result.error().kind() != Api::ApiError::Kind::Cancelled)
                    Q_EMIT failed(QStringLiteral("The OpenAPI document could not be fetched from %1: %2")
                                      .arg(path, result.error().message()));
                return;
            }
            const Api::RawResponse &response = result.value();
            const int status = response.status;
            if (status == 404 || status == 405) {
                m_notFound.append(path);
                if (index + 1 < m_paths.size())
                    return tryPath(index + 1);
                Q_EMIT failed(QStringLiteral("The server has no OpenAPI document at %1 (HTTP %2): %3")
                                  .arg(m_notFound.join(QLatin1String(" or ")))
                                  .arg(status)
                                  .arg(byHand()));
                return;
            }
            if (status == 401) {
                Q_EMIT failed(QStringLiteral("The server refused the credentials when asked for its OpenAPI "
                                             "document at %1 (HTTP 401): %2")
                                  .arg(path, byHand()));
                return;
            }
            if (status == 403) {
                Q_EMIT failed(QStringLiteral("This user may not read the server's OpenAPI document at %1 "
                                             "(HTTP 403): %2")
                                  .arg(path, byHand()));
                return;
            }
            if (status >= 300 && status < 400) {
                Q_EMIT failed(
                    QStringLiteral("The server redirected the request for its OpenAPI document at %1 "
                                   "(HTTP %2), probably to a login page: %3")
                        .arg(path)
                        .arg(status)
                        .arg(byHand()));
                return;
            }
            if (status != 200) {
                Q_EMIT failed(
                    QStringLiteral("The server answered HTTP %1 when asked for its OpenAPI document "
                                   "at %2: %3")
                        .arg(status)
                        .arg(path, byHand()));
                return;
            }
            if (looksLikeHtml(response)) {
                Q_EMIT failed(QStringLiteral("The server answered %1 with a web page (a login page?), not an "
                                             "OpenAPI document: %2")
                                  .arg(path, byHand()));
                return;
            }
            parse(response.body, path);
        });
}

void CatalogueFetcher::parse(const QByteArray &body, const QString &sourcePath)
{
    // Airflow 3's document is ~400 kB of YAML-sized JSON: reading it takes long enough to freeze a frame.
    m_watcher = new QFutureWatcher<Parsed>(this);
    const quint64 generation = m_generation;
    connect(m_watcher, &QFutureWatcher<Parsed>::finished, this, [this, generation, sourcePath] {
        if (generation != m_generation || !m_watcher)
            return;
        const Parsed parsed = m_watcher->result();
        m_watcher->deleteLater();
        m_watcher = nullptr;
        finish(parsed, sourcePath);
    });
    m_watcher->setFuture(QtConcurrent::run([body] {
        Parsed parsed;
        parsed.catalogue = OpenApiCatalogue::fromDocument(body, &parsed.error);
        return parsed;
    }));
}

void CatalogueFetcher::finish(const Parsed &parsed, const QString &sourcePath)
{
    if (!parsed.error.isEmpty()) {
        Q_EMIT failed(QStringLiteral("The server's OpenAPI document at %1 could not be read. %2 Requests can "
                                     "still be typed by hand.")
                          .arg(sourcePath, parsed.error));
        return;
    }
    Q_EMIT loaded(parsed.catalogue, sourcePath);
}

} // namespace Windsock::Explorer
