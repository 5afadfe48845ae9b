#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Windsock::Explorer {

// "Copy as cURL / Python requests": the exact request (method, URL, headers, body) as a snippet a person can
// paste. Redaction is the caller's job: the headers given are the headers written.
class CodeExport final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // curl -X POST 'https://host/api/v1/dags/x/dagRuns' -H 'Accept: application/json' --data-raw '{...}'
    // One option a line, every argument single-quoted for a POSIX shell.
    static QString curl(const QByteArray &method, const QUrl &url, const Headers &headers,
                        const QByteArray &body);
    // In the style of the Airflow guides: requests.post(url, json=payload, headers=headers). A JSON body is
    // written as a Python literal (True, False, None); any other body is sent as data=.
    static QString pythonRequests(const QByteArray &method, const QUrl &url, const Headers &headers,
                                  const QByteArray &body);

    // 'text' for a POSIX shell: single quotes, with each ' written as '\''.
    static QString shellQuote(const QString &text);
    // "text" as a Python string literal.
    static QString pythonString(const QString &text);
};

} // namespace Windsock::Explorer
