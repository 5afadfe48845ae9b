#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace Windsock::Logs {

// Finds every occurrence of a term in a log of any size without freezing the event loop: the text is scanned
// in slices of a few milliseconds each, one slice per event-loop turn, and the matches found so far are
// usable at once. The text is read through a pointer and may grow between slices (a followed log): the scan
// goes on over what was appended. Positions are offsets in the text.
class LogSearch final : public QObject
{
    Q_OBJECT

public:
    // More matches than this are not recorded (the count says "at least").
    static constexpr qsizetype MaxMatches = 1000000;

    explicit LogSearch(QObject *parent = nullptr);

    // The text searched; not owned, must outlive the search, and may only grow (call reset() otherwise).
    void setText(const QString *text) { m_text = text; }

    // Starts a new search (an empty term clears the matches).
    void start(const QString &term, Qt::CaseSensitivity sensitivity);
    // The text has grown: scan the new part too.
    void textAppended();
    // Forgets the term and the matches.
    void reset();

    QString term() const { return m_term; }
    Qt::CaseSensitivity caseSensitivity() const { return m_sensitivity; }
    bool isRunning() const { return m_slices.isActive(); }
    bool isTruncated() const { return m_matches.size() >= MaxMatches; }
    // Sorted start offsets; each match is term().size() characters long.
    const QList<qsizetype> &matches() const { return m_matches; }
    // The index of the first match at or after position (matches().size() when none).
    qsizetype firstMatchFrom(qsizetype position) const;
    // Offset up to which the text has been scanned.
    qsizetype scanned() const { return m_scanned; }

    // How long one slice may take; tests and benchmarks may change it.
    void setSliceBudgetMs(int ms) { m_budgetMs = ms; }

Q_SIGNALS:
    // New matches were found, or the search was reset.
    void matchesChanged();
    // The scan reached the end of the text.
    void finished();

private:
    void scanSlice();

    const QString *m_text = nullptr;
    QString m_term;
    Qt::CaseSensitivity m_sensitivity = Qt::CaseInsensitive;
    QList<qsizetype> m_matches;
    qsizetype m_scanned = 0;
    QTimer m_slices;
    int m_budgetMs = 8;
};

} // namespace Windsock::Logs
