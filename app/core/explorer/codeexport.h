#pragma once

#include "api/airflowclient.h"
#include "snippetauth.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Windsock::Explorer {

// "Copy as cURL / Python requests / HTTPie": the exact request (method, URL, headers, body) as a snippet a
// person can paste. Redaction is the caller's job: the headers given are the headers written.
//
// The overloads with a SnippetAuth write the profile's authentication the way the Airflow and Astronomer
// guides do, without the secret unless auth.secret is set: the snippet then reads it from auth.envVar
// ("${AIRFLOW_PASSWORD}" in a shell, os.environ["AIRFLOW_PASSWORD"] in Python). JwtLogin snippets first
// POST the username and password to auth.tokenPath and use the access_token (the shell ones with jq).
// Every snippet prints the response body exactly as received (Python: print(response.text); cURL and
// HTTPie: the body on standard output), so that its output can be compared with the explorer's.
class CodeExport final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // baseUrl is the deployment's root (AirflowClient::baseUrl()); request.path is relative to it and may
    // carry the query string.
    static QString curl(const QUrl &baseUrl, const Api::RawRequest &request, const SnippetAuth &auth);
    // ENDPOINT_URL = "http://host"; requests.get(f"{ENDPOINT_URL}/api/v1/dags", params=..., auth=(...)).
    static QString pythonRequests(const QUrl &baseUrl, const Api::RawRequest &request,
                                  const SnippetAuth &auth);
    // http --ignore-stdin GET 'http://host/api/v1/dags?limit=5' 'Accept:application/json'
    static QString httpie(const QUrl &baseUrl, const Api::RawRequest &request, const SnippetAuth &auth);

    // curl -X POST 'https://host/api/v1/dags/x/dagRuns' -H 'Accept: application/json' --data-raw '{...}'
    // One option a line, every argument single-quoted for a POSIX shell.
    static QString curl(const QByteArray &method, const QUrl &url, const Headers &headers,
                        const QByteArray &body);
    // In the style of the Airflow guides: requests.post(url, json=payload, headers=headers). A JSON body is
    // written as a Python literal (True, False, None); any other body is sent as data=.
    static QString pythonRequests(const QByteArray &method, const QUrl &url, const Headers &headers,
                                  const QByteArray &body);
    static QString httpie(const QByteArray &method, const QUrl &url, const Headers &headers,
                          const QByteArray &body);

    // 'text' for a POSIX shell: single quotes, with each ' written as '\''.
    static QString shellQuote(const QString &text);
    // "text" as a Python string literal.
    static QString pythonString(const QString &text);
};

} // namespace Windsock::Explorer
