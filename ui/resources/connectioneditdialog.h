#pragma once

#include "api/types.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
struct ConnectionRequest;
} // namespace Windsock::Api

namespace Windsock::Ui {

class ErrorBanner;
class JsonTextEdit;

// Creates a connection, or edits one (its id then read-only). The password is write-only, as in Airflow: it
// is never shown nor pre-filled; an empty field keeps the stored password, "Clear the password" removes it.
// Extra is JSON, checked as it is typed. Test connection sends what the form holds to the server's test and
// shows the answer in the dialog; a server with testing switched off (its 403) is explained in plain words.
// An update sends only the fields that changed. A refusal keeps the dialog open with everything typed.
class ConnectionEditDialog final : public QDialog
{
    Q_OBJECT

public:
    // Common conn_type values, for the editable combo box.
    static const QStringList &commonTypes();

    // A new connection.
    ConnectionEditDialog(Api::AirflowClient *client, QWidget *parent = nullptr);
    // The connection `connectionId`, read from the server.
    ConnectionEditDialog(Api::AirflowClient *client, const QString &connectionId, QWidget *parent = nullptr);
    ~ConnectionEditDialog() override;

    bool isEditing() const { return !m_editedId.isEmpty(); }
    bool isBusy() const { return !m_call.isNull() || !m_testCall.isNull(); }
    QLineEdit *idEdit() const { return m_id; }
    QComboBox *typeEdit() const { return m_type; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portEdit() const { return m_port; }
    QLineEdit *schemaEdit() const { return m_schema; }
    QLineEdit *loginEdit() const { return m_login; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *clearPasswordBox() const { return m_clearPassword; }
    JsonTextEdit *extraEdit() const { return m_extra; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QPushButton *saveButton() const;
    QPushButton *testButton() const { return m_test; }
    QString errorText() const;
    QString testResultText() const;

public Q_SLOTS:
    void save();
    void testConnection();

Q_SIGNALS:
    void saved(const QString &connectionId);

private:
    void build();
    void load();
    void fill(const Api::Connection &connection);
    // The request for a create or a test: every field that holds something.
    Api::ConnectionRequest fullRequest() const;
    // The request for an update: only what differs from the loaded connection.
    Api::ConnectionRequest changesRequest() const;
    void updateButtons();
    void setBusy(const QString &status);

    QPointer<Api::AirflowClient> m_client;
    QString m_editedId;
    Api::Connection m_loaded;
    bool m_isLoaded = false;
    QLineEdit *m_id;
    QComboBox *m_type;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_schema;
    QLineEdit *m_login;
    QLineEdit *m_password;
    QCheckBox *m_clearPassword;
    JsonTextEdit *m_extra;
    QLineEdit *m_description;
    ErrorBanner *m_error;
    QLabel *m_testResult;
    QLabel *m_status;
    QPushButton *m_test;
    QDialogButtonBox *m_buttons;
    QPointer<Api::ApiCall> m_call;
    QPointer<Api::ApiCall> m_testCall;
};

} // namespace Windsock::Ui
