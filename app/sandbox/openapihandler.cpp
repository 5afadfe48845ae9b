#include "openapihandler.h"

#include "apirequest.h"
#include "sandboxlogging.h"
#include "sandboxoptions.h"

#include <explorer/yamljson.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Windsock::Sandbox {

namespace {

// One operation of Airflow 3's private UI API, as its served document lists them.
QJsonObject uiPathItem()
{
    const QJsonObject ok{
        {QStringLiteral("description"), QStringLiteral("Successful Response")},
        {QStringLiteral("content"),
         QJsonObject{{QStringLiteral("application/json"),
                      QJsonObject{{QStringLiteral("schema"),
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}}}}}};
    return QJsonObject{
        {QStringLiteral("get"),
         QJsonObject{{QStringLiteral("tags"), QJsonArray{QStringLiteral("Dashboard")}},
                     {QStringLiteral("summary"), QStringLiteral("Historical Metrics")},
                     {QStringLiteral("operationId"), QStringLiteral("historical_metrics")},
                     {QStringLiteral("responses"), QJsonObject{{QStringLiteral("200"), ok}}}}}};
}

} // namespace

OpenApiHandler::OpenApiHandler(const SandboxOptions &options)
    : m_v2(options.api == ApiVersion::V2)
{
    if (options.openApiFile.isEmpty() || options.api == ApiVersion::Experimental)
        return;
    QString error;
    const std::optional<Document> document = load(options.openApiFile, &error);
    if (!document) {
        qCWarning(lcSandbox).noquote() << error;
        return;
    }
    m_yaml = document->bytes;
    m_json = document->json;
    if (m_v2) {
        QJsonObject root = QJsonDocument::fromJson(m_json).object();
        QJsonObject paths = root.value(QLatin1String("paths")).toObject();
        paths.insert(QStringLiteral("/ui/dashboard/historical_metrics_data"), uiPathItem());
        root.insert(QStringLiteral("paths"), paths);
        m_json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    }
}

std::optional<OpenApiHandler::Document> OpenApiHandler::load(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the OpenAPI file %1: %2").arg(fileName, file.errorString());
        return std::nullopt;
    }
    Document document;
    document.bytes = file.readAll();
    const QByteArray start = document.bytes.trimmed().left(1);
    QJsonObject root;
    if (start == "{") {
        QJsonParseError parseError;
        root = QJsonDocument::fromJson(document.bytes, &parseError).object();
        if (parseError.error != QJsonParseError::NoError) {
            *error = QStringLiteral("the OpenAPI file %1 is not valid JSON: %2")
                         .arg(fileName, parseError.errorString());
            return std::nullopt;
        }
    } else {
        QString yamlError;
        const QJsonValue value = Explorer::yamlToJson(document.bytes, &yamlError);
        if (!yamlError.isEmpty()) {
            *error = QStringLiteral("the OpenAPI file %1 is not valid YAML: %2").arg(fileName, yamlError);
            return std::nullopt;
        }
        root = value.toObject();
        document.yaml = true;
    }
    if (root.isEmpty()) {
        *error = QStringLiteral("the OpenAPI file %1 holds no JSON or YAML object").arg(fileName);
        return std::nullopt;
    }
    document.json = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return document;
}

bool OpenApiHandler::check(const QString &fileName, QString *error)
{
    return load(fileName, error).has_value();
}

std::optional<ApiResponse> OpenApiHandler::answer(const ApiRequest &request) const
{
    if (m_json.isEmpty() || (request.method != "GET" && request.method != "HEAD"))
        return std::nullopt;
    const QString jsonPath = m_v2 ? QStringLiteral("/openapi.json") : QStringLiteral("/api/v1/openapi.json");
    if (request.path == jsonPath)
        return ApiResponse{200, QByteArrayLiteral("application/json"), m_json};
    // connexion serves the spec it was given; JSON is YAML too, so a JSON file is served as it is.
    if (!m_v2 && request.path == QLatin1String("/api/v1/openapi.yaml"))
        return ApiResponse{200, QByteArrayLiteral("application/yaml"), m_yaml};
    return std::nullopt;
}

} // namespace Windsock::Sandbox
