#pragma once

#include "paramfield.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace Windsock::Params {

// The trigger form of one DAG, built from its params: the fields in the DAG's order grouped by section, the
// current value of each, validation against the schemas before sending, and the conf to send. It holds no
// widgets: a UI builds one editor per field and forwards edits through setValue() or setText().
class ParamsForm
{
public:
    struct FieldError
    {
        QString name;
        QString message;
    };
    struct Section
    {
        QString name;       // empty for the main part of the form, which comes first; the others by name
        QStringList fields; // param names in the DAG's order; const (hidden) params are not listed
    };
    // A conf typed as JSON (the raw-JSON mode).
    struct JsonConf
    {
        QJsonObject conf;
        QString error; // plain words, empty when the text is a JSON object
        int line = 0;  // 1-based position of the error, 0 when there is none
        int column = 0;
        bool ok() const { return error.isEmpty(); }
    };

    ParamsForm() = default;
    explicit ParamsForm(const QList<Api::DagParam> &params);

    const QList<ParamField> &fields() const { return m_fields; }
    const ParamField *field(const QString &name) const;
    QList<Section> sections() const;

    QJsonValue value(const QString &name) const;
    // What an editor shows: the text typed last (even when invalid), else the value as text.
    QString text(const QString &name) const;
    // False for an unknown name. A const field keeps its value.
    bool setValue(const QString &name, const QJsonValue &value);
    // Text from an editor, parsed per kind: empty means null (as Airflow's form does), lists are one item a
    // line, JSON fields are parsed. What was typed is kept even when it does not parse.
    bool setText(const QString &name, const QString &text);
    // Every field back to its default; extra keys dropped.
    void reset();

    // Per-field errors in the form's order; empty when the form can be sent.
    QList<FieldError> validate() const;
    QString errorFor(const QString &name) const;
    bool isValid() const { return validate().isEmpty(); }

    // The conf to send: every param (const included) with its typed value, plus the extra keys. Empty when
    // the form is not valid: call validate() to say why.
    QJsonObject conf() const;
    // The conf as it stands, for a live preview: fields whose text does not parse are left out.
    QJsonObject currentConf() const;

    // "Re-use the conf of an earlier run": fields start from their defaults, keys of known params fill them,
    // other keys are kept and sent as they were. Returns those extra keys.
    QStringList applyConf(const QJsonObject &conf);
    QStringList extraKeys() const { return m_extra.keys(); }
    void dropExtraKeys() { m_extra = QJsonObject(); }

    static JsonConf fromJsonText(const QString &text);

private:
    struct State
    {
        QJsonValue value;
        QString typedText; // what was typed last; empty with textTyped false when set as a value
        bool textTyped = false;
        QString parseError; // the typed text does not parse
    };

    int indexOf(const QString &name) const;
    State parse(const ParamField &field, const QString &text) const;

    QList<ParamField> m_fields;
    QList<State> m_states;
    QHash<QString, int> m_index;
    QJsonObject m_extra;
};

} // namespace Windsock::Params
