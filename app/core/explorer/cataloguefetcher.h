#pragma once

#include "openapicatalogue.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
enum class ApiKind;
} // namespace Windsock::Api

namespace Windsock::Explorer {

// Fetches the deployment's own OpenAPI document and parses it into a catalogue off the UI thread.
//
// Where Airflow serves it: Airflow 2 (connexion) at /api/v1/openapi.json, and /api/v1/openapi.yaml which is
// asked when the JSON one is missing; Airflow 3 (FastAPI) at /openapi.json on the root app. Airflow 1.10's
// experimental API has none: failed() says so at once and nothing is sent. The requests go through
// AirflowClient::send, so the profile's authentication and TLS settings apply.
//
// Exactly one of loaded() or failed() follows each fetch(), unless cancel() is called first. A new fetch()
// cancels the one in flight.
class CatalogueFetcher final : public QObject
{
    Q_OBJECT

public:
    explicit CatalogueFetcher(QObject *parent = nullptr);
    ~CatalogueFetcher() override;

    // The paths tried for an API kind, in order (empty for Experimental and Unknown).
    static QStringList documentPaths(Api::ApiKind apiKind);

    void fetch(Api::AirflowClient *client);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    // sourcePath: the path the document came from ("/api/v1/openapi.json").
    void loaded(const Windsock::Explorer::OpenApiCatalogue &catalogue, const QString &sourcePath);
    // message: plain words, e.g. "The server has no OpenAPI document at /openapi.json (HTTP 404): requests
    // can still be typed by hand."
    void failed(const QString &message);

private:
    struct Parsed
    {
        OpenApiCatalogue catalogue;
        QString error;
    };

    void tryPath(int index);
    void parse(const QByteArray &body, const QString &sourcePath);
    void finish(const Parsed &parsed, const QString &sourcePath);

    QPointer<Api::AirflowClient> m_client;
    QPointer<Api::ApiCall> m_call;
    QStringList m_paths;
    QStringList m_notFound;
    QFutureWatcher<Parsed> *m_watcher = nullptr;
    quint64 m_generation = 0;
};

} // namespace Windsock::Explorer
