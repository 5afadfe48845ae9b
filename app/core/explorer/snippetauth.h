#pragma once

#include <QByteArray>
#include <QString>

namespace Windsock::Explorer {

// How an exported snippet (cURL, Python requests, HTTPie) authenticates, as the profile's authenticator
// describes it (Auth::Authenticator::snippetAuth()). The secret itself is empty unless the user asked for it:
// a snippet without it reads it from the environment variable envVar ("${AIRFLOW_PASSWORD}" in a shell,
// os.environ["AIRFLOW_PASSWORD"] in Python), so that it runs as is once the variable is exported.
struct SnippetAuth
{
    enum Kind
    {
        None,     // no credentials
        Basic,    // username + secret (the password): Authorization: Basic
        Bearer,   // secret is the token: Authorization: Bearer <token>
        JwtLogin, // Airflow 3: POST tokenPath {"username", "password"} -> access_token, then Bearer
        Header,   // secret is the value of headerName (e.g. X-API-Key, or Authorization with no scheme)
    };
    Kind kind = None;
    QString username;
    QString secret;        // empty unless the user asked for secrets in snippets
    QString envVar;        // e.g. AIRFLOW_PASSWORD, AIRFLOW_TOKEN
    QString tokenPath;     // JwtLogin: "/auth/token" (relative to the deployment's root)
    QByteArray headerName; // Header
    // A plain-words line written as a comment at the top of the snippet, e.g. how to obtain the token
    // ("export AIRFLOW_TOKEN=$(gcloud auth print-access-token)"); empty when nothing needs saying.
    QString note;

    bool hasSecret() const { return !secret.isEmpty(); }
};

} // namespace Windsock::Explorer
