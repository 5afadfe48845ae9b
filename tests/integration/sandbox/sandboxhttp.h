#pragma once

// A plain QNetworkAccessManager driver for the sandbox tests: one request, waited for with QSignalSpy.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslError>
#include <QUrl>

struct HttpAnswer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QByteArray location;      // the Location header (redirects are not followed)
    QByteArray contentLength; // as sent, to tell "0" from absent
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QSslError> sslErrors;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class SandboxHttp
{
public:
    explicit SandboxHttp(const QUrl &baseUrl)
        : m_base(baseUrl)
    {}

    // pathAndQuery is relative to /api/v1 and already percent-encoded.
    HttpAnswer send(const QByteArray &verb, const QString &pathAndQuery,
                    const QByteArray &body = QByteArray(), bool withAuth = true,
                    const QByteArray &accept = QByteArray(),
                    const QByteArray &credentials = QByteArrayLiteral("admin:admin"))
    {
        QNetworkRequest request(url(QStringLiteral("/api/v1/") + pathAndQuery));
        if (withAuth)
            request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
        if (!accept.isEmpty())
            request.setRawHeader("Accept", accept);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return exchange(request, verb, body);
    }
    // pathAndQuery is absolute ("/auth/token") and already percent-encoded.
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl::fromEncoded((m_base.toString(QUrl::FullyEncoded) + pathAndQuery).toUtf8());
    }
    // Any request as given; redirects are never followed, and TLS errors are collected, not ignored.
    HttpAnswer exchange(QNetworkRequest request, const QByteArray &verb,
                        const QByteArray &body = QByteArray())
    {
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        HttpAnswer answer;
        QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                         [&answer](const QList<QSslError> &errors) { answer.sslErrors += errors; });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        answer.location = reply->rawHeader("Location");
        answer.contentLength = reply->rawHeader("Content-Length");
        answer.body = reply->readAll();
        answer.error = reply->error();
        reply->deleteLater();
        return answer;
    }
    HttpAnswer get(const QString &pathAndQuery) { return send(QByteArrayLiteral("GET"), pathAndQuery); }
    QNetworkAccessManager &nam() { return m_nam; }

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
};
