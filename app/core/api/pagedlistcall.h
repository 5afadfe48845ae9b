#pragma once

#include "clientrequest.h"
#include "dialect.h"

#include <QMap>
#include <algorithm>
#include <limits>

namespace Windsock::Api {

// Pages through any collection until total_entries: allDags and allVariables (GET), setDagsPaused (bulk
// PATCH, which changes one page per request). decode turns one page's JSON into a Page<T>. Reports progress
// per page; stops at the first error or at cancel().
//
// Reading (Mode::Concurrent): the first page tells the total, then the other pages are asked for at once,
// up to kWindow in flight (QNetworkAccessManager keeps up to six connections per host), and put back in
// offset order. Changing (Mode::Sequential): one page after the other, so the first error stops the rest.
template<typename T>
class PagedListCall final : public std::enable_shared_from_this<PagedListCall<T>>
{
public:
    using MakeRequest = std::function<ApiRequest(int limit, int offset)>;
    enum class Mode
    {
        Concurrent,
        Sequential
    };
    static constexpr int kWindow = 6;

    using Decode = Result<Page<T>> (Dialect::*)(const QJsonDocument &) const;

    PagedListCall(AirflowClient &client, ApiCall *call, QObject *context, MakeRequest makeRequest,
                  Decode decode, int firstOffset, Mode mode, AirflowClient::Callback<QList<T>> done)
        : m_client(client)
        , m_call(call)
        , m_context(context)
        , m_makeRequest(std::move(makeRequest))
        , m_decode(decode)
        , m_firstOffset(firstOffset)
        , m_mode(mode)
        , m_pageSize(client.maxPageSize())
        , m_done(std::move(done))
    {}

    void start()
    {
        m_call->setReportsItems(true);
        request(m_firstOffset, m_pageSize);
    }

private:
    void request(int offset, int limit)
    {
        ++m_inFlight;
        m_nextOffset = std::max(m_nextOffset, offset + limit);
        const ApiRequest apiRequest = m_makeRequest(limit, offset);
        ClientRequest::exchange(
            m_client, m_call, apiRequest,
            [self = this->shared_from_this(), apiRequest, offset, limit](const HttpOutcome &outcome) {
                self->onPage(apiRequest, offset, limit, outcome);
            });
    }

    void fail(const ApiError &error)
    {
        if (m_delivered)
            return;
        m_delivered = true;
        ClientRequest::deliver<QList<T>>(m_call, m_context, m_done, error);
        // Results of the other pages in flight no longer matter.
        m_call->cancel();
    }

    void onPage(const ApiRequest &apiRequest, int offset, int limit, const HttpOutcome &outcome)
    {
        --m_inFlight;
        if (m_delivered)
            return;
        const Result<QJsonDocument> doc = ClientRequest::reader(m_client, apiRequest).json(outcome);
        if (!doc)
            return fail(doc.error());
        const Result<Page<T>> page = (m_client.dialect().*m_decode)(doc.value());
        if (!page)
            return fail(page.error());
        const int count = int(page.value().items.size());
        const int total = page.value().totalEntries;
        m_received += count;
        m_pages.insert(offset, page.value().items);
        m_total = std::max(m_total, total);
        if (count == 0 || offset + count >= total)
            m_end = std::min(m_end, offset + count); // the collection ends here (it may have shrunk)
        m_call->reportProgress(m_received, std::max<qint64>(m_total - m_firstOffset, m_received));
        if (m_call->isCancelled())
            return fail(ApiError(ApiError::Kind::Cancelled, QStringLiteral("The request was cancelled.")));
        if (count > 0 && count < limit && offset + count < total) {
            // The server's cap is below ours: ask for the rest of this page, and use its cap from now on.
            m_pageSize = std::min(m_pageSize, count);
            request(offset + count, limit - count);
        }
        scheduleMore();
        if (m_inFlight == 0)
            finish();
    }

    void scheduleMore()
    {
        const int window = m_mode == Mode::Concurrent ? kWindow : 1;
        const int end = std::min(m_end, m_total);
        while (m_inFlight < window && m_nextOffset < end)
            request(m_nextOffset, std::min(m_pageSize, end - m_nextOffset));
    }

    void finish()
    {
        if (m_delivered)
            return;
        m_delivered = true;
        QList<T> items;
        items.reserve(m_received);
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
            items += it.value();
        ClientRequest::deliver<QList<T>>(m_call, m_context, m_done, items);
    }

    AirflowClient &m_client;
    ApiCall *m_call;
    QPointer<QObject> m_context;
    MakeRequest m_makeRequest;
    Decode m_decode;
    const int m_firstOffset;
    const Mode m_mode;
    int m_pageSize;
    int m_nextOffset = m_firstOffset;
    int m_total = 0;
    int m_end = std::numeric_limits<int>::max();
    int m_inFlight = 0;
    int m_received = 0;
    bool m_delivered = false;
    QMap<int, QList<T>> m_pages; // by offset
    AirflowClient::Callback<QList<T>> m_done;
};

} // namespace Windsock::Api
