#include "bulkchange.h"

#include "api/apicall.h"

namespace Windsock::Ui {

BulkChange::BulkChange(Start start, QString label, int total, QObject *parent)
    : QObject(parent)
    , m_start(std::move(start))
    , m_label(std::move(label))
    , m_total(total)
{}

BulkChange::~BulkChange()
{
    if (m_call)
        m_call->cancel();
}

void BulkChange::start()
{
    if (m_running)
        return;
    m_running = true;
    Q_EMIT progress(0, m_total);
    m_call = m_start(this, [this](const Api::Result<Api::BulkResult> &result) {
        m_running = false;
        m_call = nullptr;
        if (!result.ok()) {
            const bool cancelled = result.error().kind() == Api::ApiError::Kind::Cancelled;
            Q_EMIT finished(cancelled
                                ? QStringList()
                                : QStringList{tr("Nothing was changed: %1").arg(result.error().message())},
                            0, 0, cancelled);
            return;
        }
        m_result = result.value();
        QStringList failures;
        for (const Api::BulkItemResult &item : m_result.failures())
            failures.append(tr("%1: %2").arg(m_label.arg(item.key), item.message));
        Q_EMIT progress(m_total, m_total);
        Q_EMIT finished(failures, m_result.count(Api::BulkItemResult::Status::Succeeded),
                        m_result.count(Api::BulkItemResult::Status::Skipped), false);
    });
    if (m_call) {
        // Per entity where the client goes one by one; Airflow 3's one request reports bytes, not items.
        connect(m_call, &Api::ApiCall::progress, this, [this](qint64 done, qint64 total) {
            if (m_call && m_call->reportsItems())
                Q_EMIT progress(int(done), int(total));
        });
    }
}

void BulkChange::cancel()
{
    if (m_call)
        m_call->cancel();
}

} // namespace Windsock::Ui
