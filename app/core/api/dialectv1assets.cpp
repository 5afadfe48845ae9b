#include "dialectassets.h"
#include "dialectv1.h"
#include "jsonfields.h"
#include "pagedecode.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

// DialectV1: datasets (GET /api/v1/datasets, Airflow 2.4+), and the collection reader DialectV2 shares.
namespace Windsock::Api {

namespace {

// The objects of a list field, each read by `read`; an entry that is not an object names itself.
template<typename Read>
void readEach(JsonFields &f, QLatin1String key, Read read)
{
    if (!f.has(key))
        return;
    if (!f.value(key).isArray()) {
        f.fail(key, QObject::tr("a list"));
        return;
    }
    const QJsonArray items = f.array(key);
    for (qsizetype i = 0; i < items.size() && f.ok(); ++i) {
        JsonFields entry(items.at(i), QStringLiteral("%1.%2[%3]").arg(f.where(), key).arg(i));
        if (entry.ok())
            read(entry);
        f.adopt(entry.error());
    }
}

Asset readAsset(JsonFields &f)
{
    Asset asset;
    asset.id = f.integer(QLatin1String("id"));
    asset.uri = f.string(QLatin1String("uri"));
    // A dataset has no name: its uri is what people call it.
    asset.name = f.string(QLatin1String("name"), asset.uri);
    asset.group = f.string(QLatin1String("group"));
    asset.createdAt = f.dateTime(QLatin1String("created_at"));
    asset.updatedAt = f.dateTime(QLatin1String("updated_at"));
    const auto readDag = [&asset](JsonFields &entry) {
        const QString dagId = entry.string(QLatin1String("dag_id"));
        if (!dagId.isEmpty() && !asset.consumingDagIds.contains(dagId))
            asset.consumingDagIds.append(dagId);
    };
    readEach(f, QLatin1String("consuming_dags"), readDag); // Airflow 2
    readEach(f, QLatin1String("scheduled_dags"), readDag); // Airflow 3
    readEach(f, QLatin1String("producing_tasks"), [&asset](JsonFields &entry) {
        const QString dagId = entry.string(QLatin1String("dag_id"));
        const QString taskId = entry.string(QLatin1String("task_id"));
        if (dagId.isEmpty() && taskId.isEmpty())
            return;
        const QString task = dagId + QLatin1Char('.') + taskId;
        if (!asset.producingTasks.contains(task))
            asset.producingTasks.append(task);
    });
    const QLatin1String extraKey("extra");
    if (f.has(extraKey)) {
        const QJsonValue extra = f.value(extraKey);
        if (extra.isObject())
            asset.extra = QString::fromUtf8(QJsonDocument(extra.toObject()).toJson(QJsonDocument::Compact));
        else
            f.fail(extraKey, QObject::tr("an object"));
    }
    return asset;
}

} // namespace

Result<Page<Asset>> decodeAssetCollection(const QJsonDocument &json, QLatin1String itemsKey)
{
    return decodePage<Asset>(json, itemsKey, QString(itemsKey), &readAsset);
}

ApiRequest DialectV1::assetsRequest(const CollectionQuery &query) const
{
    if (const QString reason = unavailableReason(Feature::Assets); !reason.isEmpty())
        return ApiRequest::unavailableBecause(reason);
    ApiRequest request;
    request.encodedPath = QStringLiteral("/api/v1/datasets");
    request.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    request.addQueryItem(QStringLiteral("offset"), QString::number(query.offset));
    if (!query.orderBy.isEmpty())
        request.addQueryItem(QStringLiteral("order_by"), query.orderBy);
    return request;
}

Result<Page<Asset>> DialectV1::decodeAssets(const QJsonDocument &json) const
{
    return decodeAssetCollection(json, QLatin1String("datasets"));
}

} // namespace Windsock::Api
