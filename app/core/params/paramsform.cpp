#include "paramsform.h"

#include "paramvalidator.h"

#include <QJsonDocument>
#include <QLocale>
#include <algorithm>

namespace Windsock::Params {

namespace {

using Kind = ParamField::Kind;

// 1-based line and column of a byte offset into UTF-8 text.
void position(const QByteArray &utf8, int offset, int &line, int &column)
{
    const QByteArray before = utf8.left(qMax(0, offset));
    line = int(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
}

QString jsonError(const QString &what, const QJsonParseError &error, const QByteArray &utf8, int &line,
                  int &column)
{
    position(utf8, error.offset, line, column);
    return what + QStringLiteral(" is not valid JSON: ") + error.errorString() + QStringLiteral(" at line ") +
           QString::number(line) + QStringLiteral(", column ") + QString::number(column) + u'.';
}

QStringList nonBlankLines(const QString &text, QList<int> *lineNumbers = nullptr)
{
    QStringList lines;
    const QStringList all = text.split(u'\n');
    for (qsizetype i = 0; i < all.size(); ++i) {
        QString line = all.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        lines.append(line);
        if (lineNumbers)
            lineNumbers->append(int(i + 1));
    }
    return lines;
}

QJsonValue numberValue(const QString &text, bool *ok)
{
    const QString t = text.trimmed();
    const qlonglong whole = t.toLongLong(ok);
    if (*ok)
        return QJsonValue(qint64(whole));
    const double d = QLocale::c().toDouble(t, ok);
    return *ok ? QJsonValue(d) : QJsonValue();
}

} // namespace

ParamsForm::ParamsForm(const QList<Api::DagParam> &params)
{
    for (const Api::DagParam &param : params) {
        if (m_index.contains(param.name))
            continue;
        m_index.insert(param.name, int(m_fields.size()));
        m_fields.append(ParamField::fromDagParam(param));
        State state;
        state.value = m_fields.constLast().defaultValue;
        m_states.append(state);
    }
}

int ParamsForm::indexOf(const QString &name) const
{
    return m_index.value(name, -1);
}

const ParamField *ParamsForm::field(const QString &name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &m_fields.at(i);
}

QList<ParamsForm::Section> ParamsForm::sections() const
{
    QList<Section> result{Section{}};
    for (const ParamField &f : m_fields) {
        if (f.isHidden())
            continue;
        auto it = std::find_if(result.begin(), result.end(),
                               [&f](const Section &s) { return s.name == f.section; });
        if (it == result.end()) {
            result.append(Section{f.section, {}});
            it = result.end() - 1;
        }
        it->fields.append(f.name);
    }
    // Airflow's form lists the sections after the main part in the order of Jinja's groupby, which sorts
    // them by name, ignoring case (trigger.html); the fields in each keep the DAG's order.
    std::stable_sort(result.begin() + 1, result.end(), [](const Section &a, const Section &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    if (result.constFirst().fields.isEmpty())
        result.removeFirst();
    return result;
}

QJsonValue ParamsForm::value(const QString &name) const
{
    const int i = indexOf(name);
    return i < 0 ? QJsonValue(QJsonValue::Undefined) : m_states.at(i).value;
}

QString ParamsForm::text(const QString &name) const
{
    const int i = indexOf(name);
    if (i < 0)
        return QString();
    const State &s = m_states.at(i);
    return s.textTyped ? s.typedText : m_fields.at(i).textFor(s.value);
}

bool ParamsForm::setValue(const QString &name, const QJsonValue &value)
{
    const int i = indexOf(name);
    if (i < 0)
        return false;
    State state;
    state.value = m_fields.at(i).isHidden() ? m_fields.at(i).constValue : value;
    m_states[i] = state;
    return true;
}

bool ParamsForm::setText(const QString &name, const QString &text)
{
    const int i = indexOf(name);
    if (i < 0)
        return false;
    if (m_fields.at(i).isHidden())
        return true; // the DAG fixes it
    m_states[i] = parse(m_fields.at(i), text);
    return true;
}

ParamsForm::State ParamsForm::parse(const ParamField &field, const QString &text) const
{
    State state;
    state.typedText = text;
    state.textTyped = true;
    state.value = QJsonValue::Null;
    const bool blank = field.kind == Kind::Text || field.kind == Kind::MultilineText
                           ? text.isEmpty()
                           : text.trimmed().isEmpty();
    if (blank)
        return state; // Airflow's form sends null for an empty field
    bool ok = true;
    switch (field.kind) {
    case Kind::Boolean: {
        const QString t = text.trimmed().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes") ||
            t == QLatin1String("on"))
            state.value = true;
        else if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no") ||
                 t == QLatin1String("off"))
            state.value = false;
        else
            state.parseError = field.label + QStringLiteral(" must be true or false.");
        break;
    }
    case Kind::Integer:
    case Kind::Number:
        state.value = numberValue(text, &ok);
        if (!ok) {
            state.value = QJsonValue::Null;
            state.parseError =
                field.label + (field.kind == Kind::Integer ? QStringLiteral(" must be a whole number.")
                                                           : QStringLiteral(" must be a number."));
        }
        break;
    case Kind::Enum:
        state.value = text;
        for (const QJsonValue &option : field.enumValues) {
            if (ParamField::plainText(option) == text || field.displayText(option) == text) {
                state.value = option;
                break;
            }
        }
        break;
    case Kind::StringArray:
    case Kind::MultiSelect:
        state.value = QJsonArray::fromStringList(nonBlankLines(text));
        break;
    case Kind::NumberArray: {
        QList<int> lineNumbers;
        const QStringList lines = nonBlankLines(text, &lineNumbers);
        QJsonArray items;
        for (qsizetype n = 0; n < lines.size(); ++n) {
            items.append(numberValue(lines.at(n), &ok));
            if (!ok) {
                state.parseError = QStringLiteral("Line ") + QString::number(lineNumbers.at(n)) +
                                   QStringLiteral(" of ") + field.label + QStringLiteral(" is not a number.");
                return state;
            }
        }
        state.value = items;
        break;
    }
    case Kind::JsonArray:
    case Kind::JsonObject: {
        const QByteArray utf8 = text.toUtf8();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
        if (error.error != QJsonParseError::NoError) {
            int line = 0;
            int column = 0;
            state.parseError = jsonError(field.label, error, utf8, line, column);
        } else if (document.isArray()) {
            state.value = document.array();
        } else {
            state.value = document.object();
        }
        break;
    }
    case Kind::JsonValue: {
        if (field.types.size() == 1 && field.types.constFirst() == QLatin1String("string")) {
            state.value = text;
            break;
        }
        // A scalar is not a JSON document: parse it as the one item of a list.
        const QByteArray utf8 = QByteArrayLiteral("[") + text.toUtf8() + QByteArrayLiteral("]");
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
        if (error.error == QJsonParseError::NoError && document.array().size() == 1) {
            state.value = document.array().at(0);
        } else if (field.types.isEmpty() || field.types.contains(QLatin1String("string"))) {
            state.value = text; // plain words where text is allowed
        } else {
            state.parseError = field.label + QStringLiteral(" is not valid JSON.");
        }
        break;
    }
    default:
        state.value = text;
        break;
    }
    return state;
}

void ParamsForm::reset()
{
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        State state;
        state.value = m_fields.at(i).defaultValue;
        m_states[i] = state;
    }
    m_extra = QJsonObject();
}

QList<ParamsForm::FieldError> ParamsForm::validate() const
{
    QList<FieldError> errors;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const State &s = m_states.at(i);
        const QString message =
            s.parseError.isEmpty() ? ParamValidator::validate(m_fields.at(i), s.value) : s.parseError;
        if (!message.isEmpty())
            errors.append(FieldError{m_fields.at(i).name, message});
    }
    return errors;
}

QString ParamsForm::errorFor(const QString &name) const
{
    const int i = indexOf(name);
    if (i < 0)
        return QString();
    const State &s = m_states.at(i);
    return s.parseError.isEmpty() ? ParamValidator::validate(m_fields.at(i), s.value) : s.parseError;
}

QJsonObject ParamsForm::conf() const
{
    if (!isValid())
        return QJsonObject();
    return currentConf();
}

QJsonObject ParamsForm::currentConf() const
{
    QJsonObject conf = m_extra;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (m_states.at(i).parseError.isEmpty())
            conf.insert(m_fields.at(i).name, m_states.at(i).value);
    }
    return conf;
}

QStringList ParamsForm::applyConf(const QJsonObject &conf)
{
    reset();
    for (auto it = conf.begin(); it != conf.end(); ++it) {
        if (!setValue(it.key(), it.value()))
            m_extra.insert(it.key(), it.value());
    }
    return m_extra.keys();
}

ParamsForm::JsonConf ParamsForm::fromJsonText(const QString &text)
{
    JsonConf result;
    if (text.trimmed().isEmpty())
        return result; // no conf: {}
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        result.error = jsonError(QStringLiteral("The conf"), error, utf8, result.line, result.column);
    } else if (!document.isObject()) {
        result.error = QStringLiteral("The conf must be a JSON object, like {\"key\": \"value\"}.");
        result.line = 1;
        result.column = 1;
    } else {
        result.conf = document.object();
    }
    return result;
}

} // namespace Windsock::Params
