#include "loglines.h"

#include "taskinstance/timetext.h"

#include <QTextCursor>
#include <QTimeZone>

namespace Windsock::Ui {

using Logs::LogLevel;

LogLines::LogLines()
{
    setPalette(QPalette());
}

void LogLines::clear()
{
    m_raw.clear();
    m_raw.squeeze();
    m_lines.clear();
    m_lines.squeeze();
    m_classifier.reset();
    restart();
    m_shown.squeeze();
}

void LogLines::restart()
{
    m_shown.clear();
    m_shownNewlines = 0;
    m_rendered = 0;
    m_renderedTo = 0;
    m_lastShown = false;
    m_hidden = 0;
}

void LogLines::truncateToRendered()
{
    m_lines.resize(m_rendered);
    m_raw.truncate(m_renderedTo);
    if (!m_lines.isEmpty()) {
        Line &last = m_lines.last();
        last.length = qMin(last.length, m_renderedTo - last.start);
    }
}

void LogLines::addText(QStringView text)
{
    QString normalised;
    if (text.contains(u'\r')) {
        normalised = text.toString().replace(QLatin1String("\r\n"), QLatin1String("\n"));
        text = normalised;
    }
    qsizetype at = 0;
    // The last line received may have been cut short: the text goes on with it.
    if (!m_lines.isEmpty() && !m_raw.endsWith(u'\n') && !text.isEmpty()) {
        const qsizetype lineEnd = text.indexOf(u'\n');
        at = lineEnd < 0 ? text.size() : lineEnd + 1;
        m_raw += text.left(at);
        Line &line = m_lines.last();
        line.length += at;
        const Logs::LogLineHead head = m_classifier.classify(
            QStringView(m_raw).mid(line.start, line.length).chopped(lineEnd < 0 ? 0 : 1));
        line.level = head.level;
        line.hasTimestamp = head.hasTimestamp;
        line.msecsSinceEpoch = head.msecsSinceEpoch;
        line.textStart = int(head.textStart);
    }
    const qsizetype base = m_raw.size() - at;
    m_raw += text.mid(at);
    while (at < text.size()) {
        const qsizetype lineEnd = text.indexOf(u'\n', at);
        const qsizetype end = lineEnd < 0 ? text.size() : lineEnd + 1;
        const Logs::LogLineHead head =
            m_classifier.classify(text.mid(at, (lineEnd < 0 ? end : lineEnd) - at));
        Line line;
        line.start = base + at;
        line.length = end - at;
        line.level = head.level;
        line.hasTimestamp = head.hasTimestamp;
        line.msecsSinceEpoch = head.msecsSinceEpoch;
        line.textStart = int(head.textStart);
        m_lines.append(line);
        at = end;
    }
}

LogLines::Colour LogLines::colourOf(LogLevel level)
{
    switch (level) {
    case LogLevel::Error:
    case LogLevel::Critical:
        return Error;
    case LogLevel::Warning:
        return Warning;
    case LogLevel::Debug:
        return Debug;
    case LogLevel::None:
    case LogLevel::Info:
        break;
    }
    return Normal;
}

void LogLines::setPalette(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightness() < text.lightness();
    m_formats[Normal] = QTextCharFormat(); // the document's own text colour
    m_formats[Error].setForeground(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28));
    m_formats[Warning].setForeground(dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00));
    // Grey halfway between the text and the background: quieter than the text on any palette.
    m_formats[Debug].setForeground(QColor((text.red() + base.red()) / 2, (text.green() + base.green()) / 2,
                                          (text.blue() + base.blue()) / 2));
}

QTextCharFormat LogLines::formatFor(LogLevel level) const
{
    return m_formats[colourOf(level)];
}

QString LogLines::stampText(qint64 msecsSinceEpoch)
{
    // Lines come many to a second: the date and time are written once per second, the milliseconds each time.
    const qint64 second = msecsSinceEpoch >= 0 ? msecsSinceEpoch / 1000 : (msecsSinceEpoch - 999) / 1000;
    if (second != m_stampSecond || m_stampText.isEmpty()) {
        const QDateTime time = QDateTime::fromSecsSinceEpoch(second, QTimeZone::utc());
        m_stampSecond = second;
        m_stampText =
            m_options.utc ? time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : TimeText::local(time);
    }
    const int millis = int(msecsSinceEpoch - m_stampSecond * 1000);
    return m_stampText + QLatin1Char('.') + QStringLiteral("%1").arg(millis, 3, 10, QLatin1Char('0'));
}

void LogLines::appendShown(QString &run, const Line &line)
{
    const QStringView text = QStringView(m_raw).mid(line.start, line.length);
    if (!line.hasTimestamp || (!m_options.structured && m_options.timestamps)) {
        // Airflow 2's lines are shown as the server wrote them.
        run += text;
    } else if (m_options.timestamps) {
        run += stampText(line.msecsSinceEpoch);
        run += QLatin1Char(' ');
        run += text.mid(line.textStart);
    } else {
        run += text.mid(line.textStart);
    }
    if (text.endsWith(u'\n'))
        ++m_shownNewlines;
}

void LogLines::render(QTextCursor &end, qsizetype maxChars)
{
    QString run;
    Colour runColour = Normal;
    const auto flush = [&] {
        if (run.isEmpty())
            return;
        end.insertText(run, m_formats[runColour]);
        m_shown += run;
        run.clear();
    };
    qsizetype budget = maxChars;
    if (m_stampSecond >= 0 && m_renderedTo == 0)
        m_stampSecond = -1; // a rebuild: the options (UTC or local) may have changed
    while (m_renderedTo < m_raw.size() && budget > 0) {
        if (m_rendered > 0) {
            const Line &last = m_lines.at(m_rendered - 1);
            const qsizetype lastEnd = last.start + last.length;
            if (m_renderedTo < lastEnd) {
                // The rest of a line that had been cut short; it stays as its first part was shown.
                if (m_lastShown) {
                    const Colour colour = colourOf(last.level);
                    if (colour != runColour)
                        flush();
                    runColour = colour;
                    const QStringView rest = QStringView(m_raw).mid(m_renderedTo, lastEnd - m_renderedTo);
                    run += rest;
                    if (rest.endsWith(u'\n'))
                        ++m_shownNewlines;
                }
                budget -= lastEnd - m_renderedTo;
                m_renderedTo = lastEnd;
                continue;
            }
        }
        const Line &line = m_lines.at(m_rendered++);
        m_renderedTo = line.start + line.length;
        m_lastShown = Logs::logLevelPasses(line.level, m_options.threshold);
        if (!m_lastShown) {
            ++m_hidden;
            budget -= line.length / 4 + 1; // skipped, not inserted: cheaper
            continue;
        }
        const Colour colour = colourOf(line.level);
        if (colour != runColour)
            flush();
        runColour = colour;
        appendShown(run, line);
        budget -= line.length;
    }
    flush();
}

} // namespace Windsock::Ui
