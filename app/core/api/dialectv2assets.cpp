#include "dialectassets.h"
#include "dialectv2.h"

// DialectV2: assets (GET /api/v2/assets), Airflow 3's datasets renamed.
namespace Windsock::Api {

ApiRequest DialectV2::assetsRequest(const CollectionQuery &query) const
{
    ApiRequest request;
    request.encodedPath = QStringLiteral("/api/v2/assets");
    request.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    request.addQueryItem(QStringLiteral("offset"), QString::number(query.offset));
    if (!query.orderBy.isEmpty())
        request.addQueryItem(QStringLiteral("order_by"), query.orderBy);
    return request;
}

Result<Page<Asset>> DialectV2::decodeAssets(const QJsonDocument &json) const
{
    return decodeAssetCollection(json, QLatin1String("assets"));
}

} // namespace Windsock::Api
