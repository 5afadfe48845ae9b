#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Windsock::Explorer {

// One parameter of an operation, with its schema flattened to what the request editor shows.
struct ApiParameter
{
    QString name;
    QString in; // "path", "query" or "header"
    bool required = false;
    QString type; // "string", "integer", "boolean", "number", "array", "object"; the items' type if repeated
    QString format;          // "date-time", "int32", ... (the items' format if repeated)
    QJsonValue defaultValue; // undefined when the schema gives none
    QStringList enumValues;  // the items' enum if repeated
    QString description;
    bool repeated = false; // type array: the parameter is sent once per value (order_by, update_mask)
};

// One operation of the server's OpenAPI document.
struct ApiOperation
{
    QByteArray method; // upper case: "GET", "POST", "PATCH", ...
    QString path;      // as sent, server prefix included: "/api/v1/dags/{dag_id}"
    QString operationId;
    QString summary;
    QString description;
    QStringList tags;
    QList<ApiParameter> parameters; // path parameters first, in the document's order within each kind
    bool hasBody = false;
    QByteArray bodySkeleton; // indented JSON built from the request body's schema; empty if none
    bool deprecated = false;
    bool paged = false; // a GET with limit and offset parameters, and total_entries in the 200 answer
};

// The operations of an OpenAPI 3.0 (Airflow 2) or 3.1 (Airflow 3) document, ready to search and to fill a
// request from. Pure value: safe to build on a worker thread and hand to the UI thread.
//
// Schemas are read through $ref (nested too, cycles stopped), allOf (merged), anyOf/oneOf with a null branch
// (OpenAPI 3.1's "nullable"), and nullable: true. Paths the browser UI uses (Airflow 3's /ui/...) are left
// out: they are not the public API.
class OpenApiCatalogue
{
public:
    // bytes: the document as JSON or YAML. On failure the catalogue is empty and error (if given) says why
    // in plain words ("The OpenAPI document is not valid JSON at line 3, column 14: ...", "The server sent a
    // web page (HTML), not an OpenAPI document.", "The document is not an OpenAPI document: ..."); on
    // success error is cleared.
    static OpenApiCatalogue fromDocument(const QByteArray &bytes, QString *error);

    bool isEmpty() const { return m_operations.isEmpty(); }
    QString title() const { return m_title; }                   // info.title: "Airflow API"
    QString version() const { return m_version; }               // info.version: "2.10.5"
    QString openApiVersion() const { return m_openApiVersion; } // "3.0.3", "3.1.0"
    // Sorted by path, then by method in GET, POST, PUT, PATCH, DELETE order.
    const QList<ApiOperation> &operations() const { return m_operations; }

    // The indexes of the operations whose method, path, summary, tags and operationId together contain every
    // word of text (case-insensitive: "post dagruns"); every index when text is blank.
    QList<int> search(const QString &text) const;
    // The index of the operation for method and path, or -1. path may be the template
    // ("/api/v1/dags/{dag_id}") or concrete ("/api/v1/dags/example", a query string is ignored); a literal
    // segment wins over a parameter ("/api/v1/dags/~/dagRuns/list" before ".../{dag_run_id}").
    int find(const QByteArray &method, const QString &path) const;

private:
    friend class OpenApiReader;
    QString m_title;
    QString m_version;
    QString m_openApiVersion;
    QList<ApiOperation> m_operations;
};

} // namespace Windsock::Explorer

Q_DECLARE_METATYPE(Windsock::Explorer::OpenApiCatalogue)
