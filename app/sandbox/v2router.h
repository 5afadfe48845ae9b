#pragma once

#include "apirequest.h"
#include "apiresponse.h"
#include "v2shapes.h"

#include <QJsonObject>
#include <QSet>
#include <QUrlQuery>

#include <optional>

namespace Windsock::Sandbox {

class ApiRouter;
class SandboxAuth;

// Airflow 3's /api/v2 over the sandbox's Airflow 2 handlers: it checks each request as FastAPI does (strict
// bodies, 422 lists, logical_date required in a trigger, repeated order_by and update_mask, a default page of
// 50), asks the /api/v1 router for the same thing, and answers in v2's shapes (V2Shapes) with v2's status
// codes (201 on create) and {"detail": ...} errors. /api/v1 is gone, as in Airflow 3.
class V2Router
{
public:
    V2Router(ApiRouter *v1, SandboxAuth *auth);

    ApiResponse route(const ApiRequest &request);

private:
    struct Call
    {
        QByteArray method = QByteArrayLiteral("GET");
        QStringList segments;
        QUrlQuery query{};
        QByteArray body{};
        QByteArray accept = QByteArrayLiteral("application/json");
    };
    // The v1 router's answer to the same caller (same credentials) for call.
    ApiResponse v1(const ApiRequest &original, const Call &call) const;
    ApiResponse dispatch(const ApiRequest &request, const QStringList &s);

    ApiResponse list(const ApiRequest &request, const QStringList &segments, const QString &itemsKey,
                     QJsonObject (*shape)(const QJsonObject &));
    ApiResponse one(const ApiRequest &request, const Call &call, QJsonObject (*shape)(const QJsonObject &),
                    int status = 200);
    ApiResponse dags(const ApiRequest &request, const QStringList &s);
    ApiResponse dagDetails(const ApiRequest &request, const QString &dagId);
    ApiResponse dagRuns(const ApiRequest &request, const QStringList &s);
    ApiResponse trigger(const ApiRequest &request, const QString &dagId);
    ApiResponse patchRun(const ApiRequest &request, const QString &dagId, const QString &runId);
    ApiResponse clearRun(const ApiRequest &request, const QString &dagId, const QString &runId);
    ApiResponse taskInstances(const ApiRequest &request, const QStringList &s);
    ApiResponse patchTaskInstance(const ApiRequest &request, const QString &dagId, const QString &runId,
                                  const QString &taskId, bool dryRun);
    ApiResponse clearTaskInstances(const ApiRequest &request, const QString &dagId);
    ApiResponse batch(const ApiRequest &request, const QStringList &s, bool taskInstances);
    ApiResponse log(const ApiRequest &request, const QStringList &s);
    ApiResponse xcoms(const ApiRequest &request, const QStringList &s);
    ApiResponse dagSource(const ApiRequest &request, const QString &dagId);
    ApiResponse resources(const ApiRequest &request, const QStringList &s);
    // PATCH /variables, /connections, /pools: a BulkBody (v2routerbulk.cpp).
    ApiResponse bulk(const ApiRequest &request, const QString &collection);

    QJsonObject runJson(const QJsonObject &v1) const;
    QJsonObject taskInstanceJson(const QJsonObject &v1) const;
    // Task instance references (v1's action answers) as a v2 TaskInstanceCollectionResponse.
    ApiResponse referencedTaskInstances(const ApiRequest &request, const ApiResponse &references) const;
    QString dagDisplayName(const ApiRequest &request, const QString &dagId) const;

    ApiRouter *m_v1;
    SandboxAuth *m_auth;
    // Runs triggered with "logical_date": null: v2 shows them without one (the store always has one).
    QSet<QString> m_withoutLogicalDate;
};

} // namespace Windsock::Sandbox
