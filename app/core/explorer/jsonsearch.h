#pragma once

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

namespace Windsock::Explorer {

// Finds a text in the keys and values of a JSON document on a worker thread, and gives the paths of the
// matching members and elements (JsonPath, in the order JsonTreeModel shows them: keys sorted as
// QJsonObject keeps them, elements by index) for JsonTreeModel::indexForPath. A key matches when it contains
// the text; a value when its JSON text does (a string without its quotes: `run` finds "manual__run", `4`
// finds 42, `true`, `null`). A member matching by key and by value is one path. Containers match by key only.
//
// A newer start() cancels the older search; cancel() stops the running one (it returns within a few
// milliseconds) and found() is not emitted for it.
class JsonSearch final : public QObject
{
    Q_OBJECT

public:
    // Paths beyond this are not collected: found() says truncated.
    static constexpr int DefaultMaxResults = 10000;

    explicit JsonSearch(QObject *parent = nullptr);
    ~JsonSearch() override;

    void setMaxResults(int max) { m_maxResults = max; }
    int maxResults() const { return m_maxResults; }

    // Starts a search; an empty text gives found({}, false) at the next event-loop turn.
    void start(const QJsonDocument &document, const QString &text, Qt::CaseSensitivity sensitivity);
    void cancel();
    bool isRunning() const;

    // Pure and thread-safe: the search itself (cancelled, when given, is polled as it goes).
    struct Result
    {
        QStringList paths;
        bool truncated = false;
        bool cancelled = false;
    };
    static Result search(const QJsonDocument &document, const QString &text, Qt::CaseSensitivity sensitivity,
                         int maxResults, const std::atomic_bool *cancelled = nullptr);

Q_SIGNALS:
    void found(const QStringList &paths, bool truncated);

private:
    QFutureWatcher<Result> *m_watcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    int m_maxResults = DefaultMaxResults;
    quint64 m_generation = 0; // bumped by every start() and cancel(): older results are dropped
};

} // namespace Windsock::Explorer
