#include "apicall.h"

#include <QNetworkReply>

#include <utility>

namespace Windsock::Api {

ApiCall::ApiCall(QObject *parent)
    : QObject(parent)
{}

ApiCall::~ApiCall()
{
    // A call destroyed while requests are in flight (its client went away) must not leave them running.
    const QList<QPointer<QNetworkReply>> replies = std::exchange(m_replies, {});
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (reply && reply->isRunning()) {
            reply->disconnect(this);
            reply->abort();
        }
    }
}

void ApiCall::addReply(QNetworkReply *reply)
{
    m_replies.append(reply);
}

void ApiCall::removeReply(QNetworkReply *reply)
{
    m_replies.removeIf([reply](const QPointer<QNetworkReply> &r) { return r.isNull() || r == reply; });
}

void ApiCall::reportProgress(qint64 done, qint64 total)
{
    Q_EMIT progress(done, total);
}

void ApiCall::markFinished()
{
    if (m_finished)
        return;
    m_finished = true;
    m_replies.clear();
    Q_EMIT finished();
    deleteLater();
}

void ApiCall::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    // Each aborted reply finishes with OperationCanceledError; the call reports Kind::Cancelled once.
    const QList<QPointer<QNetworkReply>> replies = m_replies;
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (reply)
            reply->abort();
    }
}

} // namespace Windsock::Api
