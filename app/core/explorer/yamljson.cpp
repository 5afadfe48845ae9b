#include "yamljson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <yaml.h>

#include <memory>
#include <optional>

namespace Windsock::Explorer {

namespace {

// libyaml's tags for the core types (an explicit !!str keeps "true" a string).
constexpr char NullTag[] = "tag:yaml.org,2002:null";
constexpr char BoolTag[] = "tag:yaml.org,2002:bool";
constexpr char IntTag[] = "tag:yaml.org,2002:int";
constexpr char FloatTag[] = "tag:yaml.org,2002:float";

// A document deeper than this is refused rather than risking the stack (OpenAPI documents nest ~15 deep).
constexpr int MaxDepth = 512;

struct ParserDeleter
{
    void operator()(yaml_parser_t *parser) const
    {
        yaml_parser_delete(parser);
        delete parser;
    }
};

QString positionText(const yaml_mark_t &mark)
{
    return QStringLiteral("line %1, column %2").arg(mark.line + 1).arg(mark.column + 1);
}

// A null mapping key is "null" (as PyYAML's JSON would write it); a string key is itself.
QString scalarText(const QJsonValue &value)
{
    return value.isNull() ? QStringLiteral("null") : value.toString();
}

QString scalarEventText(const yaml_event_t &event)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(event.data.scalar.value),
                             qsizetype(event.data.scalar.length));
}

std::optional<double> integerValue(QString text)
{
    static const QRegularExpression decimal(QStringLiteral("^[-+]?(0|[1-9][0-9_]*)$"));
    static const QRegularExpression prefixed(QStringLiteral("^([-+]?)0(x[0-9a-fA-F_]+|o?[0-7_]+)$"));
    if (decimal.match(text).hasMatch()) {
        bool ok = false;
        const double value = text.remove(QLatin1Char('_')).toDouble(&ok);
        if (ok)
            return value;
    }
    const QRegularExpressionMatch match = prefixed.match(text);
    if (match.hasMatch()) {
        QString digits = match.captured(2).remove(QLatin1Char('_'));
        int base = 8;
        if (digits.startsWith(QLatin1Char('x'))) {
            base = 16;
            digits.remove(0, 1);
        } else if (digits.startsWith(QLatin1Char('o'))) {
            digits.remove(0, 1);
        }
        bool ok = false;
        const qulonglong value = digits.toULongLong(&ok, base);
        if (ok)
            return match.captured(1) == QLatin1String("-") ? -double(value) : double(value);
    }
    return std::nullopt;
}

std::optional<double> floatValue(QString text)
{
    static const QRegularExpression number(
        QStringLiteral("^[-+]?([0-9][0-9_]*)?\\.?[0-9_]*([eE][-+]?[0-9]+)?$"));
    if (!text.contains(QRegularExpression(QStringLiteral("[0-9]"))) || !number.match(text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double value = text.remove(QLatin1Char('_')).toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

// A plain scalar as YAML 1.1's core schema reads it (what PyYAML's safe_load gives, minus dates, which stay
// strings, and yes/no/on/off, which OpenAPI documents mean as strings).
QJsonValue plainScalar(const QString &text)
{
    static const QSet<QString> nulls{QString(), QStringLiteral("~"), QStringLiteral("null"),
                                     QStringLiteral("Null"), QStringLiteral("NULL")};
    if (nulls.contains(text))
        return QJsonValue::Null;
    if (text == QLatin1String("true") || text == QLatin1String("True") || text == QLatin1String("TRUE"))
        return true;
    if (text == QLatin1String("false") || text == QLatin1String("False") || text == QLatin1String("FALSE"))
        return false;
    if (const std::optional<double> value = integerValue(text))
        return *value;
    if (const std::optional<double> value = floatValue(text))
        return *value;
    // JSON has no infinity or NaN: they stay text rather than turning into null.
    return text;
}

// A scalar event: explicit tags first (!!str keeps "true" a string), then quoting, then the core schema.
QJsonValue scalarValue(const yaml_event_t &event)
{
    const QString text = scalarEventText(event);
    const char *tag = reinterpret_cast<const char *>(event.data.scalar.tag);
    const bool explicitTag = tag && qstrcmp(tag, "!") != 0 && !event.data.scalar.plain_implicit;
    if (explicitTag) {
        if (qstrcmp(tag, NullTag) == 0)
            return QJsonValue::Null;
        if (qstrcmp(tag, BoolTag) == 0 || qstrcmp(tag, IntTag) == 0 || qstrcmp(tag, FloatTag) == 0) {
            const QJsonValue value = plainScalar(text);
            if (value.isBool() || value.isDouble())
                return value;
        }
        return text; // !!str, and any tag this reader does not know
    }
    if (event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return text;
    return plainScalar(text);
}

// The document being built: one frame per open sequence or mapping.
class Builder
{
public:
    // Adds a finished value to the innermost open collection (or makes it the root); false on error.
    bool add(const QJsonValue &value, const yaml_mark_t &mark, bool plainKey = false,
             const QString &text = {})
    {
        if (m_stack.isEmpty()) {
            m_root = value;
            return true;
        }
        Frame &frame = m_stack.last();
        if (!frame.mapping) {
            frame.array.append(value);
            return true;
        }
        if (!frame.haveKey) {
            if (value.isObject() || value.isArray()) {
                m_error = QStringLiteral("Not valid YAML at %1: a mapping key must be a plain value.")
                              .arg(positionText(mark));
                return false;
            }
            // A key is its text as written ("010" stays "010"), null and the empty key aside.
            frame.key = value.isNull() || value.isString() ? scalarText(value) : text;
            frame.mergeKey = plainKey && frame.key == QLatin1String("<<");
            frame.haveKey = true;
            return true;
        }
        frame.haveKey = false;
        // The merge key (<<: *defaults) of YAML 1.1: the keys of the mapping(s) it names, unless set here.
        if (frame.mergeKey && (value.isObject() || value.isArray())) {
            const QJsonArray sources = value.isArray() ? value.toArray() : QJsonArray{value};
            for (const QJsonValue &source : sources)
                frame.merged.append(source.toObject());
            return true;
        }
        frame.object.insert(frame.key, value);
        return true;
    }

    bool open(bool mapping, const yaml_mark_t &mark, const QByteArray &anchor)
    {
        if (m_stack.size() >= MaxDepth) {
            m_error =
                QStringLiteral("Not valid YAML at %1: the document nests too deep.").arg(positionText(mark));
            return false;
        }
        Frame frame;
        frame.mapping = mapping;
        frame.anchor = anchor;
        frame.start = mark;
        m_stack.append(frame);
        return true;
    }

    bool close()
    {
        Frame frame = m_stack.takeLast();
        QJsonValue value;
        if (frame.mapping) {
            for (const QJsonObject &source : std::as_const(frame.merged)) {
                for (auto it = source.begin(); it != source.end(); ++it) {
                    if (!frame.object.contains(it.key()))
                        frame.object.insert(it.key(), it.value());
                }
            }
            value = frame.object;
        } else {
            value = frame.array;
        }
        if (!frame.anchor.isEmpty())
            m_anchors.insert(frame.anchor, value);
        return add(value, frame.start);
    }

    bool alias(const QByteArray &anchor, const yaml_mark_t &mark)
    {
        // An anchor is known once its node is complete: an alias inside its own anchor (a recursive
        // structure, which JSON cannot hold) is not found here.
        const auto it = m_anchors.constFind(anchor);
        if (it == m_anchors.constEnd()) {
            m_error = QStringLiteral("Not valid YAML at %1: the alias *%2 refers to no complete anchor.")
                          .arg(positionText(mark), QString::fromUtf8(anchor));
            return false;
        }
        return add(it.value(), mark);
    }

    void anchor(const QByteArray &name, const QJsonValue &value)
    {
        if (!name.isEmpty())
            m_anchors.insert(name, value);
    }

    QJsonValue root() const { return m_root; }
    QString error() const { return m_error; }

private:
    struct Frame
    {
        bool mapping = false;
        QByteArray anchor;
        yaml_mark_t start{}; // where the collection begins, for errors about it
        QJsonArray array;
        QJsonObject object;
        QList<QJsonObject> merged;
        QString key;
        bool haveKey = false;
        bool mergeKey = false;
    };

    QList<Frame> m_stack;
    QHash<QByteArray, QJsonValue> m_anchors;
    QJsonValue m_root = QJsonValue::Null;
    QString m_error;
};

struct EventDeleter
{
    void operator()(yaml_event_t *event) const { yaml_event_delete(event); }
};

QByteArray anchorName(const yaml_char_t *anchor)
{
    return anchor ? QByteArray(reinterpret_cast<const char *>(anchor)) : QByteArray();
}

} // namespace

QJsonValue yamlToJson(const QByteArray &yaml, QString *error)
{
    std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
    if (!yaml_parser_initialize(parser.get())) {
        if (error)
            *error = QStringLiteral("Not enough memory to read the YAML document.");
        return QJsonValue(QJsonValue::Undefined);
    }
    yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char *>(yaml.constData()),
                                 size_t(yaml.size()));
    yaml_parser_set_encoding(parser.get(), YAML_UTF8_ENCODING);

    // Events rather than libyaml's document API: only events tell a plain "true" from a "!!str true".
    Builder builder;
    bool done = false;
    while (!done) {
        yaml_event_t event;
        if (!yaml_parser_parse(parser.get(), &event)) {
            if (error) {
                QString problem = QString::fromUtf8(parser->problem ? parser->problem : "unknown error");
                if (parser->context)
                    problem += QStringLiteral(" (") + QString::fromUtf8(parser->context) + QLatin1Char(')');
                *error = QStringLiteral("Not valid YAML at %1: %2.")
                             .arg(positionText(parser->problem_mark), problem);
            }
            return QJsonValue(QJsonValue::Undefined);
        }
        const std::unique_ptr<yaml_event_t, EventDeleter> guard(&event);
        bool ok = true;
        switch (event.type) {
        case YAML_SCALAR_EVENT: {
            const QJsonValue value = scalarValue(event);
            builder.anchor(anchorName(event.data.scalar.anchor), value);
            ok = builder.add(value, event.start_mark, event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
                             scalarEventText(event));
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
            ok = builder.open(false, event.start_mark, anchorName(event.data.sequence_start.anchor));
            break;
        case YAML_MAPPING_START_EVENT:
            ok = builder.open(true, event.start_mark, anchorName(event.data.mapping_start.anchor));
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            ok = builder.close();
            break;
        case YAML_ALIAS_EVENT:
            ok = builder.alias(anchorName(event.data.alias.anchor), event.start_mark);
            break;
        case YAML_DOCUMENT_END_EVENT: // only the first document is read
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            break;
        }
        if (!ok) {
            if (error)
                *error = builder.error();
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    if (error)
        error->clear();
    return builder.root();
}

} // namespace Windsock::Explorer
