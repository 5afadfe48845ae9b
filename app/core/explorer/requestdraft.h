#pragma once

#include "api/airflowclient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Windsock::Explorer {

// One row of a key/value table (query, headers, path parameters); a disabled row is kept but not sent.
struct KeyValue
{
    QString key;
    QString value;
    bool enabled = true;

    bool operator==(const KeyValue &other) const
    {
        return key == other.key && value == other.value && enabled == other.enabled;
    }
    bool operator!=(const KeyValue &other) const { return !(*this == other); }
};

// A request as the user edits it: the path may still be a template ("/api/v1/dags/{dag_id}/dagRuns") and
// anything may use variables ("{{dag}}"). This is what history entries and saved files keep.
struct RequestDraft
{
    QString name; // saved requests: the file's name (without .json); empty otherwise
    QByteArray method = QByteArrayLiteral("GET");
    QString path; // template: may contain {dag_id} and {{var}}; never a query string (see query)
    QList<KeyValue> pathParams; // values of the path's {name} placeholders
    QList<KeyValue> query;
    QList<KeyValue> headers;
    QString body;        // as typed; sent as JSON unless a Content-Type header says otherwise
    QString operationId; // the catalogue operation it came from, if any

    // Keys written in a fixed order by QJsonDocument (sorted), empty lists and strings left out so that
    // saved files stay small; fromJson() accepts what toJson() writes and ignores unknown keys.
    QJsonObject toJson() const;
    static RequestDraft fromJson(const QJsonObject &object);
    // The {name} placeholders of path, in order, each once ("{{var}}" is a variable, not a parameter).
    QStringList pathParamNames() const;
    // pathParams made to match pathParamNames(): values of existing names kept, new names added empty,
    // names no longer in the path dropped.
    void syncPathParams();
    // True when the body will be sent as JSON (no Content-Type header, or one that names json).
    bool bodyIsJson() const;

    bool operator==(const RequestDraft &other) const;
    bool operator!=(const RequestDraft &other) const { return !(*this == other); }
};

struct ResolvedRequest
{
    Api::RawRequest raw;          // path with its query string, relative to the server root
    QStringList missingVariables; // {{names}} with no value (each once, in order of appearance)
    QString error;                // plain words; empty when the request can be sent
    bool isValid() const { return error.isEmpty(); }
};

// Variables ({{name}}) are replaced in path, path parameters, query, headers and body; path parameters are
// percent-encoded (a "/" in a value too); the query is built with QUrlQuery (fully encoded). Errors in plain
// words: a missing variable ("No value for the variable {{dag}}."), an empty path parameter, an empty path,
// and a body that is not valid JSON when it is sent as JSON ("The body is not valid JSON: line L, column C:
// ...").
ResolvedRequest resolve(const RequestDraft &draft, const QMap<QString, QString> &variables);

// Every "{{name}}" in text replaced by its value; names with no value are left as they are and listed in
// *missing (once each) when given.
QString substituteVariables(const QString &text, const QMap<QString, QString> &variables,
                            QStringList *missing = nullptr);

// "line L, column C" of a byte offset in text (1-based), for JSON parse errors.
QString lineAndColumn(const QByteArray &text, int offset);

} // namespace Windsock::Explorer
