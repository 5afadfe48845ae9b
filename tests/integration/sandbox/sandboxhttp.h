#pragma once

// A plain QNetworkAccessManager driver for the sandbox tests: one request, waited for with QSignalSpy.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

struct HttpAnswer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
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
        QNetworkRequest request(QUrl::fromEncoded(
            (m_base.toString(QUrl::FullyEncoded) + QStringLiteral("/api/v1/") + pathAndQuery).toUtf8()));
        if (withAuth)
            request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
        if (!accept.isEmpty())
            request.setRawHeader("Accept", accept);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        HttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
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
