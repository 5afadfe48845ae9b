// AirflowClient: datasets (Airflow 2.4+) and assets (Airflow 3).
#include "airflowclient.h"
#include "clientrequest.h"
#include "dialect.h"
#include "pagedlistcall.h"

namespace Windsock::Api {

ApiCall *AirflowClient::assets(const CollectionQuery &query, QObject *context, Callback<Page<Asset>> done)
{
    return ClientRequest::json<Page<Asset>>(*this, m_dialect->assetsRequest(query), context, std::move(done),
                                            &Dialect::decodeAssets);
}

ApiCall *AirflowClient::allAssets(QObject *context, Callback<QList<Asset>> done)
{
    const Dialect *dialect = m_dialect.get();
    const ApiRequest first = dialect->assetsRequest({});
    ApiCall *call =
        ClientRequest::newCall(*this, context, first.description() + QStringLiteral(" (every page)"));
    auto makeRequest = [dialect](int limit, int offset) {
        CollectionQuery page;
        page.limit = limit;
        page.offset = offset;
        return dialect->assetsRequest(page);
    };
    using Paged = PagedListCall<Asset>;
    std::make_shared<Paged>(*this, call, context, std::move(makeRequest), &Dialect::decodeAssets, 0,
                            Paged::Mode::Concurrent, std::move(done))
        ->start();
    return call;
}

} // namespace Windsock::Api
