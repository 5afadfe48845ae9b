#pragma once

#include "api/apierror.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace Windsock::Api {
class ApiCall;
}

namespace Windsock::Ui {

// Several changes to a server, one after the other (deleting the selected variables, importing a file):
// progress after each, the failures collected in plain words rather than stopping at the first, and
// cancel() stopping after the request in flight is aborted. Sequential on purpose: a person reads the
// failures in the order they asked, and a server is not hit by a burst of writes.
class ResourceBatch final : public QObject
{
    Q_OBJECT

public:
    using Finish = std::function<void(const Api::ApiError &error)>; // ApiError::none() on success
    struct Step
    {
        QString label; // "variable etl_settings", for the failure sentence
        std::function<Api::ApiCall *(QObject *context, Finish finish)> start;
    };

    explicit ResourceBatch(QList<Step> steps, QObject *parent = nullptr);
    ~ResourceBatch() override;

    void start();
    bool isRunning() const { return m_running; }
    int total() const { return int(m_steps.size()); }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progress(int done, int total);
    // failures: "variable x: <the server's words>", one per failed step. The batch may be deleted here.
    void finished(const QStringList &failures, int succeeded, bool cancelled);

private:
    void next();

    QList<Step> m_steps;
    int m_index = 0;
    int m_succeeded = 0;
    bool m_running = false;
    bool m_cancelled = false;
    QStringList m_failures;
    QPointer<Api::ApiCall> m_call;
};

} // namespace Windsock::Ui
