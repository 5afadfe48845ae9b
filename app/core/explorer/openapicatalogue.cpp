#include "openapicatalogue.h"

#include "yamljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace Windsock::Explorer {

namespace {

// A body skeleton stops here: deep enough for every Airflow request body, shallow enough to stay readable.
constexpr int MaxSkeletonDepth = 6;
// $ref chains longer than this are a cycle or a mistake.
constexpr int MaxRefHops = 32;

const QStringList &methodOrder()
{
    static const QStringList order{QStringLiteral("get"),    QStringLiteral("post"),   QStringLiteral("put"),
                                   QStringLiteral("patch"),  QStringLiteral("delete"), QStringLiteral("head"),
                                   QStringLiteral("options")};
    return order;
}

// "line 3, column 5" for a byte offset of a JSON text (QJsonParseError gives only the offset).
QString lineAndColumn(const QByteArray &text, int offset)
{
    const QByteArray before = text.left(offset);
    const int line = int(before.count('\n')) + 1;
    const int column = int(before.size() - (before.lastIndexOf('\n') + 1)) + 1;
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    default:
        return {};
    }
}

// JSON text indented like QJsonDocument::Indented, but with object keys in the order given: a skeleton lists
// required fields first, which a QJsonObject (sorted keys) cannot keep.
class JsonWriter
{
public:
    static QByteArray value(const QJsonValue &value, int indent)
    {
        if (value.isObject() || value.isArray()) {
            if ((value.isObject() && value.toObject().isEmpty()) ||
                (value.isArray() && value.toArray().isEmpty()))
                return value.isObject() ? QByteArrayLiteral("{}") : QByteArrayLiteral("[]");
            const QJsonDocument document =
                value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
            QByteArray text = document.toJson(QJsonDocument::Indented).trimmed();
            return text.replace("\n", QByteArray(QByteArrayLiteral("\n") + pad(indent)));
        }
        // A scalar: its text inside a one-element array.
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return json.mid(1, json.size() - 2);
    }

    static QByteArray object(const QList<QPair<QString, QByteArray>> &members, int indent)
    {
        if (members.isEmpty())
            return QByteArrayLiteral("{}");
        QByteArray out = QByteArrayLiteral("{\n");
        for (qsizetype i = 0; i < members.size(); ++i) {
            out += pad(indent + 1) + value(members.at(i).first, 0) + QByteArrayLiteral(": ") +
                   members.at(i).second;
            out += i + 1 < members.size() ? QByteArrayLiteral(",\n") : QByteArrayLiteral("\n");
        }
        return out + pad(indent) + '}';
    }

    static QByteArray array(const QByteArray &item, int indent)
    {
        return QByteArrayLiteral("[\n") + pad(indent + 1) + item + '\n' + pad(indent) + ']';
    }

    static QByteArray pad(int indent) { return QByteArray(indent * 4, ' '); }
};

} // namespace

// Reads one OpenAPI document into a catalogue. Schemas are "flattened" on the way: $ref followed, allOf
// merged, a null branch of anyOf/oneOf (or nullable: true, or type: [X, "null"]) turned into nullable.
class OpenApiReader
{
public:
    explicit OpenApiReader(QJsonObject root)
        : m_root(std::move(root))
    {}

    bool read(OpenApiCatalogue *catalogue, QString *error);

private:
    struct Flat
    {
        QJsonObject schema; // the merged schema, without $ref, allOf, anyOf, oneOf
        bool nullable = false;
        QStringList refs; // the schemas it is, through $ref and anyOf/oneOf (not allOf): for cycle checks
    };

    QJsonValue pointer(const QString &ref) const;
    QJsonObject resolve(QJsonObject object, QStringList *refs = nullptr) const;
    Flat flatten(const QJsonValue &schema, int depth = 0) const;
    ApiParameter parameter(const QJsonObject &object) const;
    QByteArray skeleton(const QJsonValue &schema, int indent, int depth, QStringList open) const;
    bool answersTotalEntries(const QJsonObject &operation) const;
    QString serverPrefix() const;

    QJsonObject m_root;
};

QJsonValue OpenApiReader::pointer(const QString &ref) const
{
    // Only local references ("#/components/schemas/DAG"): Airflow's documents have no others.
    if (!ref.startsWith(QLatin1String("#/")))
        return {};
    QJsonValue current = m_root;
    const QStringList parts = ref.mid(2).split(QLatin1Char('/'));
    for (QString part : parts) {
        part = QUrl::fromPercentEncoding(part.toUtf8());
        part.replace(QLatin1String("~1"), QLatin1String("/"))
            .replace(QLatin1String("~0"), QLatin1String("~"));
        if (current.isObject())
            current = current.toObject().value(part);
        else if (current.isArray())
            current = current.toArray().at(part.toInt());
        else
            return {};
    }
    return current;
}

QJsonObject OpenApiReader::resolve(QJsonObject object, QStringList *refs) const
{
    for (int hop = 0; hop < MaxRefHops && object.contains(QLatin1String("$ref")); ++hop) {
        const QString ref = object.value(QLatin1String("$ref")).toString();
        if (refs)
            refs->append(ref);
        QJsonObject target = pointer(ref).toObject();
        // OpenAPI 3.1 lets a $ref have siblings (a description, a default): they win over the target's.
        object.remove(QLatin1String("$ref"));
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            target.insert(it.key(), it.value());
        object = target;
    }
    object.remove(QLatin1String("$ref"));
    return object;
}

OpenApiReader::Flat OpenApiReader::flatten(const QJsonValue &schema, int depth) const
{
    Flat flat;
    if (depth > MaxRefHops)
        return flat;
    QJsonObject object = resolve(schema.toObject(), &flat.refs);
    flat.nullable = object.value(QLatin1String("nullable")).toBool();

    // type: ["string", "null"] (JSON Schema, allowed in OpenAPI 3.1)
    const QJsonValue type = object.value(QLatin1String("type"));
    if (type.isArray()) {
        QJsonArray types = type.toArray();
        for (qsizetype i = types.size() - 1; i >= 0; --i) {
            if (types.at(i).toString() == QLatin1String("null")) {
                flat.nullable = true;
                types.removeAt(i);
            }
        }
        object.insert(QLatin1String("type"), types.isEmpty() ? QJsonValue() : types.first());
    } else if (type.toString() == QLatin1String("null")) {
        flat.nullable = true;
    }

    // anyOf/oneOf: the null branch makes it nullable; of the others the first is what the skeleton and the
    // parameter's type show (Airflow's documents have one in nearly every case).
    for (const QLatin1String key : {QLatin1String("anyOf"), QLatin1String("oneOf")}) {
        const QJsonArray branches = object.take(key).toArray();
        bool merged = false;
        for (const QJsonValue &branch : branches) {
            Flat inner = flatten(branch, depth + 1);
            if (inner.schema.value(QLatin1String("type")).toString() == QLatin1String("null") ||
                (inner.schema.isEmpty() && inner.nullable)) {
                flat.nullable = true;
                continue;
            }
            if (merged)
                continue;
            merged = true;
            flat.nullable = flat.nullable || inner.nullable;
            flat.refs += inner.refs;
            for (auto it = inner.schema.constBegin(); it != inner.schema.constEnd(); ++it) {
                if (!object.contains(it.key()))
                    object.insert(it.key(), it.value());
            }
        }
    }

    // allOf: every part's properties and required fields together; the first part sets the rest.
    const QJsonArray parts = object.take(QLatin1String("allOf")).toArray();
    for (const QJsonValue &part : parts) {
        Flat inner = flatten(part, depth + 1);
        flat.nullable = flat.nullable || inner.nullable;
        // Not added to refs: a part is a base the schema extends ("is a Named"), and a field of that
        // base's type further down is no cycle.
        for (auto it = inner.schema.constBegin(); it != inner.schema.constEnd(); ++it) {
            if (it.key() == QLatin1String("properties")) {
                QJsonObject properties = object.value(it.key()).toObject();
                const QJsonObject more = it.value().toObject();
                for (auto p = more.constBegin(); p != more.constEnd(); ++p) {
                    if (!properties.contains(p.key()))
                        properties.insert(p.key(), p.value());
                }
                object.insert(it.key(), properties);
            } else if (it.key() == QLatin1String("required")) {
                QJsonArray required = object.value(it.key()).toArray();
                for (const QJsonValue &name : it.value().toArray()) {
                    if (!required.contains(name))
                        required.append(name);
                }
                object.insert(it.key(), required);
            } else if (!object.contains(it.key())) {
                object.insert(it.key(), it.value());
            }
        }
    }
    if (object.value(QLatin1String("type")).toString() == QLatin1String("null"))
        object.remove(QLatin1String("type"));
    if (!object.contains(QLatin1String("type")) && object.contains(QLatin1String("properties")))
        object.insert(QLatin1String("type"), QStringLiteral("object"));
    flat.schema = object;
    return flat;
}

ApiParameter OpenApiReader::parameter(const QJsonObject &object) const
{
    ApiParameter parameter;
    parameter.name = object.value(QLatin1String("name")).toString();
    parameter.in = object.value(QLatin1String("in")).toString();
    // Path parameters are always required, whatever the document says.
    parameter.required =
        object.value(QLatin1String("required")).toBool() || parameter.in == QLatin1String("path");
    const Flat flat = flatten(object.value(QLatin1String("schema")));
    parameter.description = object.value(QLatin1String("description")).toString();
    if (parameter.description.isEmpty())
        parameter.description = flat.schema.value(QLatin1String("description")).toString();
    parameter.defaultValue = flat.schema.value(QLatin1String("default"));
    parameter.type = flat.schema.value(QLatin1String("type")).toString();
    QJsonObject valueSchema = flat.schema;
    if (parameter.type == QLatin1String("array")) {
        // ?order_by=a&order_by=b: the editor shows the items' type and lets the value repeat.
        parameter.repeated = true;
        valueSchema = flatten(flat.schema.value(QLatin1String("items"))).schema;
        parameter.type = valueSchema.value(QLatin1String("type")).toString();
    }
    if (parameter.type.isEmpty() && (parameter.in == QLatin1String("path") || valueSchema.isEmpty()))
        parameter.type = QStringLiteral("string");
    parameter.format = valueSchema.value(QLatin1String("format")).toString();
    for (const QJsonValue &value : valueSchema.value(QLatin1String("enum")).toArray()) {
        if (!value.isNull())
            parameter.enumValues.append(scalarText(value));
    }
    return parameter;
}

QByteArray OpenApiReader::skeleton(const QJsonValue &schema, int indent, int depth, QStringList open) const
{
    const Flat flat = flatten(schema);
    const QJsonObject &s = flat.schema;
    if (s.contains(QLatin1String("default")))
        return JsonWriter::value(s.value(QLatin1String("default")), indent);
    if (s.contains(QLatin1String("example")))
        return JsonWriter::value(s.value(QLatin1String("example")), indent);
    const QJsonArray examples = s.value(QLatin1String("examples")).toArray();
    if (!examples.isEmpty())
        return JsonWriter::value(examples.first(), indent);
    if (s.contains(QLatin1String("const")))
        return JsonWriter::value(s.value(QLatin1String("const")), indent);
    if (flat.nullable)
        return QByteArrayLiteral("null");
    const QJsonArray enumValues = s.value(QLatin1String("enum")).toArray();
    if (!enumValues.isEmpty())
        return JsonWriter::value(enumValues.first(), indent);

    // A schema that contains itself (a tree of nodes) stops at its second appearance.
    bool cycle = false;
    for (const QString &ref : flat.refs) {
        if (open.contains(ref))
            cycle = true;
    }
    open += flat.refs;

    const QString type = s.value(QLatin1String("type")).toString();
    if (type == QLatin1String("object")) {
        const QJsonObject properties = s.value(QLatin1String("properties")).toObject();
        if (cycle || depth >= MaxSkeletonDepth || properties.isEmpty())
            return QByteArrayLiteral("{}");
        QStringList required;
        for (const QJsonValue &name : s.value(QLatin1String("required")).toArray())
            required.append(name.toString());
        // Required fields (in the order "required" lists them), then fields with a default or an example,
        // then the rest; alphabetical within a group, as the document's own order is lost in a QJsonObject.
        QList<QPair<QString, QByteArray>> first, second, rest;
        for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
            const Flat property = flatten(it.value());
            const QJsonObject &p = property.schema;
            const bool isRequired = required.contains(it.key());
            // What the server fills in has no place in a request; neither has a deprecated field.
            if (p.value(QLatin1String("readOnly")).toBool())
                continue;
            if (!isRequired && p.value(QLatin1String("deprecated")).toBool())
                continue;
            const QByteArray text = skeleton(it.value(), indent + 1, depth + 1, open);
            if (isRequired)
                first.append({it.key(), text});
            else if (p.contains(QLatin1String("default")) || p.contains(QLatin1String("example")) ||
                     p.contains(QLatin1String("examples")))
                second.append({it.key(), text});
            else
                rest.append({it.key(), text});
        }
        std::stable_sort(first.begin(), first.end(), [&required](const auto &a, const auto &b) {
            return required.indexOf(a.first) < required.indexOf(b.first);
        });
        return JsonWriter::object(first + second + rest, indent);
    }
    if (type == QLatin1String("array")) {
        // One item to show the shape when the items are objects; a list of values starts empty.
        const Flat items = flatten(s.value(QLatin1String("items")));
        const bool itemsCycle = std::any_of(items.refs.cbegin(), items.refs.cend(),
                                            [&open](const QString &ref) { return open.contains(ref); });
        if (cycle || itemsCycle || depth >= MaxSkeletonDepth ||
            items.schema.value(QLatin1String("type")).toString() != QLatin1String("object") ||
            items.schema.value(QLatin1String("properties")).toObject().isEmpty())
            return QByteArrayLiteral("[]");
        return JsonWriter::array(skeleton(s.value(QLatin1String("items")), indent + 1, depth + 1, open),
                                 indent);
    }
    if (type == QLatin1String("string"))
        return QByteArrayLiteral("\"\"");
    if (type == QLatin1String("integer") || type == QLatin1String("number"))
        return QByteArrayLiteral("0");
    if (type == QLatin1String("boolean"))
        return QByteArrayLiteral("false");
    return QByteArrayLiteral("null");
}

bool OpenApiReader::answersTotalEntries(const QJsonObject &operation) const
{
    const QJsonObject responses = operation.value(QLatin1String("responses")).toObject();
    const QJsonObject ok = resolve(responses.value(QLatin1String("200")).toObject());
    const QJsonObject content = ok.value(QLatin1String("content")).toObject();
    for (auto it = content.constBegin(); it != content.constEnd(); ++it) {
        const Flat flat = flatten(it.value().toObject().value(QLatin1String("schema")));
        if (flat.schema.value(QLatin1String("properties"))
                .toObject()
                .contains(QLatin1String("total_entries")))
            return true;
    }
    return false;
}

QString OpenApiReader::serverPrefix() const
{
    // Airflow 2: servers: [{url: /api/v1}] and relative paths; Airflow 3: no servers, absolute paths. A full
    // URL (another generator's) contributes only its path: the request goes to the profile's server.
    const QJsonArray servers = m_root.value(QLatin1String("servers")).toArray();
    if (servers.isEmpty())
        return {};
    QString url = servers.first().toObject().value(QLatin1String("url")).toString();
    if (url.contains(QLatin1String("://")))
        url = QUrl(url).path();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

bool OpenApiReader::read(OpenApiCatalogue *catalogue, QString *error)
{
    const QString openApi = m_root.value(QLatin1String("openapi")).toString();
    if (openApi.isEmpty() && m_root.contains(QLatin1String("swagger"))) {
        *error = QStringLiteral("The document is Swagger 2.0; only OpenAPI 3 documents can be read.");
        return false;
    }
    if (openApi.isEmpty() || !m_root.value(QLatin1String("paths")).isObject()) {
        *error = QStringLiteral("The document is not an OpenAPI document: it has no \"openapi\" version or "
                                "no paths.");
        return false;
    }
    const QJsonObject info = m_root.value(QLatin1String("info")).toObject();
    catalogue->m_openApiVersion = openApi;
    catalogue->m_title = info.value(QLatin1String("title")).toString();
    catalogue->m_version = scalarText(info.value(QLatin1String("version")));

    const QString prefix = serverPrefix();
    const QJsonObject paths = m_root.value(QLatin1String("paths")).toObject();
    QList<ApiOperation> operations;
    for (auto pathIt = paths.constBegin(); pathIt != paths.constEnd(); ++pathIt) {
        const QString path = prefix + pathIt.key();
        // Airflow 3 serves its browser UI's private API in the same document; it is not for scripts.
        if (path == QLatin1String("/ui") || path.startsWith(QLatin1String("/ui/")))
            continue;
        const QJsonObject item = resolve(pathIt.value().toObject());
        const QJsonArray common = item.value(QLatin1String("parameters")).toArray();
        for (const QString &method : methodOrder()) {
            if (!item.value(method).isObject())
                continue;
            const QJsonObject object = item.value(method).toObject();
            ApiOperation operation;
            operation.method = method.toUpper().toLatin1();
            operation.path = path;
            operation.operationId = object.value(QLatin1String("operationId")).toString();
            operation.summary = object.value(QLatin1String("summary")).toString().trimmed();
            operation.description = object.value(QLatin1String("description")).toString().trimmed();
            for (const QJsonValue &tag : object.value(QLatin1String("tags")).toArray())
                operation.tags.append(tag.toString());
            operation.deprecated = object.value(QLatin1String("deprecated")).toBool();

            // The path item's parameters, unless the operation redefines one (same name and location).
            QList<ApiParameter> parameters;
            for (const QJsonValue &value : object.value(QLatin1String("parameters")).toArray())
                parameters.append(parameter(resolve(value.toObject())));
            for (const QJsonValue &value : common) {
                const ApiParameter shared = parameter(resolve(value.toObject()));
                const bool redefined =
                    std::any_of(parameters.cbegin(), parameters.cend(), [&shared](const ApiParameter &p) {
                        return p.name == shared.name && p.in == shared.in;
                    });
                if (!redefined)
                    parameters.append(shared);
            }
            // Cookies are the browser's business; the rest in order, path parameters first.
            parameters.erase(std::remove_if(parameters.begin(), parameters.end(),
                                            [](const ApiParameter &p) {
                                                return p.in == QLatin1String("cookie") || p.name.isEmpty();
                                            }),
                             parameters.end());
            std::stable_sort(parameters.begin(), parameters.end(),
                             [](const ApiParameter &a, const ApiParameter &b) {
                                 return (a.in == QLatin1String("path")) > (b.in == QLatin1String("path"));
                             });
            operation.parameters = parameters;

            const QJsonObject body = resolve(object.value(QLatin1String("requestBody")).toObject());
            const QJsonObject content = body.value(QLatin1String("content")).toObject();
            if (!content.isEmpty()) {
                operation.hasBody = true;
                for (auto it = content.constBegin(); it != content.constEnd(); ++it) {
                    if (it.key().contains(QLatin1String("json"))) {
                        operation.bodySkeleton =
                            skeleton(it.value().toObject().value(QLatin1String("schema")), 0, 0, {});
                        break;
                    }
                }
            }

            bool limit = false;
            bool offset = false;
            for (const ApiParameter &p : std::as_const(operation.parameters)) {
                limit = limit || (p.in == QLatin1String("query") && p.name == QLatin1String("limit"));
                offset = offset || (p.in == QLatin1String("query") && p.name == QLatin1String("offset"));
            }
            // Only reads page: a PATCH /dags with limit and offset changes one page of DAGs, and fetching
            // "all pages" of it would change them all.
            operation.paged = operation.method == "GET" && limit && offset && answersTotalEntries(object);
            operations.append(operation);
        }
    }
    if (operations.isEmpty()) {
        *error = QStringLiteral("The OpenAPI document lists no operations.");
        return false;
    }
    // QJsonObject keeps paths sorted already; methods are in methodOrder() within a path.
    catalogue->m_operations = operations;
    return true;
}

OpenApiCatalogue OpenApiCatalogue::fromDocument(const QByteArray &bytes, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    message.clear();
    const QByteArray trimmed = bytes.trimmed();
    if (trimmed.isEmpty()) {
        message = QStringLiteral("The OpenAPI document is empty.");
        return {};
    }
    if (trimmed.startsWith('<')) {
        message = QStringLiteral("The server sent a web page (HTML), not an OpenAPI document.");
        return {};
    }

    QJsonValue root;
    if (trimmed.startsWith('{')) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            message = QStringLiteral("The OpenAPI document is not valid JSON at %1: %2.")
                          .arg(lineAndColumn(bytes, parseError.offset), parseError.errorString());
            return {};
        }
        root = document.object();
    } else {
        QString yamlError;
        root = yamlToJson(bytes, &yamlError);
        if (!yamlError.isEmpty()) {
            message = QStringLiteral("The OpenAPI document is neither JSON nor valid YAML. ") + yamlError;
            return {};
        }
    }
    if (!root.isObject()) {
        message = QStringLiteral("The document is not an OpenAPI document: it is not a JSON or YAML object.");
        return {};
    }

    OpenApiCatalogue catalogue;
    OpenApiReader reader(root.toObject());
    if (!reader.read(&catalogue, &message))
        return {};
    return catalogue;
}

QList<int> OpenApiCatalogue::search(const QString &text) const
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    const QStringList words = text.split(space, Qt::SkipEmptyParts);
    QList<int> found;
    for (int i = 0; i < int(m_operations.size()); ++i) {
        const ApiOperation &operation = m_operations.at(i);
        const QString haystack = QString::fromLatin1(operation.method) + QLatin1Char(' ') + operation.path +
                                 QLatin1Char(' ') + operation.summary + QLatin1Char(' ') +
                                 operation.operationId + QLatin1Char(' ') +
                                 operation.tags.join(QLatin1Char(' '));
        const bool all = std::all_of(words.cbegin(), words.cend(), [&haystack](const QString &word) {
            return haystack.contains(word, Qt::CaseInsensitive);
        });
        if (all)
            found.append(i);
    }
    return found;
}

int OpenApiCatalogue::find(const QByteArray &method, const QString &path) const
{
    QString wanted = path;
    const qsizetype query = wanted.indexOf(QLatin1Char('?'));
    if (query >= 0)
        wanted.truncate(query);
    if (wanted.size() > 1 && wanted.endsWith(QLatin1Char('/')))
        wanted.chop(1);
    const QStringList segments = wanted.split(QLatin1Char('/'));

    int best = -1;
    int bestLiterals = -1;
    for (int i = 0; i < int(m_operations.size()); ++i) {
        const ApiOperation &operation = m_operations.at(i);
        if (operation.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        const QStringList pattern = operation.path.split(QLatin1Char('/'));
        if (pattern.size() != segments.size())
            continue;
        int literals = 0;
        bool match = true;
        for (qsizetype s = 0; s < pattern.size() && match; ++s) {
            const QString &part = pattern.at(s);
            if (part == segments.at(s)) {
                ++literals;
            } else if (!(part.startsWith(QLatin1Char('{')) && part.endsWith(QLatin1Char('}')) &&
                         !segments.at(s).isEmpty())) {
                match = false;
            }
        }
        // "/dags/~/dagRuns/list" is the batch list, not the run called "list".
        if (match && literals > bestLiterals) {
            best = i;
            bestLiterals = literals;
        }
    }
    return best;
}

} // namespace Windsock::Explorer
