#pragma once

// What the benchmarks measure the event loop with: the longest gap between the ticks of a 10 ms timer, and a
// way to run the loop until something is done.
#include <QElapsedTimer>
#include <QEventLoop>
#include <QObject>
#include <QTimer>
#include <functional>

namespace Windsock::Bench {

// The longest gap between the ticks of a 10 ms timer: how long the event loop was kept from running.
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_longest = qMax(m_longest, now - m_last);
            if (m_marked)
                m_longestSinceMark = qMax(m_longestSinceMark, now - qMax(m_last, m_markAt));
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_longest = 0;
        m_longestSinceMark = 0;
        m_markAt = 0;
        m_marked = false;
        m_timer.start();
    }
    // From this moment on, gaps are also measured apart (e.g. once the text has arrived, leaving out the
    // download and decoding that came before in the same event-loop turn).
    void mark()
    {
        m_markAt = m_clock.elapsed();
        m_longestSinceMark = 0;
        m_marked = true;
    }
    qint64 stop()
    {
        // The gap still open counts too (a stall at the very end).
        m_longest = qMax(m_longest, m_clock.elapsed() - m_last);
        if (m_marked)
            m_longestSinceMark = qMax(m_longestSinceMark, m_clock.elapsed() - qMax(m_last, m_markAt));
        m_timer.stop();
        return m_longest;
    }
    qint64 longestSinceMark() const { return m_longestSinceMark; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
    qint64 m_longestSinceMark = 0;
    qint64 m_markAt = 0;
    bool m_marked = false;
};

// Runs the event loop until done() says so (checked after every event-loop wake-up of a 1 ms timer).
inline void runUntil(const std::function<bool()> &done, int timeoutMs = 600000)
{
    QEventLoop loop;
    QTimer poll;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start(1);
    if (!done())
        loop.exec();
}

// Lets the event loop run for a while (paints, layouts).
inline void settle(int ms)
{
    runUntil([] { return false; }, ms);
}

} // namespace Windsock::Bench
