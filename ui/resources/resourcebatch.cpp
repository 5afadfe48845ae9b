#include "resourcebatch.h"

#include "api/apicall.h"

namespace Windsock::Ui {

ResourceBatch::ResourceBatch(QList<Step> steps, QObject *parent)
    : QObject(parent)
    , m_steps(std::move(steps))
{}

ResourceBatch::~ResourceBatch()
{
    if (m_call)
        m_call->cancel();
}

void ResourceBatch::start()
{
    if (m_running)
        return;
    m_running = true;
    // Queued, as every later step: whoever started the batch connects to it first.
    QMetaObject::invokeMethod(this, &ResourceBatch::next, Qt::QueuedConnection);
}

void ResourceBatch::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_call)
        m_call->cancel(); // its callback ends the batch
}

void ResourceBatch::next()
{
    if (m_cancelled || m_index >= m_steps.size()) {
        m_running = false;
        Q_EMIT finished(m_failures, m_succeeded, m_cancelled);
        return;
    }
    const Step &step = m_steps.at(m_index);
    const QString label = step.label;
    m_call = step.start(this, [this, label](const Api::ApiError &error) {
        m_call = nullptr;
        if (error.kind() == Api::ApiError::Kind::Cancelled)
            m_cancelled = true;
        else if (error.isError())
            m_failures.append(tr("%1: %2").arg(label, error.message()));
        else
            ++m_succeeded;
        ++m_index;
        Q_EMIT progress(m_index, int(m_steps.size()));
        // Queued: the callback may come from inside the call's own finishing code.
        QMetaObject::invokeMethod(this, &ResourceBatch::next, Qt::QueuedConnection);
    });
}

} // namespace Windsock::Ui
