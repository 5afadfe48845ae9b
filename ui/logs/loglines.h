#pragma once

#include "logs/loglevel.h"

#include <QList>
#include <QPalette>
#include <QString>
#include <QTextCharFormat>

class QTextCursor;

namespace Windsock::Ui {

// The lines of one log as received, each with its level and timestamp, and what of them is shown: the lines
// that pass the level filter, timestamps written as asked, coloured by level.
//
// Text comes in with addText() (any size, cut anywhere) and is classified line by line at once (cheap); it is
// written into the document by render(), a bounded amount per call, so that the viewer can spread a 50 MB log
// over many event-loop turns. Changing the filter or the timestamps starts the rendering over (restart()):
// the document is rebuilt in the same bounded steps, never in one go. Lines of one colour are inserted as one
// run with one character format, so colouring costs next to nothing and nothing is ever re-highlighted.
class LogLines final
{
public:
    struct Options
    {
        Logs::LogLevel threshold =
            Logs::LogLevel::Debug; // lines below it are hidden (with their continuations)
        bool timestamps = true;
        bool utc = false;        // structured lines' timestamps in UTC rather than local time
        bool structured = false; // Airflow 3: the timestamp prefix is Windsock's own, so it is rewritten
        bool operator==(const Options &other) const
        {
            return threshold == other.threshold && timestamps == other.timestamps && utc == other.utc &&
                   structured == other.structured;
        }
    };

    LogLines();

    void clear();
    // Text received, in order; "\r\n" is taken as "\n" (the document does the same).
    void addText(QStringView text);
    // Writes at most about maxChars of not yet shown lines at the end of the document (through `end`, which
    // stays at its end).
    void render(QTextCursor &end, qsizetype maxChars);
    bool hasUnrendered() const { return m_renderedTo < m_raw.size(); }
    // The document was cleared: render everything again, with the current options.
    void restart();
    // Loading was cancelled: forgets the lines not rendered yet, so that what is shown is all there is.
    void truncateToRendered();

    const Options &options() const { return m_options; }
    // Takes effect from the next line rendered; call restart() (and clear the document) to apply it to all.
    void setOptions(const Options &options) { m_options = options; }
    // Colours for a palette: derived from its text and base colours, so they read on light and dark ones.
    void setPalette(const QPalette &palette);
    QTextCharFormat formatFor(Logs::LogLevel level) const;

    // Everything received, as received (what is saved).
    const QString &rawText() const { return m_raw; }
    // What the document holds, character for character (searched and copied).
    const QString &shownText() const { return m_shown; }
    qsizetype shownNewlines() const { return m_shownNewlines; }
    qsizetype lineCount() const { return m_lines.size(); }
    // Lines of the rendered part that the level filter hides.
    qsizetype hiddenLineCount() const { return m_hidden; }
    // Progress of a rebuild: lines rendered so far.
    qsizetype renderedLineCount() const { return m_rendered; }
    // Characters of rawText() rendered so far (shown or passed over).
    qsizetype renderedChars() const { return m_renderedTo; }

private:
    struct Line
    {
        qsizetype start = 0;
        qsizetype length = 0; // with its line break, when it has one
        qint64 msecsSinceEpoch = 0;
        int textStart = 0; // after "[timestamp] "; 0 without a timestamp
        Logs::LogLevel level = Logs::LogLevel::None;
        bool hasTimestamp = false;
    };
    enum Colour
    {
        Normal,
        Error,
        Warning,
        Debug,
        ColourCount
    };

    static Colour colourOf(Logs::LogLevel level);
    void appendShown(QString &run, const Line &line);
    QString stampText(qint64 msecsSinceEpoch);

    Options m_options;
    QTextCharFormat m_formats[ColourCount];
    QString m_raw;
    QList<Line> m_lines;
    Logs::LogLineClassifier m_classifier;
    QString m_shown;
    qsizetype m_shownNewlines = 0;
    qsizetype m_rendered = 0;   // lines rendered (the last of them maybe only in part)
    qsizetype m_renderedTo = 0; // offset in m_raw up to which lines are rendered
    bool m_lastShown = false;   // whether the last line rendered passed the filter (its rest follows it)
    qsizetype m_hidden = 0;
    qint64 m_stampSecond = -1; // the seconds part of the last timestamp written, and its text
    QString m_stampText;
};

} // namespace Windsock::Ui
