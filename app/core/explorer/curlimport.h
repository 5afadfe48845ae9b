#pragma once

#include "requestdraft.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Windsock::Explorer {

struct CurlImport
{
    RequestDraft draft; // path (without the base URL's path prefix), query, headers, body
    QUrl url;           // the URL as the command gave it
    QStringList notes;  // what was dropped or changed, in plain words
    QString error;      // empty on success
    bool isValid() const { return error.isEmpty(); }
};

// A cURL command (Postman's, Chrome's "Copy as cURL", a shell history line) as a request draft. Understands
// shell words (single and double quotes, $'...', backslash escapes and backslash-newline continuations,
// also "^" continuations of Windows' cmd copies), -X/--request, -H/--header, -d/--data/--data-ascii/
// --data-raw/--data-binary/--data-urlencode, --json, -G/--get, -u/--user (credentials dropped with a note:
// the profile's authentication is used), --url, -I/--head, -b/--cookie (dropped, a note); -s -S -k -L
// --compressed -v -i and other options that do not change the request are ignored (with a note where it
// matters, e.g. -k). Authorization and Cookie headers are dropped with a note. When baseUrl is given, a URL
// under it keeps its path below the base URL's path; a URL on another host keeps only its path and query,
// with a note.
CurlImport importCurl(const QString &command, const QUrl &baseUrl = QUrl());

// The words of a POSIX shell command line (no expansion except quotes and escapes); *error set for an
// unterminated quote.
QStringList shellWords(const QString &command, QString *error = nullptr);

} // namespace Windsock::Explorer
