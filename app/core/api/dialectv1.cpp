#include "dialectv1.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

// DialectV1: requests and error bodies. The decoders are in dialectv1decode.cpp.
namespace Windsock::Api {

namespace {

const QString apiRoot = QStringLiteral("/api/v1");

QString path(std::initializer_list<QString> segments)
{
    QString result = apiRoot;
    for (const QString &segment : segments)
        result += QLatin1Char('/') + ApiRequest::encodeSegment(segment);
    return result;
}

void addPaging(ApiRequest &request, int limit, int offset)
{
    request.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    request.addQueryItem(QStringLiteral("offset"), QString::number(offset));
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QString DialectV1::name() const
{
    return QStringLiteral("Airflow 2.x REST API (/api/v1)");
}

QString DialectV1::formatDateTime(const QDateTime &dateTime)
{
    const QDateTime utc = dateTime.toUTC();
    QString text = utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (utc.time().msec() != 0)
        text += QStringLiteral(".%1").arg(utc.time().msec(), 3, 10, QLatin1Char('0'));
    return text + QStringLiteral("+00:00");
}

ApiRequest DialectV1::versionRequest() const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("version")});
    return request;
}

ApiRequest DialectV1::healthRequest() const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("health")});
    return request;
}

ApiRequest DialectV1::dagsRequest(const DagQuery &query) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("dags")});
    addPaging(request, query.limit, query.offset);
    if (!query.orderBy.isEmpty())
        request.addQueryItem(QStringLiteral("order_by"), query.orderBy);
    for (const QString &tag : query.tags)
        request.addQueryItem(QStringLiteral("tags"), tag);
    if (!query.dagIdPattern.isEmpty())
        request.addQueryItem(QStringLiteral("dag_id_pattern"), query.dagIdPattern);
    if (query.paused.has_value())
        request.addQueryItem(QStringLiteral("paused"),
                             *query.paused ? QStringLiteral("true") : QStringLiteral("false"));
    if (!query.onlyActive)
        request.addQueryItem(QStringLiteral("only_active"), QStringLiteral("false"));
    return request;
}

ApiRequest DialectV1::dagRequest(const QString &dagId) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("dags"), dagId});
    return request;
}

ApiRequest DialectV1::dagDetailsRequest(const QString &dagId) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("dags"), dagId, QStringLiteral("details")});
    return request;
}

ApiRequest DialectV1::patchDagRequest(const QString &dagId, bool paused) const
{
    ApiRequest request;
    request.method = QByteArrayLiteral("PATCH");
    request.encodedPath = path({QStringLiteral("dags"), dagId});
    request.addQueryItem(QStringLiteral("update_mask"), QStringLiteral("is_paused"));
    request.body = compact({{QStringLiteral("is_paused"), paused}});
    return request;
}

ApiRequest DialectV1::patchDagsRequest(const QString &dagIdPattern, bool paused, int limit, int offset) const
{
    if (const QString reason = unavailableReason(Feature::PauseDags); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    ApiRequest request;
    request.method = QByteArrayLiteral("PATCH");
    request.encodedPath = path({QStringLiteral("dags")});
    addPaging(request, limit, offset);
    // v1 requires dag_id_pattern; "~" means every DAG.
    request.addQueryItem(QStringLiteral("dag_id_pattern"),
                         dagIdPattern.isEmpty() ? QStringLiteral("~") : dagIdPattern);
    request.addQueryItem(QStringLiteral("update_mask"), QStringLiteral("is_paused"));
    request.body = compact({{QStringLiteral("is_paused"), paused}});
    return request;
}

ApiRequest DialectV1::dagRunsRequest(const DagRunQuery &query) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("dags"), query.dagId, QStringLiteral("dagRuns")});
    addPaging(request, query.limit, query.offset);
    if (!query.orderBy.isEmpty())
        request.addQueryItem(QStringLiteral("order_by"), query.orderBy);
    for (const QString &state : query.states)
        request.addQueryItem(QStringLiteral("state"), state);
    const auto addRange = [&request](const QString &prefix, const QDateTime &from, const QDateTime &to) {
        if (from.isValid())
            request.addQueryItem(prefix + QStringLiteral("_gte"), formatDateTime(from));
        if (to.isValid())
            request.addQueryItem(prefix + QStringLiteral("_lte"), formatDateTime(to));
    };
    addRange(QStringLiteral("execution_date"), query.logicalDateFrom, query.logicalDateTo);
    addRange(QStringLiteral("start_date"), query.startDateFrom, query.startDateTo);
    addRange(QStringLiteral("end_date"), query.endDateFrom, query.endDateTo);
    return request;
}

ApiRequest DialectV1::dagRunRequest(const QString &dagId, const QString &dagRunId) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("dags"), dagId, QStringLiteral("dagRuns"), dagRunId});
    return request;
}

ApiRequest DialectV1::triggerDagRunRequest(const TriggerRequest &trigger) const
{
    // Only writable fields: connexion rejects read-only ones (state, dag_id, run_type, ...) with a 400.
    QJsonObject body;
    if (!trigger.dagRunId.isEmpty())
        body.insert(QStringLiteral("dag_run_id"), trigger.dagRunId);
    // logical_date arrived in 2.2; 2.0 and 2.1 know the same field as execution_date.
    if (trigger.logicalDate.isValid())
        body.insert(serverVersion().version.isEmpty() || serverVersion().isAtLeast(2, 2)
                        ? QStringLiteral("logical_date")
                        : QStringLiteral("execution_date"),
                    formatDateTime(trigger.logicalDate));
    body.insert(QStringLiteral("conf"), trigger.conf);
    if (!trigger.note.isEmpty()) {
        if (const QString reason = unavailableReason(Feature::RunNotes); !reason.isEmpty())
            return ApiRequest::unavailableBecause(reason);
        body.insert(QStringLiteral("note"), trigger.note);
    }

    ApiRequest request;
    request.method = QByteArrayLiteral("POST");
    request.encodedPath = path({QStringLiteral("dags"), trigger.dagId, QStringLiteral("dagRuns")});
    request.body = compact(body);
    return request;
}

ApiRequest DialectV1::deleteDagRunRequest(const QString &dagId, const QString &dagRunId) const
{
    ApiRequest request = dagRunRequest(dagId, dagRunId);
    request.method = QByteArrayLiteral("DELETE");
    return request;
}

ApiRequest DialectV1::taskInstancesRequest(const TaskInstanceQuery &query) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("dags"), query.dagId, QStringLiteral("dagRuns"),
                                query.dagRunId, QStringLiteral("taskInstances")});
    addPaging(request, query.limit, query.offset);
    return request;
}

ApiRequest DialectV1::taskLogRequest(const QString &dagId, const QString &dagRunId, const QString &taskId,
                                     int tryNumber) const
{
    ApiRequest request;
    request.encodedPath =
        path({QStringLiteral("dags"), dagId, QStringLiteral("dagRuns"), dagRunId,
              QStringLiteral("taskInstances"), taskId, QStringLiteral("logs"), QString::number(tryNumber)});
    request.addQueryItem(QStringLiteral("full_content"), QStringLiteral("true"));
    // The JSON form is a Python repr of (host, text) tuples; plain text is the log itself.
    request.accept = QByteArrayLiteral("text/plain");
    return request;
}

ApiRequest DialectV1::poolsRequest(int limit, int offset) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("pools")});
    addPaging(request, limit, offset);
    return request;
}

ApiRequest DialectV1::importErrorsRequest(int limit, int offset) const
{
    ApiRequest request;
    request.encodedPath = path({QStringLiteral("importErrors")});
    addPaging(request, limit, offset);
    return request;
}

Result<QString> DialectV1::decodeTaskLog(const QByteArray &body) const
{
    return QString::fromUtf8(body);
}

QString DialectV1::errorDetail(const QByteArray &body) const
{
    // problem+json {type, title, status, detail, instance}; Airflow 3 answers /api/v1 and the experimental
    // API answers with {"error": "..."}.
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    for (const auto *key : {"detail", "error", "title", "message"}) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isString() && !value.toString().trimmed().isEmpty())
            return value.toString().trimmed();
        if (value.isObject() || value.isArray())
            return QString::fromUtf8(
                (value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray()))
                    .toJson(QJsonDocument::Compact));
    }
    return {};
}

} // namespace Windsock::Api
