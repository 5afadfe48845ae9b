#include "variableeditdialog.h"

#include "errorbanner.h"
#include "jsontextedit.h"

#include "api/airflowclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

VariableEditDialog::VariableEditDialog(Api::AirflowClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_loaded(true)
{
    build();
    setWindowTitle(tr("New variable"));
    updateButtons();
}

VariableEditDialog::VariableEditDialog(Api::AirflowClient *client, const QString &key, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_editedKey(key)
{
    build();
    setWindowTitle(tr("Variable %1").arg(key));
    m_key->setText(key);
    m_key->setReadOnly(true);
    m_key->setToolTip(tr("Airflow cannot rename a variable: make a new one and delete this one instead."));
    load();
}

VariableEditDialog::~VariableEditDialog()
{
    if (m_call)
        m_call->cancel();
}

void VariableEditDialog::build()
{
    setObjectName(QStringLiteral("variableEditDialog"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("variableKey"));
    m_key->setPlaceholderText(tr("e.g. etl_settings"));
    m_value = new JsonTextEdit(this);
    m_value->setObjectName(QStringLiteral("variableValue"));
    m_value->setPlaceholderText(tr("Any text. JSON ({...} or [...]) is checked as you type."));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("variableDescription"));
    m_error = new ErrorBanner(this);
    m_error->setObjectName(QStringLiteral("variableError"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("variableStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto *form = new QFormLayout;
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("&Value:"), m_value);
    form->addRow(tr("&Description:"), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addLayout(form, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(560, 420);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &VariableEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_key, &QLineEdit::textChanged, this, &VariableEditDialog::updateButtons);
    connect(m_value, &JsonTextEdit::acceptableChanged, this, &VariableEditDialog::updateButtons);
}

QPushButton *VariableEditDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

QString VariableEditDialog::errorText() const
{
    return m_error->message();
}

void VariableEditDialog::updateButtons()
{
    const bool keyOk = !m_key->text().trimmed().isEmpty();
    saveButton()->setEnabled(m_loaded && !m_call && keyOk && m_value->isAcceptable());
    if (!m_value->isAcceptable())
        saveButton()->setToolTip(tr("Fix the JSON first: %1").arg(m_value->lastCheck().message));
    else if (!keyOk)
        saveButton()->setToolTip(tr("A variable needs a key."));
    else
        saveButton()->setToolTip(QString());
}

void VariableEditDialog::setBusy(const QString &status)
{
    m_status->setText(status);
    m_key->setEnabled(status.isEmpty());
    m_value->setEnabled(status.isEmpty());
    m_description->setEnabled(status.isEmpty());
    updateButtons();
}

void VariableEditDialog::load()
{
    if (!m_client)
        return;
    m_call = m_client->variable(m_editedKey, this, [this](const Api::Result<Api::Variable> &result) {
        m_call = nullptr;
        if (!result.ok()) {
            setBusy({});
            m_key->setEnabled(true);
            m_error->setMessage(
                tr("Could not read variable %1: %2").arg(m_editedKey, result.error().message()));
            m_value->setEnabled(false);
            m_description->setEnabled(false);
            updateButtons();
            return;
        }
        m_loaded = true;
        m_value->setText(result.value().value);
        m_description->setText(result.value().description);
        setBusy({});
    });
    setBusy(tr("Reading the variable…"));
}

void VariableEditDialog::save()
{
    if (!m_client || m_call || !saveButton()->isEnabled())
        return;
    m_error->setMessage({});
    const QString key = isEditing() ? m_editedKey : m_key->text().trimmed();
    const auto done = [this, key](const Api::Result<Api::Variable> &result) {
        m_call = nullptr;
        setBusy({});
        if (!result.ok()) {
            // Everything typed stays; the user can fix it and save again.
            m_error->setMessage(tr("Could not save variable %1: %2").arg(key, result.error().message()));
            return;
        }
        Q_EMIT saved(key);
        accept();
    };
    if (isEditing()) {
        Api::VariableUpdate update;
        update.key = key;
        update.value = m_value->text();
        update.description = m_description->text();
        m_call = m_client->updateVariable(update, this, done);
    } else {
        Api::Variable variable;
        variable.key = key;
        variable.value = m_value->text();
        variable.description = m_description->text();
        m_call = m_client->createVariable(variable, this, done);
    }
    if (m_call)
        setBusy(tr("Saving…"));
}

} // namespace Windsock::Ui
