#pragma once

// What the benchmarks measure the event loop with (the same as bench_log_viewer's own copy, which could move
// here): the longest gap between the ticks of a 10 ms timer, and a way to run the loop until something is
// done.
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
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_longest = 0;
        m_timer.start();
    }
    qint64 stop()
    {
        // The gap still open counts too (a stall at the very end).
        m_longest = qMax(m_longest, m_clock.elapsed() - m_last);
        m_timer.stop();
        return m_longest;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
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
