#include "logsearch.h"

#include <QElapsedTimer>
#include <QStringView>
#include <algorithm>

namespace Windsock::Logs {

namespace {
// Characters scanned between two looks at the clock.
constexpr qsizetype StepChars = 256 * 1024;
} // namespace

LogSearch::LogSearch(QObject *parent)
    : QObject(parent)
{
    m_slices.setInterval(0);
    connect(&m_slices, &QTimer::timeout, this, &LogSearch::scanSlice);
}

void LogSearch::start(const QString &term, Qt::CaseSensitivity sensitivity)
{
    m_term = term;
    m_sensitivity = sensitivity;
    m_matches.clear();
    m_scanned = 0;
    m_slices.stop();
    Q_EMIT matchesChanged();
    if (m_term.isEmpty() || !m_text)
        return;
    m_slices.start();
}

void LogSearch::textAppended()
{
    if (!m_term.isEmpty() && m_text && m_scanned < m_text->size() && !isTruncated() && !m_slices.isActive())
        m_slices.start();
}

void LogSearch::reset()
{
    m_slices.stop();
    m_term.clear();
    m_matches.clear();
    m_scanned = 0;
    Q_EMIT matchesChanged();
}

qsizetype LogSearch::firstMatchFrom(qsizetype position) const
{
    return std::lower_bound(m_matches.cbegin(), m_matches.cend(), position) - m_matches.cbegin();
}

void LogSearch::scanSlice()
{
    const QStringView text(*m_text);
    const qsizetype length = m_term.size();
    const qsizetype before = m_matches.size();
    QElapsedTimer clock;
    clock.start();
    do {
        // A match may start in this step and end in the next: the window reaches length - 1 further, and
        // only starts inside the step are taken.
        const qsizetype stepEnd = qMin(text.size(), m_scanned + StepChars);
        if (stepEnd - m_scanned < length && stepEnd == text.size())
            break; // the rest is shorter than the term; wait for more text
        const QStringView window = text.mid(m_scanned, qMin(text.size(), stepEnd + length - 1) - m_scanned);
        for (qsizetype at = window.indexOf(m_term, 0, m_sensitivity);
             at >= 0 && m_scanned + at < stepEnd && m_matches.size() < MaxMatches;
             at = window.indexOf(m_term, at + length, m_sensitivity)) {
            m_matches.append(m_scanned + at);
        }
        // Where the term no longer fits, the scan waits for more text there.
        m_scanned = stepEnd == text.size() ? qMax(m_scanned, text.size() - length + 1) : stepEnd;
        if (!m_matches.isEmpty() && m_matches.constLast() + length > m_scanned)
            m_scanned = m_matches.constLast() + length; // never count overlapping matches twice
    } while (m_scanned < text.size() - length + 1 && !isTruncated() && clock.elapsed() < m_budgetMs);

    const bool done = m_scanned >= text.size() - length + 1 || isTruncated();
    if (done)
        m_slices.stop();
    if (m_matches.size() != before)
        Q_EMIT matchesChanged();
    if (done)
        Q_EMIT finished();
}

} // namespace Windsock::Logs
