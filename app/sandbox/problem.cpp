#include "problem.h"

#include <QJsonObject>

namespace Windsock::Sandbox::Problem {

namespace {
const QString errorsUrl = QStringLiteral(
    "https://airflow.apache.org/docs/apache-airflow/2.10.5/stable-rest-api-ref.html#section/Errors/");
}

ApiResponse make(int status, const QString &title, const QString &detail, const QString &typeFragment)
{
    QJsonObject o;
    o.insert(QStringLiteral("type"),
             typeFragment.startsWith(QLatin1String("about:")) ? typeFragment : errorsUrl + typeFragment);
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("detail"), detail);
    ApiResponse r = ApiResponse::json(o, status);
    r.contentType = QByteArrayLiteral("application/problem+json");
    return r;
}

ApiResponse badRequest(const QString &detail)
{
    return make(400, QStringLiteral("Bad Request"), detail, QStringLiteral("BadRequest"));
}

ApiResponse unauthenticated()
{
    return make(
        401, QStringLiteral("Unauthorized"),
        QStringLiteral("The server could not verify that you are authorized to access the URL requested. "
                       "You either supplied the wrong credentials (e.g. a bad password), or your browser "
                       "doesn't understand how to supply the credentials required."),
        QStringLiteral("Unauthenticated"));
}

ApiResponse notFound(const QString &title, const QString &detail)
{
    return make(404, title, detail, QStringLiteral("NotFound"));
}

ApiResponse alreadyExists(const QString &detail)
{
    return make(409, QStringLiteral("Conflict"), detail, QStringLiteral("AlreadyExists"));
}

ApiResponse unknownPath()
{
    return make(
        404, QStringLiteral("Not Found"),
        QStringLiteral("The requested URL was not found on the server. If you entered the URL manually "
                       "please check your spelling and try again."),
        QStringLiteral("about:blank"));
}

ApiResponse methodNotAllowed()
{
    return make(405, QStringLiteral("Method Not Allowed"),
                QStringLiteral("The method is not allowed for the requested URL."),
                QStringLiteral("about:blank"));
}

ApiResponse notAcceptable(const QString &detail)
{
    return make(406, QStringLiteral("Not Acceptable"), detail, QStringLiteral("NotAcceptable"));
}

ApiResponse serverError(int status)
{
    if (status == 503)
        return make(
            503, QStringLiteral("Service Unavailable"),
            QStringLiteral("The server is temporarily unable to service your request (sandbox fault)."),
            QStringLiteral("about:blank"));
    return make(500, QStringLiteral("Internal Server Error"),
                QStringLiteral("The server encountered an internal error (sandbox fault)."),
                QStringLiteral("Unknown"));
}

} // namespace Windsock::Sandbox::Problem
