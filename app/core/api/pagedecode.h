#pragma once

#include "jsonfields.h"
#include "result.h"
#include "types.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Windsock::Api {

// An Airflow list answer, {"<itemsKey>": [...], "total_entries": N}, each item read by read(JsonFields &).
// The first item that does not read ends the decoding with its error, named by its place ("dags[3].dag_id");
// itemName is what the list holds, in words ("DAG runs"). Without total_entries, the page's own size.
template<typename T, typename Read>
Result<Page<T>> decodePage(const QJsonDocument &json, QLatin1String itemsKey, const QString &itemName,
                           Read read)
{
    JsonFields root(json.isObject()  ? QJsonValue(json.object())
                    : json.isArray() ? QJsonValue(json.array())
                                     : QJsonValue(QJsonValue::Null),
                    QStringLiteral("the answer"));
    if (!root.ok())
        return root.error();
    if (!root.value(itemsKey).isArray()) {
        root.fail(itemsKey, QStringLiteral("a list of %1").arg(itemName));
        return root.error();
    }
    const QJsonArray items = root.array(itemsKey);
    Page<T> page;
    page.items.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields fields(items.at(i), QStringLiteral("%1[%2]").arg(itemsKey).arg(i));
        if (fields.ok())
            page.items.append(read(fields));
        if (!fields.ok())
            return fields.error();
    }
    page.totalEntries = root.integer(QLatin1String("total_entries"), int(items.size()));
    if (!root.ok())
        return root.error();
    return page;
}

} // namespace Windsock::Api
