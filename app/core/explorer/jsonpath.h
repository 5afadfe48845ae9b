#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Windsock::Explorer {

// The paths the response viewer shows, copies and searches, in the JSONPath style people paste into jq-like
// tools: `$` is the document, `.name` a key that is an identifier, `["a.b"]` any other key (a JSON string),
// `[3]` an array index: `$.dags[0].dag_id`, `$.conf["run.date"]`. JsonTreeModel and JsonSearch both build
// their paths here, so a path found by a search always leads back to its row.
namespace JsonPath {

inline const QString Root = QStringLiteral("$");

// path + one object key / one array index.
QString appendKey(const QString &path, const QString &key);
QString appendIndex(const QString &path, qsizetype index);

// The steps of a path: a QString for a key, a qint64 for an index. False (and *error in words) when the
// text is not a path of the form above; `$` alone gives no steps.
bool parse(const QString &path, QVariantList *steps, QString *error = nullptr);

} // namespace JsonPath

} // namespace Windsock::Explorer
