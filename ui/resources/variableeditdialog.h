#pragma once

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
} // namespace Windsock::Api

namespace Windsock::Ui {

class ErrorBanner;
class JsonTextEdit;

// Creates a variable, or edits one (its key then read-only: Airflow has no rename). The value editor checks
// JSON as it is typed (line and column of a mistake, Save disabled until fixed) and saves exactly the typed
// text. Editing reads the variable first, so the value is the server's current one. A refusal (409 on an
// existing key, 400, 404, 403) is shown in the dialog in plain words, and everything typed stays. The dialog
// is window-modal through open(): no nested event loop.
class VariableEditDialog final : public QDialog
{
    Q_OBJECT

public:
    // A new variable.
    VariableEditDialog(Api::AirflowClient *client, QWidget *parent = nullptr);
    // The variable `key`, read from the server.
    VariableEditDialog(Api::AirflowClient *client, const QString &key, QWidget *parent = nullptr);
    ~VariableEditDialog() override;

    bool isEditing() const { return !m_editedKey.isEmpty(); }
    bool isBusy() const { return !m_call.isNull(); }
    QLineEdit *keyEdit() const { return m_key; }
    JsonTextEdit *valueEdit() const { return m_value; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QPushButton *saveButton() const;
    QString errorText() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    // The server has the variable as saved.
    void saved(const QString &key);

private:
    void build();
    void load();
    void updateButtons();
    void setBusy(const QString &status);

    QPointer<Api::AirflowClient> m_client;
    QString m_editedKey;
    bool m_loaded = false;
    QLineEdit *m_key;
    JsonTextEdit *m_value;
    QLineEdit *m_description;
    ErrorBanner *m_error;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPointer<Api::ApiCall> m_call;
};

} // namespace Windsock::Ui
