#pragma once

#include "result.h"
#include "types.h"

#include <QJsonDocument>
#include <QLatin1String>

namespace Windsock::Api {

// Reads a collection of datasets (Airflow 2's DatasetCollection, itemsKey "datasets") or assets (Airflow 3's
// AssetCollectionResponse, "assets"). Both dialects share it: an asset is a dataset with a name and a group,
// and the DAGs scheduled on it are "consuming_dags" in one and "scheduled_dags" in the other. Every field is
// optional; one of the wrong type is an UnexpectedShape error that names it.
Result<Page<Asset>> decodeAssetCollection(const QJsonDocument &json, QLatin1String itemsKey);

} // namespace Windsock::Api
