#include "requestcommand.h"

#include "exitcode.h"
#include "jsoninput.h"
#include "profilesession.h"

#include "api/airflowclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using Windsock::Api::ApiError;

namespace Windsock::Cli {

namespace {

// What the server said in an error body (problem+json detail/title, or Airflow 2's detail).
QString serverDetail(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    for (const char *key : {"detail", "title", "message", "error_description", "error"}) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
    }
    return {};
}

} // namespace

RequestCommand::RequestCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_session(m_context)
{}

void RequestCommand::run()
{
    if (m_context.arguments.size() != 2)
        return m_context.fail(UsageError,
                              QStringLiteral("Usage: windsock-cli request METHOD PATH [--data JSON] "
                                             "[--query k=v]... [--profile NAME_OR_ID]"));
    m_method = m_context.arguments.at(0).toUpper().toLatin1();
    static const QList<QByteArray> methods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    if (!methods.contains(m_method))
        return m_context.fail(UsageError,
                              QStringLiteral("Unknown HTTP method \"%1\".").arg(m_context.arguments.at(0)));
    QString path = m_context.arguments.at(1);
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    QUrl url(QStringLiteral("http://host") + path, QUrl::StrictMode);
    if (!url.isValid())
        return m_context.fail(UsageError, QStringLiteral("The path \"%1\" is not valid.").arg(path));
    QUrlQuery query(url);
    for (const QString &pair : m_context.parser->values(QStringLiteral("query"))) {
        const int equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return m_context.fail(UsageError,
                                  QStringLiteral("--query takes key=value, not \"%1\".").arg(pair));
        query.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(pair.left(equals))),
                           QString::fromUtf8(QUrl::toPercentEncoding(pair.mid(equals + 1))));
    }
    url.setQuery(query);
    m_pathAndQuery = url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded);
    if (m_context.parser->isSet(QStringLiteral("data"))) {
        m_body = m_context.parser->value(QStringLiteral("data")).toUtf8();
        const QString error = JsonInput::error(QStringLiteral("--data"), m_body, false);
        if (!error.isEmpty())
            return m_context.fail(UsageError, error + QStringLiteral(" Nothing was sent."));
    }

    static const QList<QByteArray> readingMethods{"GET", "HEAD", "OPTIONS"};
    const ProfileSession::Access access =
        readingMethods.contains(m_method) ? ProfileSession::Access::Read : ProfileSession::Access::Change;
    if (!m_session.select(access, QStringLiteral("send %1 requests").arg(QString::fromLatin1(m_method))))
        return;
    m_session.open(this, [this](const std::shared_ptr<Api::AirflowClient> &client) { send(client); });
}

void RequestCommand::send(const std::shared_ptr<Api::AirflowClient> &client)
{
    Api::RawRequest request;
    request.method = m_method;
    request.path = m_pathAndQuery;
    request.body = m_body;
    client->send(request, this, [this, client](const Api::Result<Api::RawResponse> &result) {
        if (!result.ok())
            return m_context.fail(exitCodeFor(result.error()), result.error().message());
        report(result.value());
    });
}

void RequestCommand::report(const Api::RawResponse &response)
{
    const QJsonDocument json = QJsonDocument::fromJson(response.body);
    if (m_context.outIsTerminal && !json.isNull())
        *m_context.out << json.toJson(QJsonDocument::Indented);
    else
        *m_context.out << response.body;
    m_context.out->flush();

    const int status = response.status;
    if (status >= 300 && status < 400) {
        const QString location = QString::fromUtf8(response.header(QByteArrayLiteral("Location")));
        return m_context.fail(
            ConnectionError,
            QStringLiteral("The server redirected to %1 (HTTP %2), which usually means the "
                           "credentials were rejected and it wants a login. Check the profile's "
                           "key or token.")
                .arg(location.isEmpty() ? QStringLiteral("another page") : location)
                .arg(status));
    }
    if (status == 401) {
        const QString detail = serverDetail(response.body);
        return m_context.fail(
            ConnectionError,
            QStringLiteral("The server refused the credentials (HTTP 401)%1. Check the profile's "
                           "user name and password, token or key.")
                .arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
    }
    if (status >= 400) {
        const QString detail = serverDetail(response.body);
        return m_context.fail(
            HttpError, QStringLiteral("The server answered HTTP %1 for %2 %3%4")
                           .arg(status)
                           .arg(QString::fromLatin1(m_method), m_pathAndQuery,
                                detail.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + detail));
    }
    m_context.finish(Ok);
}

} // namespace Windsock::Cli
