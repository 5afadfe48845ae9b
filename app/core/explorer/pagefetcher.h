#pragma once

#include "api/airflowclient.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Windsock::Explorer {

// "Fetch all pages" of a list endpoint (limit/offset paging with total_entries): the first page tells the
// list's key (the one array in the body, e.g. "dags") and total_entries; the rest is asked with
// limit = the server's page size (the size of the first page when it was capped, else the limit asked) and
// offsets in order, a few requests at a time. The merged body is one JSON object {"<key>": [every item],
// "total_entries": N}. Fails in plain words on a non-2xx answer, a body that is not such a page, or a
// transport error; cancel() stops (no signal after it).
class PageFetcher final : public QObject
{
    Q_OBJECT

public:
    explicit PageFetcher(QObject *parent = nullptr);
    ~PageFetcher() override;

    // How many pages are asked at a time (default 4).
    void setParallel(int parallel) { m_parallel = qMax(1, parallel); }
    // The first request (its limit and offset, if any, are respected: offset is where fetching starts).
    void start(Api::AirflowClient *client, const Api::RawRequest &first);
    void cancel();
    bool isRunning() const { return m_running; }
    // After failed(): the HTTP status of the page that failed (0 when there was no answer).
    int failedStatus() const { return m_failedStatus; }

    // The list key of a page: the only array-valued key of the object (empty if none or several).
    static QString listKey(const QJsonObject &page);

Q_SIGNALS:
    void progress(int fetched, int total);
    void finished(const QByteArray &mergedBody);
    void failed(const QString &message);

private:
    struct Range
    {
        int offset = 0;
        int end = 0; // exclusive
    };
    void handleFirst(quint64 generation, int asked, const Api::Result<Api::RawResponse> &result);
    void askMore();
    void handlePage(quint64 generation, Range range, const Api::Result<Api::RawResponse> &result);
    // The items of a page answer, or a plain-words error.
    QString readPage(const Api::Result<Api::RawResponse> &result, int offset, QJsonObject *page);
    void fail(const QString &message);
    void finish();
    Api::RawRequest pageRequest(int offset, int limit) const;

    QPointer<Api::AirflowClient> m_client;
    Api::RawRequest m_first;
    QString m_pathOnly;
    QList<QPair<QString, QString>> m_query; // of the first request (encoded), without limit and offset
    QString m_key;
    int m_total = 0;
    int m_startOffset = 0;
    int m_pageSize = 0;
    int m_nextOffset = 0;
    int m_fetched = 0;
    int m_inFlight = 0;
    int m_parallel = 4;
    QList<Range> m_gaps;           // parts of a range a capped page did not cover, asked again
    QMap<int, QJsonArray> m_items; // by offset
    QList<QPointer<Api::ApiCall>> m_calls;
    bool m_running = false;
    int m_failedStatus = 0;
    quint64 m_generation = 0;
};

} // namespace Windsock::Explorer
