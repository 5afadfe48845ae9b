#include "requestcommand.h"

#include "exitcode.h"
#include "jsoninput.h"
#include "profilesession.h"

#include "api/airflowclient.h"
#include "auth/authenticator.h"
#include "explorer/explorervariables.h"
#include "explorer/pagefetcher.h"
#include "explorer/savedrequests.h"

#include <QDir>
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

QString RequestCommand::savedFolder(const QCommandLineParser &parser)
{
    const QString dir = parser.value(QStringLiteral("saved-dir"));
    return dir.isEmpty() ? Explorer::SavedRequests::defaultFolder() : QDir(dir).absolutePath();
}

void RequestCommand::run()
{
    if (!buildDraft())
        return;
    m_method = m_draft.method;
    static const QList<QByteArray> methods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    if (!methods.contains(m_method))
        return m_context.fail(
            UsageError, QStringLiteral("Unknown HTTP method \"%1\".").arg(QString::fromLatin1(m_method)));
    if (m_context.parser->isSet(QStringLiteral("all-pages")) && m_method != "GET")
        return m_context.fail(UsageError, QStringLiteral("--all-pages pages through a list: it needs a GET "
                                                         "request, not %1.")
                                              .arg(QString::fromLatin1(m_method)));
    if (!m_context.parser->isSet(QStringLiteral("save")) &&
        m_context.parser->isSet(QStringLiteral("collection")))
        return m_context.fail(UsageError, QStringLiteral("--collection goes with --save NAME."));
    if (m_context.parser->isSet(QStringLiteral("save"))) {
        const QString collection = m_context.parser->value(QStringLiteral("collection"));
        QString nameError =
            Explorer::SavedRequests::checkName(m_context.parser->value(QStringLiteral("save")));
        if (nameError.isEmpty() && !collection.isEmpty())
            nameError = Explorer::SavedRequests::checkName(collection);
        if (!nameError.isEmpty())
            return m_context.fail(UsageError, QStringLiteral("--save: %1 Nothing was sent.").arg(nameError));
    }

    static const QList<QByteArray> readingMethods{"GET", "HEAD", "OPTIONS"};
    const ProfileSession::Access access =
        readingMethods.contains(m_method) ? ProfileSession::Access::Read : ProfileSession::Access::Change;
    if (!m_session.select(access, QStringLiteral("send %1 requests").arg(QString::fromLatin1(m_method))))
        return;
    if (m_method == "DELETE" && !m_session.confirmProduction(QStringLiteral("send DELETE requests")))
        return;

    // The profile's explorer variables, as the explorer would fill them in.
    // With --config DIR (or WINDSOCK_CONFIG_DIR) the variables sit beside that profiles file, as the app's
    // sit beside its own.
    QString configDir = m_context.parser->value(QStringLiteral("config"));
    if (configDir.isEmpty())
        configDir = qEnvironmentVariable("WINDSOCK_CONFIG_DIR");
    Explorer::VariableStore variables =
        configDir.isEmpty() ? Explorer::VariableStore(m_session.profile().id)
                            : Explorer::VariableStore::onFile(QDir(configDir).absoluteFilePath(
                                  QStringLiteral("explorer/variables-%1.json").arg(m_session.profile().id)));
    QString variablesError;
    if (!variables.load(&variablesError))
        return m_context.fail(ProfileError, variablesError);
    const Explorer::ResolvedRequest resolved = Explorer::resolve(m_draft, variables.variables());
    if (!resolved.isValid())
        return m_context.fail(UsageError, resolved.error + QStringLiteral(" Nothing was sent."));
    m_pathAndQuery = resolved.raw.path;

    const Api::RawRequest request = resolved.raw;
    m_session.open(this, [this, request](const std::shared_ptr<Api::AirflowClient> &client) {
        // Saved once the profile is open, so that none of its secrets can reach the file.
        if (m_context.parser->isSet(QStringLiteral("save")) && !saveDraft(client->authenticator().secrets()))
            return;
        if (m_context.parser->isSet(QStringLiteral("all-pages")))
            return sendAllPages(client, request);
        client->send(request, this, [this, client](const Api::Result<Api::RawResponse> &result) {
            if (!result.ok())
                return m_context.fail(exitCodeFor(result.error()), result.error().message());
            report(result.value());
        });
    });
}

bool RequestCommand::buildDraft()
{
    const QCommandLineParser &parser = *m_context.parser;
    if (parser.isSet(QStringLiteral("from-file"))) {
        if (!m_context.arguments.isEmpty()) {
            m_context.fail(UsageError,
                           QStringLiteral("--from-file takes the method and the path from the file: "
                                          "give no METHOD PATH."));
            return false;
        }
        QString error;
        const std::optional<Explorer::RequestDraft> draft =
            Explorer::SavedRequests::openFile(parser.value(QStringLiteral("from-file")), &error);
        if (!draft) {
            m_context.fail(UsageError, error + QStringLiteral(" Nothing was sent."));
            return false;
        }
        m_draft = *draft;
    } else {
        if (m_context.arguments.size() != 2) {
            m_context.fail(
                UsageError,
                QStringLiteral("Usage: windsock-cli request METHOD PATH [--data JSON] [--query k=v]... "
                               "[--all-pages] [--save NAME [--collection C]] [--profile NAME_OR_ID]\n"
                               "       windsock-cli request --from-file FILE [...]"));
            return false;
        }
        m_draft.method = m_context.arguments.at(0).toUpper().toLatin1();
        QString path = m_context.arguments.at(1).trimmed();
        if (!path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        m_draft.path = path;
        // The query typed in the path becomes rows of the saved request when that changes no byte sent.
        const qsizetype question = path.indexOf(QLatin1Char('?'));
        if (question >= 0) {
            const QString typed = path.mid(question + 1);
            QList<Explorer::KeyValue> rows;
            QUrlQuery rebuilt;
            const QList<QPair<QString, QString>> items = QUrlQuery(typed).queryItems(QUrl::FullyDecoded);
            for (const auto &item : items) {
                rows.append({item.first, item.second, true});
                rebuilt.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(item.first)),
                                     QString::fromUtf8(QUrl::toPercentEncoding(item.second)));
            }
            if (rebuilt.query(QUrl::FullyEncoded) == typed) {
                m_draft.path = path.left(question);
                m_draft.query = rows;
            }
        }
    }
    for (const QString &pair : parser.values(QStringLiteral("query"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            m_context.fail(UsageError, QStringLiteral("--query takes key=value, not \"%1\".").arg(pair));
            return false;
        }
        m_draft.query.append({pair.left(equals), pair.mid(equals + 1), true});
    }
    if (parser.isSet(QStringLiteral("data"))) {
        const QByteArray body = parser.value(QStringLiteral("data")).toUtf8();
        const QString error = JsonInput::error(QStringLiteral("--data"), body, false);
        if (!error.isEmpty()) {
            m_context.fail(UsageError, error + QStringLiteral(" Nothing was sent."));
            return false;
        }
        m_draft.body = QString::fromUtf8(body);
    }
    return true;
}

bool RequestCommand::saveDraft(const QStringList &secrets)
{
    const QString name = m_context.parser->value(QStringLiteral("save"));
    const QString collection = m_context.parser->value(QStringLiteral("collection"));
    Explorer::SavedRequests saved(savedFolder(*m_context.parser));
    saved.setSecrets(secrets);
    Explorer::RequestDraft draft = m_draft;
    draft.name = name;
    QString error;
    if (!saved.save(collection, draft, &error)) {
        m_context.fail(UsageError, error + QStringLiteral(" Nothing was sent."));
        return false;
    }
    *m_context.err << "Saved as " << QDir::toNativeSeparators(saved.filePath(collection, name)) << Qt::endl;
    return true;
}

void RequestCommand::sendAllPages(const std::shared_ptr<Api::AirflowClient> &client,
                                  const Api::RawRequest &request)
{
    auto *fetcher = new Explorer::PageFetcher(this);
    connect(fetcher, &Explorer::PageFetcher::finished, this, [this, client](const QByteArray &body) {
        writeBody(body);
        m_context.finish(Ok);
    });
    connect(fetcher, &Explorer::PageFetcher::failed, this, [this, fetcher, client](const QString &message) {
        const int status = fetcher->failedStatus();
        // As for one request: an error status is 1, no usable answer (or credentials refused) is 3.
        m_context.fail(status >= 400 && status != 401 ? HttpError : ConnectionError, message);
    });
    fetcher->start(client.get(), request);
}

void RequestCommand::writeBody(const QByteArray &body)
{
    const QJsonDocument json = QJsonDocument::fromJson(body);
    if (m_context.outIsTerminal && !json.isNull())
        *m_context.out << json.toJson(QJsonDocument::Indented);
    else
        *m_context.out << body;
    m_context.out->flush();
}

void RequestCommand::report(const Api::RawResponse &response)
{
    writeBody(response.body);

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
