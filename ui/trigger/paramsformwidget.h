#pragma once

#include "params/paramsform.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace Windsock::Ui {

// The trigger form of one DAG as widgets: one editor per param (line edit, multi-line text, spin box with the
// schema's bounds, check box, combo with values_display labels, date/date-time/time editors, a list one item
// a line, a JSON editor for objects and arrays; const params hidden), sections as group boxes, descriptions
// under the editors and each field's error as the user types. The values live in a Params::ParamsForm.
class ParamsFormWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit ParamsFormWidget(QWidget *parent = nullptr);

    void setParams(const QList<Api::DagParam> &params);
    const Params::ParamsForm &form() const { return m_form; }
    bool isEmpty() const { return m_form.fields().isEmpty(); }
    bool isValid() const { return m_form.isValid(); }
    // The conf to send when valid; else what parses (for the JSON view).
    QJsonObject conf() const;
    // Fills the editors from a conf: known params take its values, other keys are kept and listed.
    void applyConf(const QJsonObject &conf);
    // The editor of a param (objectName "param_<name>"), null for const params.
    QWidget *editor(const QString &name) const { return m_editors.value(name); }
    QLabel *errorLabel(const QString &name) const { return m_errors.value(name); }
    QLabel *extraKeysLabel() const { return m_extraKeys; }

Q_SIGNALS:
    void changed();

private:
    QWidget *createEditor(const Params::ParamField &field);
    void addField(const Params::ParamField &field, QVBoxLayout *layout);
    void loadEditor(const Params::ParamField &field);
    void edited(const QString &name, const QString &text);
    void editedValue(const QString &name, const QJsonValue &value);
    void showErrors();

    Params::ParamsForm m_form;
    QVBoxLayout *m_layout;
    QWidget *m_content = nullptr;
    QLabel *m_extraKeys;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_errors;
};

} // namespace Windsock::Ui
