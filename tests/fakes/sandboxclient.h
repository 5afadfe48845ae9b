#pragma once

#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"

#include <QNetworkAccessManager>
#include <QUrl>
#include <memory>

namespace Windsock::Tests {

// A v1 client for a sandbox, with HTTP Basic (the sandbox's default user is admin/admin).
inline std::unique_ptr<Api::AirflowClient> sandboxClient(QNetworkAccessManager *nam, const QUrl &baseUrl,
                                                         const QString &password = QStringLiteral("admin"))
{
    return std::make_unique<Api::AirflowClient>(
        nam, baseUrl, std::make_unique<Api::DialectV1>(),
        std::make_unique<Auth::BasicAuthenticator>(QStringLiteral("admin"), password));
}

} // namespace Windsock::Tests
