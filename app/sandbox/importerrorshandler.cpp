#include "importerrorshandler.h"

#include "airflowtime.h"
#include "apirequest.h"
#include "paging.h"
#include "problem.h"
#include "sandboxstate.h"

#include <QJsonArray>

namespace Windsock::Sandbox {

ImportErrorsHandler::ImportErrorsHandler(SandboxState *state, int count)
    : m_state(state)
    , m_count(count > 0 ? 1 : 0)
{}

QJsonObject ImportErrorsHandler::importError() const
{
    const QString file = QStringLiteral("/opt/airflow/dags/marketing_attribution.py");
    return QJsonObject{
        {QStringLiteral("import_error_id"), 1},
        {QStringLiteral("timestamp"),
         AirflowTime::iso(m_state->nowMs() - (m_state->nowMs() % 60000) - 3600000)},
        {QStringLiteral("filename"), file},
        {QStringLiteral("stack_trace"),
         QString(QStringLiteral(
                     "Traceback (most recent call last):\n"
                     "  File \"<frozen importlib._bootstrap>\", line 488, in _call_with_frames_removed\n"
                     "  File \"") +
                 file +
                 QStringLiteral("\", line 7, in <module>\n"
                                "    from attribution.models import ShapleyModel\n"
                                "ModuleNotFoundError: No module named 'attribution'\n"))}};
}

ApiResponse ImportErrorsHandler::list(const ApiRequest &request) const
{
    ApiResponse error;
    const std::optional<Paging> paging = Paging::parse(request, &error);
    if (!paging)
        return error;
    QJsonArray items;
    if (paging->offset == 0 && m_count > 0)
        items.append(importError());
    return ApiResponse::json(
        QJsonObject{{QStringLiteral("import_errors"), items}, {QStringLiteral("total_entries"), m_count}});
}

ApiResponse ImportErrorsHandler::get(const ApiRequest &, const QString &id) const
{
    bool ok = false;
    const int number = id.toInt(&ok);
    if (!ok)
        return Problem::badRequest(u'\'' + id +
                                   QStringLiteral("' is not of type 'integer' - 'import_error_id'"));
    if (number != 1 || m_count == 0)
        return Problem::notFound(QStringLiteral("Import error not found"),
                                 QStringLiteral("The ImportError with import_error_id: `") + id +
                                     QStringLiteral("` was not found"));
    return ApiResponse::json(importError());
}

} // namespace Windsock::Sandbox
