#include "pagefetcher.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace Windsock::Explorer {

namespace {

QString serverDetail(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    for (const char *key : {"detail", "title", "message", "error"}) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
    }
    return {};
}

} // namespace

PageFetcher::PageFetcher(QObject *parent)
    : QObject(parent)
{}

PageFetcher::~PageFetcher()
{
    cancel();
}

QString PageFetcher::listKey(const QJsonObject &page)
{
    QString key;
    for (auto it = page.begin(); it != page.end(); ++it) {
        if (!it.value().isArray())
            continue;
        if (!key.isEmpty())
            return {};
        key = it.key();
    }
    return key;
}

void PageFetcher::start(Api::AirflowClient *client, const Api::RawRequest &first)
{
    cancel();
    if (!client) {
        Q_EMIT failed(QStringLiteral("There is no connection to fetch the pages from."));
        return;
    }
    m_client = client;
    m_first = first;
    m_key.clear();
    m_total = 0;
    m_fetched = 0;
    m_gaps.clear();
    m_items.clear();
    m_running = true;
    const quint64 generation = ++m_generation;

    const qsizetype question = first.path.indexOf(QLatin1Char('?'));
    m_pathOnly = question < 0 ? first.path : first.path.left(question);
    m_query.clear();
    int asked = 0;
    m_startOffset = 0;
    const QList<QPair<QString, QString>> items =
        QUrlQuery(question < 0 ? QString() : first.path.mid(question + 1)).queryItems(QUrl::FullyEncoded);
    for (const auto &item : items) {
        if (item.first == QLatin1String("limit"))
            asked = qMax(0, item.second.toInt());
        else if (item.first == QLatin1String("offset"))
            m_startOffset = qMax(0, item.second.toInt());
        else
            m_query.append(item);
    }
    // Without a limit the server's default page (often 100 or 50) would mean many more requests.
    if (asked <= 0)
        asked = client->maxPageSize();
    m_pageSize = asked;
    m_nextOffset = m_startOffset + asked;

    m_inFlight = 1;
    QPointer<Api::ApiCall> call =
        client->send(pageRequest(m_startOffset, asked), this,
                     [this, generation, asked](const Api::Result<Api::RawResponse> &result) {
                         handleFirst(generation, asked, result);
                     });
    m_calls.append(call);
}

void PageFetcher::cancel()
{
    ++m_generation;
    m_running = false;
    m_inFlight = 0;
    const QList<QPointer<Api::ApiCall>> calls = m_calls;
    m_calls.clear();
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call && !call->isFinished())
            call->cancel();
    }
}

Api::RawRequest PageFetcher::pageRequest(int offset, int limit) const
{
    Api::RawRequest request = m_first;
    QUrlQuery query;
    QList<QPair<QString, QString>> items = m_query;
    items.append({QStringLiteral("limit"), QString::number(limit)});
    items.append({QStringLiteral("offset"), QString::number(offset)});
    query.setQueryItems(items);
    request.path = m_pathOnly + QLatin1Char('?') + query.query(QUrl::FullyEncoded);
    return request;
}

QString PageFetcher::readPage(const Api::Result<Api::RawResponse> &result, int offset, QJsonObject *page)
{
    m_failedStatus = 0;
    if (!result.ok())
        return result.error().message();
    const Api::RawResponse &response = result.value();
    m_failedStatus = response.status;
    if (response.status < 200 || response.status >= 300) {
        const QString detail = serverDetail(response.body);
        return QStringLiteral("The server answered HTTP %1 for the page at offset %2%3")
            .arg(response.status)
            .arg(offset)
            .arg(detail.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + detail);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return QStringLiteral("The page at offset %1 is not a JSON object, so it cannot be paged.")
            .arg(offset);
    *page = document.object();
    return {};
}

void PageFetcher::handleFirst(quint64 generation, int asked, const Api::Result<Api::RawResponse> &result)
{
    if (generation != m_generation)
        return;
    --m_inFlight;
    QJsonObject page;
    const QString error = readPage(result, m_startOffset, &page);
    if (!error.isEmpty())
        return fail(error);
    m_key = listKey(page);
    if (m_key.isEmpty())
        return fail(
            QStringLiteral("This answer is not a list page (it has no single list of items), so there are "
                           "no pages to fetch."));
    if (!page.value(QStringLiteral("total_entries")).isDouble())
        return fail(QStringLiteral("This answer has no total_entries, so it cannot be paged with limit and "
                                   "offset."));
    m_total = page.value(QStringLiteral("total_entries")).toInt();
    const QJsonArray items = page.value(m_key).toArray();
    m_items.insert(m_startOffset, items);
    m_fetched = int(items.size());
    const int covered = m_startOffset + int(items.size());
    // A page shorter than asked and not the last: the server caps pages at that size.
    if (!items.isEmpty() && items.size() < asked && covered < m_total) {
        m_pageSize = int(items.size());
        m_nextOffset = covered;
    }
    Q_EMIT progress(m_fetched, qMax(0, m_total - m_startOffset));
    askMore();
}

void PageFetcher::askMore()
{
    if (!m_running || !m_client)
        return;
    m_calls.erase(
        std::remove_if(m_calls.begin(), m_calls.end(),
                       [](const QPointer<Api::ApiCall> &call) { return !call || call->isFinished(); }),
        m_calls.end());
    while (m_inFlight < m_parallel) {
        Range range;
        if (!m_gaps.isEmpty()) {
            range = m_gaps.takeFirst();
            if (range.end - range.offset > m_pageSize) {
                m_gaps.prepend({range.offset + m_pageSize, range.end});
                range.end = range.offset + m_pageSize;
            }
        } else if (m_nextOffset < m_total) {
            range = {m_nextOffset, qMin(m_total, m_nextOffset + m_pageSize)};
            m_nextOffset = range.end;
        } else {
            break;
        }
        const quint64 generation = m_generation;
        ++m_inFlight;
        QPointer<Api::ApiCall> call =
            m_client->send(pageRequest(range.offset, range.end - range.offset), this,
                           [this, generation, range](const Api::Result<Api::RawResponse> &result) {
                               handlePage(generation, range, result);
                           });
        m_calls.append(call);
    }
    if (m_inFlight == 0 && m_gaps.isEmpty() && m_nextOffset >= m_total)
        finish();
}

void PageFetcher::handlePage(quint64 generation, Range range, const Api::Result<Api::RawResponse> &result)
{
    if (generation != m_generation)
        return;
    --m_inFlight;
    QJsonObject page;
    const QString error = readPage(result, range.offset, &page);
    if (!error.isEmpty())
        return fail(error);
    if (!page.value(m_key).isArray())
        return fail(QStringLiteral("The page at offset %1 has no \"%2\" list.").arg(range.offset).arg(m_key));
    const QJsonArray items = page.value(m_key).toArray();
    m_items.insert(range.offset, items);
    m_fetched += int(items.size());
    const int covered = range.offset + int(items.size());
    // Capped by the server: ask for the rest of the range, and ask smaller pages from now on. An empty page
    // means the list shrank meanwhile: nothing more to ask there.
    if (!items.isEmpty() && covered < range.end && covered < m_total) {
        m_pageSize = qMin(m_pageSize, int(items.size()));
        m_gaps.append({covered, range.end});
    }
    Q_EMIT progress(m_fetched, qMax(0, m_total - m_startOffset));
    askMore();
}

void PageFetcher::fail(const QString &message)
{
    cancel();
    Q_EMIT failed(message);
}

void PageFetcher::finish()
{
    m_running = false;
    ++m_generation;
    QJsonArray all;
    for (const QJsonArray &items : std::as_const(m_items)) {
        for (const QJsonValue &item : items)
            all.append(item);
    }
    m_items.clear();
    QJsonObject merged;
    merged.insert(m_key, all);
    merged.insert(QStringLiteral("total_entries"), m_total);
    Q_EMIT finished(QJsonDocument(merged).toJson(QJsonDocument::Compact));
}

} // namespace Windsock::Explorer
