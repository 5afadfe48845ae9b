#include "confighandler.h"

#include "apirequest.h"
#include "problem.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Windsock::Sandbox {

namespace {

struct Option
{
    QString key;
    QString value;
};

struct Section
{
    QString name;
    QList<Option> options;
};

} // namespace

ConfigHandler::ConfigHandler(bool exposeConfig, bool allowConnectionTest)
    : m_exposeConfig(exposeConfig)
    , m_allowConnectionTest(allowConnectionTest)
{}

ApiResponse ConfigHandler::get(const ApiRequest &request) const
{
    // Flask's best_match over ["text/plain", "application/json"]: the first one for */* or no header.
    const QByteArray accept = request.accept.trimmed();
    const bool json = accept.contains("application/json") && !accept.contains("text/plain");
    const bool text = !json && (accept.isEmpty() || accept.contains("text/plain") || accept.contains("*/*"));
    if (!json && !text)
        return ApiResponse{406, QByteArrayLiteral("text/html; charset=utf-8"), QByteArray()};
    if (!m_exposeConfig) {
        return Problem::make(
            403, QStringLiteral("Forbidden"),
            QStringLiteral("Your Airflow administrator chose not to expose the configuration, "
                           "most likely for security reasons."),
            QStringLiteral("PermissionDenied"));
    }
    const QString hidden = QStringLiteral("< hidden >");
    const QList<Section> all = {
        {QStringLiteral("core"),
         {{QStringLiteral("dags_folder"), QStringLiteral("/opt/airflow/dags")},
          {QStringLiteral("executor"), QStringLiteral("LocalExecutor")},
          {QStringLiteral("parallelism"), QStringLiteral("32")},
          {QStringLiteral("max_active_runs_per_dag"), QStringLiteral("16")},
          {QStringLiteral("load_examples"), QStringLiteral("False")},
          {QStringLiteral("fernet_key"), hidden},
          {QStringLiteral("test_connection"),
           m_allowConnectionTest ? QStringLiteral("Enabled") : QStringLiteral("Disabled")}}},
        {QStringLiteral("database"), {{QStringLiteral("sql_alchemy_conn"), hidden}}},
        {QStringLiteral("webserver"),
         {{QStringLiteral("base_url"), QStringLiteral("http://localhost:8080")},
          {QStringLiteral("expose_config"), QStringLiteral("non-sensitive-only")},
          {QStringLiteral("secret_key"), hidden},
          {QStringLiteral("default_ui_timezone"), QStringLiteral("UTC")}}},
        {QStringLiteral("api"),
         {{QStringLiteral("auth_backends"),
           QStringLiteral("airflow.providers.fab.auth_manager.api.auth.backend."
                          "basic_auth,airflow.api.auth.backend.session")},
          {QStringLiteral("maximum_page_limit"), QStringLiteral("100")},
          {QStringLiteral("fallback_page_limit"), QStringLiteral("100")}}},
        {QStringLiteral("scheduler"),
         {{QStringLiteral("dag_dir_list_interval"), QStringLiteral("300")},
          {QStringLiteral("catchup_by_default"), QStringLiteral("True")}}},
    };
    const QString wanted = request.queryValue(QStringLiteral("section"));
    QList<Section> sections;
    for (const Section &section : all) {
        if (wanted.isEmpty() || section.name == wanted)
            sections.append(section);
    }
    if (!wanted.isEmpty() && sections.isEmpty()) {
        return Problem::notFound(QStringLiteral("section not found."),
                                 QStringLiteral("section=") + wanted + QStringLiteral(" not found."));
    }
    if (text) {
        QString body;
        for (const Section &section : sections) {
            body += u'[' + section.name + QStringLiteral("]\n");
            for (const Option &option : section.options)
                body += option.key + QStringLiteral(" = ") + option.value + u'\n';
            body += u'\n';
        }
        return ApiResponse{200, QByteArrayLiteral("text/plain"), body.toUtf8()};
    }
    QJsonArray sectionsJson;
    for (const Section &section : sections) {
        QJsonArray options;
        for (const Option &option : section.options)
            options.append(
                QJsonObject{{QStringLiteral("key"), option.key}, {QStringLiteral("value"), option.value}});
        sectionsJson.append(
            QJsonObject{{QStringLiteral("name"), section.name}, {QStringLiteral("options"), options}});
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("sections"), sectionsJson}});
}

} // namespace Windsock::Sandbox
