#pragma once

#include "apierror.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace Windsock::Api {

// A handle on one call in flight, which may span several HTTP requests (paging, bulk updates).
// The client owns it and deletes it (deleteLater) after finished(); hold it in a QPointer.
// cancel() aborts the HTTP request in flight; the call then finishes with ApiError::Kind::Cancelled.
class ApiCall final : public QObject
{
    Q_OBJECT

public:
    explicit ApiCall(QObject *parent = nullptr);
    ~ApiCall() override; // aborts a request still in flight

    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    // "GET /api/v1/dags": for logs and error contexts. Never carries credentials.
    QString description() const { return m_description; }

    // Used by the client while the call runs.
    void setDescription(const QString &description) { m_description = description; }
    // Every HTTP request the call has in flight (paging runs several at once): cancel() aborts them all.
    void addReply(QNetworkReply *reply);
    void removeReply(QNetworkReply *reply);
    void reportProgress(qint64 done, qint64 total);
    // Paging calls report items; all others report the bytes of their answer as they arrive.
    void setReportsItems(bool items) { m_reportsItems = items; }
    bool reportsItems() const { return m_reportsItems; }
    void markFinished();

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    // done/total items when paging (total = total_entries), else bytes received; total -1 when unknown.
    void progress(qint64 done, qint64 total);
    void finished();

private:
    QList<QPointer<QNetworkReply>> m_replies;
    QString m_description;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_reportsItems = false;
};

} // namespace Windsock::Api
