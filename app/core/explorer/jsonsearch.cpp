#include "jsonsearch.h"

#include "jsonpath.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QVariant>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <vector>

namespace Windsock::Explorer {

namespace {

// Values visited between two looks at the cancel flag.
constexpr int CancelCheckEvery = 4096;

// What a search looks for, and what can be skipped without building any text: a number's text only has
// digits, signs, a point and an exponent; true, false and null are fixed words.
struct Needle
{
    QString text;
    Qt::CaseSensitivity sensitivity;
    bool mayMatchNumber = false;
    bool matchesTrue = false;
    bool matchesFalse = false;
    bool matchesNull = false;

    Needle(const QString &t, Qt::CaseSensitivity s)
        : text(t)
        , sensitivity(s)
    {
        mayMatchNumber = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
            return c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.') ||
                   c == QLatin1Char('e') || c == QLatin1Char('E');
        });
        matchesTrue = QStringLiteral("true").contains(text, sensitivity);
        matchesFalse = QStringLiteral("false").contains(text, sensitivity);
        matchesNull = QStringLiteral("null").contains(text, sensitivity);
    }

    bool matches(const QString &candidate) const { return candidate.contains(text, sensitivity); }

    // A scalar, by its text as the tree shows it (a string without quotes).
    bool matches(const QJsonValue &value) const
    {
        switch (value.type()) {
        case QJsonValue::String:
            return matches(value.toString());
        case QJsonValue::Bool:
            return value.toBool() ? matchesTrue : matchesFalse;
        case QJsonValue::Null:
            return matchesNull;
        case QJsonValue::Double: {
            if (!mayMatchNumber)
                return false;
            // As QJsonDocument writes it: integers without a point, other numbers in their shortest form.
            const QVariant variant = value.toVariant();
            if (variant.typeId() == QMetaType::LongLong)
                return matches(QString::number(variant.toLongLong()));
            return matches(QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest));
        }
        default:
            return false;
        }
    }
};

// One container being walked: its members or elements, its path and the next one to look at.
struct Frame
{
    bool isObject = false;
    QJsonObject object;
    QJsonArray array;
    QString path;
    qsizetype next = 0;
    qsizetype size = 0;
};

Frame frameFor(const QJsonValue &container, QString path)
{
    Frame frame;
    frame.isObject = container.isObject();
    if (frame.isObject) {
        frame.object = container.toObject();
        frame.size = frame.object.size();
    } else {
        frame.array = container.toArray();
        frame.size = frame.array.size();
    }
    frame.path = std::move(path);
    return frame;
}

} // namespace

JsonSearch::JsonSearch(QObject *parent)
    : QObject(parent)
{}

JsonSearch::~JsonSearch()
{
    // A running search stops soon; its worker holds its own copy of the document.
    if (m_cancelled)
        m_cancelled->store(true);
}

JsonSearch::Result JsonSearch::search(const QJsonDocument &document, const QString &text,
                                      Qt::CaseSensitivity sensitivity, int maxResults,
                                      const std::atomic_bool *cancelled)
{
    Result result;
    if (text.isEmpty() || document.isNull() || document.isEmpty())
        return result;
    const Needle needle(text, sensitivity);
    std::vector<Frame> stack;
    stack.push_back(frameFor(
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()), JsonPath::Root));
    int sinceCheck = 0;
    while (!stack.empty()) {
        if (++sinceCheck == CancelCheckEvery) {
            sinceCheck = 0;
            if (cancelled && cancelled->load(std::memory_order_relaxed)) {
                result.cancelled = true;
                return result;
            }
        }
        Frame &frame = stack.back();
        if (frame.next >= frame.size) {
            stack.pop_back();
            continue;
        }
        const qsizetype at = frame.next++;
        QJsonValue value;
        QString key;
        bool matched = false;
        if (frame.isObject) {
            const auto it = frame.object.constBegin() + at;
            key = it.key();
            value = it.value();
            matched = needle.matches(key);
        } else {
            value = frame.array.at(at);
        }
        const bool container = value.isObject() || value.isArray();
        if (!matched && !container)
            matched = needle.matches(value);
        if (!matched && !container)
            continue;
        // The path is only built for what is kept or walked into.
        QString path =
            frame.isObject ? JsonPath::appendKey(frame.path, key) : JsonPath::appendIndex(frame.path, at);
        if (matched) {
            if (result.paths.size() >= maxResults) {
                result.truncated = true;
                return result;
            }
            result.paths.append(path);
        }
        if (container) {
            Frame child = frameFor(value, std::move(path));
            if (child.size > 0)
                stack.push_back(std::move(child)); // frame is not used after this: push_back may move it
        }
    }
    return result;
}

void JsonSearch::start(const QJsonDocument &document, const QString &text, Qt::CaseSensitivity sensitivity)
{
    cancel();
    const quint64 generation = m_generation;
    if (text.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    Q_EMIT found({}, false);
            },
            Qt::QueuedConnection);
        return;
    }
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    auto *watcher = new QFutureWatcher<Result>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_watcher)
            return;
        m_watcher = nullptr;
        m_cancelled.reset();
        const Result result = watcher->result();
        if (!result.cancelled)
            Q_EMIT found(result.paths, result.truncated);
    });
    const std::shared_ptr<std::atomic_bool> cancelled = m_cancelled;
    const int maxResults = m_maxResults;
    watcher->setFuture(QtConcurrent::run([document, text, sensitivity, maxResults, cancelled] {
        return search(document, text, sensitivity, maxResults, cancelled.get());
    }));
}

void JsonSearch::cancel()
{
    ++m_generation;
    if (m_cancelled) {
        m_cancelled->store(true);
        m_cancelled.reset();
    }
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
}

bool JsonSearch::isRunning() const
{
    return m_watcher != nullptr;
}

} // namespace Windsock::Explorer
