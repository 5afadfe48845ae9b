#include "connectioneditdialog.h"

#include "errorbanner.h"
#include "jsontextedit.h"

#include "api/airflowclient.h"
#include "api/dialect.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Windsock::Ui {

const QStringList &ConnectionEditDialog::commonTypes()
{
    static const QStringList types{
        QStringLiteral("aws"),    QStringLiteral("azure"),    QStringLiteral("databricks"),
        QStringLiteral("docker"), QStringLiteral("email"),    QStringLiteral("fs"),
        QStringLiteral("ftp"),    QStringLiteral("generic"),  QStringLiteral("google_cloud_platform"),
        QStringLiteral("http"),   QStringLiteral("jdbc"),     QStringLiteral("kubernetes"),
        QStringLiteral("mongo"),  QStringLiteral("mssql"),    QStringLiteral("mysql"),
        QStringLiteral("odbc"),   QStringLiteral("oracle"),   QStringLiteral("postgres"),
        QStringLiteral("redis"),  QStringLiteral("redshift"), QStringLiteral("sftp"),
        QStringLiteral("slack"),  QStringLiteral("smtp"),     QStringLiteral("snowflake"),
        QStringLiteral("spark"),  QStringLiteral("sqlite"),   QStringLiteral("ssh"),
        QStringLiteral("trino"),  QStringLiteral("wasb"),
    };
    return types;
}

ConnectionEditDialog::ConnectionEditDialog(Api::AirflowClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_isLoaded(true)
{
    build();
    setWindowTitle(tr("New connection"));
    m_clearPassword->hide(); // nothing stored to clear
    m_password->setPlaceholderText(tr("No password"));
    updateButtons();
}

ConnectionEditDialog::ConnectionEditDialog(Api::AirflowClient *client, const QString &connectionId,
                                           QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_editedId(connectionId)
{
    build();
    setWindowTitle(tr("Connection %1").arg(connectionId));
    m_id->setText(connectionId);
    m_id->setReadOnly(true);
    m_id->setToolTip(tr("Airflow cannot rename a connection: make a new one and delete this one instead."));
    m_password->setPlaceholderText(tr("Leave empty to keep the current password"));
    load();
}

ConnectionEditDialog::~ConnectionEditDialog()
{
    for (const QPointer<Api::ApiCall> &call : {m_call, m_testCall}) {
        if (call)
            call->cancel();
    }
}

void ConnectionEditDialog::build()
{
    setObjectName(QStringLiteral("connectionEditDialog"));
    m_id = new QLineEdit(this);
    m_id->setObjectName(QStringLiteral("connectionId"));
    m_id->setPlaceholderText(tr("e.g. warehouse_db (letters, digits, _ . -)"));
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("connectionType"));
    m_type->setEditable(true);
    m_type->addItems(commonTypes());
    m_type->setCurrentIndex(-1);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->setToolTip(tr("The provider's conn_type; any type the server's providers know can be typed"));
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("connectionHost"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("connectionPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("not set"));
    m_schema = new QLineEdit(this);
    m_schema->setObjectName(QStringLiteral("connectionSchema"));
    m_login = new QLineEdit(this);
    m_login->setObjectName(QStringLiteral("connectionLogin"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("connectionPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Airflow never sends a stored password back, so it is never shown here."));
    m_clearPassword = new QCheckBox(tr("Clear the stored password"), this);
    m_clearPassword->setObjectName(QStringLiteral("clearConnectionPassword"));
    m_extra = new JsonTextEdit(this);
    m_extra->setObjectName(QStringLiteral("connectionExtra"));
    m_extra->setJsonOnly(true);
    m_extra->setPlaceholderText(tr("A JSON object, e.g. {\"sslmode\": \"require\"}"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("connectionDescription"));
    m_error = new ErrorBanner(this);
    m_error->setObjectName(QStringLiteral("connectionError"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("connectionTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("connectionStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_test->setToolTip(tr("The server tries the connection as the form has it. A stored password is used "
                          "only if you type it again."));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->addButton(m_test, QDialogButtonBox::ActionRole);

    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_clearPassword);
    auto *form = new QFormLayout;
    form->addRow(tr("Connection &id:"), m_id);
    form->addRow(tr("Connection t&ype:"), m_type);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Schema:"), m_schema);
    form->addRow(tr("&Login:"), m_login);
    form->addRow(tr("Pass&word:"), passwordRow);
    form->addRow(tr("&Extra:"), m_extra);
    form->addRow(tr("&Description:"), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addLayout(form, 1);
    layout->addWidget(m_testResult);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(600, 560);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionEditDialog::testConnection);
    connect(m_id, &QLineEdit::textChanged, this, &ConnectionEditDialog::updateButtons);
    connect(m_type, &QComboBox::currentTextChanged, this, &ConnectionEditDialog::updateButtons);
    connect(m_extra, &JsonTextEdit::acceptableChanged, this, &ConnectionEditDialog::updateButtons);
    connect(m_clearPassword, &QCheckBox::toggled, this, [this](bool clear) {
        m_password->setEnabled(!clear);
        if (clear)
            m_password->clear();
    });
}

QPushButton *ConnectionEditDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

QString ConnectionEditDialog::errorText() const
{
    return m_error->message();
}

QString ConnectionEditDialog::testResultText() const
{
    return m_testResult->isHidden() ? QString() : m_testResult->text();
}

void ConnectionEditDialog::updateButtons()
{
    const bool complete = !m_id->text().trimmed().isEmpty() && !m_type->currentText().trimmed().isEmpty();
    const bool ready = m_isLoaded && complete && m_extra->isAcceptable();
    saveButton()->setEnabled(ready && !isBusy());
    // A server that cannot test connections (before 2.2) keeps the button greyed, with its reason.
    const QString testReason =
        m_client ? m_client->dialect().unavailableReason(Api::Feature::ConnectionTest) : QString();
    m_test->setEnabled(ready && !isBusy() && testReason.isEmpty());
    if (!testReason.isEmpty())
        m_test->setToolTip(testReason);
    QString why;
    if (!m_extra->isAcceptable())
        why = tr("Fix the extra first: %1").arg(m_extra->lastCheck().message);
    else if (!complete)
        why = tr("A connection needs an id and a type.");
    saveButton()->setToolTip(why);
}

void ConnectionEditDialog::setBusy(const QString &status)
{
    m_status->setText(status);
    updateButtons();
}

void ConnectionEditDialog::load()
{
    if (!m_client)
        return;
    for (QWidget *field : std::initializer_list<QWidget *>{
             m_type, m_host, m_port, m_schema, m_login, m_password, m_clearPassword, m_extra, m_description})
        field->setEnabled(false);
    m_call = m_client->connection(m_editedId, this, [this](const Api::Result<Api::Connection> &result) {
        m_call = nullptr;
        if (!result.ok()) {
            setBusy({});
            m_error->setMessage(
                tr("Could not read connection %1: %2").arg(m_editedId, result.error().message()));
            return;
        }
        fill(result.value());
        setBusy({});
    });
    setBusy(tr("Reading the connection…"));
}

void ConnectionEditDialog::fill(const Api::Connection &connection)
{
    m_loaded = connection;
    m_isLoaded = true;
    m_type->setCurrentText(connection.connType);
    m_host->setText(connection.host);
    m_port->setValue(connection.port);
    m_schema->setText(connection.schema);
    m_login->setText(connection.login);
    m_extra->setText(connection.extra);
    m_description->setText(connection.description);
    for (QWidget *field : std::initializer_list<QWidget *>{
             m_type, m_host, m_port, m_schema, m_login, m_password, m_clearPassword, m_extra, m_description})
        field->setEnabled(true);
}

Api::ConnectionRequest ConnectionEditDialog::fullRequest() const
{
    Api::ConnectionRequest request;
    request.connectionId = isEditing() ? m_editedId : m_id->text().trimmed();
    request.connType = m_type->currentText().trimmed();
    const auto set = [](std::optional<QString> &field, const QString &text) {
        if (!text.isEmpty())
            field = text;
    };
    set(request.host, m_host->text().trimmed());
    set(request.schema, m_schema->text());
    set(request.login, m_login->text());
    set(request.password, m_password->text());
    set(request.extra, m_extra->text().trimmed());
    set(request.description, m_description->text());
    if (m_port->value() > 0)
        request.port = m_port->value();
    return request;
}

Api::ConnectionRequest ConnectionEditDialog::changesRequest() const
{
    Api::ConnectionRequest request;
    request.connectionId = m_editedId;
    const auto change = [](std::optional<QString> &field, const QString &now, const QString &before) {
        if (now != before)
            field = now; // empty: cleared
    };
    change(request.connType, m_type->currentText().trimmed(), m_loaded.connType);
    change(request.host, m_host->text().trimmed(), m_loaded.host);
    change(request.schema, m_schema->text(), m_loaded.schema);
    change(request.login, m_login->text(), m_loaded.login);
    change(request.extra, m_extra->text().trimmed(), m_loaded.extra.trimmed());
    change(request.description, m_description->text(), m_loaded.description);
    if (m_port->value() != m_loaded.port)
        request.port = m_port->value();
    // Write-only: an empty field keeps the stored password; only a typed one or "clear" changes it.
    if (m_clearPassword->isChecked())
        request.password = QString();
    else if (!m_password->text().isEmpty())
        request.password = m_password->text();
    return request;
}

void ConnectionEditDialog::save()
{
    if (!m_client || isBusy() || !saveButton()->isEnabled())
        return;
    m_error->setMessage({});
    const QString id = isEditing() ? m_editedId : m_id->text().trimmed();
    const auto done = [this, id](const Api::Result<Api::Connection> &result) {
        m_call = nullptr;
        setBusy({});
        if (!result.ok()) {
            m_error->setMessage(tr("Could not save connection %1: %2").arg(id, result.error().message()));
            return;
        }
        Q_EMIT saved(id);
        accept();
    };
    if (isEditing()) {
        const Api::ConnectionRequest changes = changesRequest();
        const bool anything = changes.connType || changes.host || changes.schema || changes.login ||
                              changes.extra || changes.description || changes.port || changes.password;
        if (!anything) {
            accept(); // nothing to send
            return;
        }
        m_call = m_client->updateConnection(changes, this, done);
    } else {
        m_call = m_client->createConnection(fullRequest(), this, done);
    }
    if (m_call)
        setBusy(tr("Saving…"));
}

void ConnectionEditDialog::testConnection()
{
    if (!m_client || isBusy() || !m_client->dialect().supports(Api::Feature::ConnectionTest))
        return;
    m_testResult->hide();
    m_testCall = m_client->testConnection(
        fullRequest(), this, [this](const Api::Result<Api::ConnectionTestResult> &result) {
            m_testCall = nullptr;
            setBusy({});
            QString text;
            QString colour;
            if (!result.ok()) {
                // 403 with testing disabled: the client's sentence names the setting an administrator
                // changes.
                text = tr("The test could not run. %1").arg(result.error().message());
                colour = QStringLiteral("#c62828");
            } else if (result.value().status) {
                text = tr("The connection works. %1").arg(result.value().message).trimmed();
                colour = QStringLiteral("#2e7d32");
            } else {
                text = tr("The connection failed: %1").arg(result.value().message);
                colour = QStringLiteral("#c62828");
            }
            m_testResult->setText(text);
            m_testResult->setStyleSheet(QStringLiteral("color: %1;").arg(colour));
            m_testResult->show();
        });
    if (m_testCall)
        setBusy(tr("Testing the connection on the server…"));
}

} // namespace Windsock::Ui
