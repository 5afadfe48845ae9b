#include "jsonbodyeditor.h"

#include "dags/statecolors.h"
#include "explorer/requestdraft.h"
#include "jsonhighlighter.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

// Bodies up to this size are checked on every pause in typing; a pasted 5 MB document waits a little longer.
constexpr int ShortPauseMs = 150;
constexpr int LongPauseMs = 600;
constexpr int LargeBody = 512 * 1024;

// Qt's parse errors, as a person says them.
QString describe(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        return QObject::tr("a comma or a closing } is missing");
    case QJsonParseError::MissingNameSeparator:
        return QObject::tr("a colon is missing after a key");
    case QJsonParseError::UnterminatedArray:
        return QObject::tr("a comma or a closing ] is missing");
    case QJsonParseError::MissingValueSeparator:
        return QObject::tr("a comma is missing");
    case QJsonParseError::IllegalValue:
        return QObject::tr("this is not a JSON value (strings need double quotes; true, false and null are "
                           "lower case)");
    case QJsonParseError::TerminationByNumber:
        return QObject::tr("the text ends in the middle of a number");
    case QJsonParseError::IllegalNumber:
        return QObject::tr("this number is not written as JSON writes numbers");
    case QJsonParseError::IllegalEscapeSequence:
        return QObject::tr("a backslash escape is not one JSON knows");
    case QJsonParseError::IllegalUTF8String:
        return QObject::tr("the text is not valid UTF-8");
    case QJsonParseError::UnterminatedString:
        return QObject::tr("a string is not closed with \"");
    case QJsonParseError::MissingObject:
        return QObject::tr("the body must be a JSON object { … } or list [ … ]");
    case QJsonParseError::DeepNesting:
        return QObject::tr("it is nested too deeply");
    case QJsonParseError::DocumentTooLarge:
        return QObject::tr("it is too large");
    case QJsonParseError::GarbageAtEnd:
        return QObject::tr("there is more text after the end of the document");
    case QJsonParseError::NoError:
        break;
    }
    return QObject::tr("it is not JSON");
}

} // namespace

JsonBodyEditor::Check JsonBodyEditor::check(const QString &text, const QMap<QString, QString> &variables)
{
    Check result;
    if (text.trimmed().isEmpty())
        return result;

    // The variables are put in exactly as resolve() puts them in; positions are then counted in the text
    // with the values (a value rarely spans lines, so they match what the user sees). The first unknown
    // variable is the error.
    QStringList missing;
    const QString substituted = Explorer::substituteVariables(text, variables, &missing);
    if (!missing.isEmpty()) {
        const QString before =
            text.left(qMax<qsizetype>(0, text.indexOf(QLatin1String("{{") + missing.first())));
        result.valid = false;
        result.line = int(before.count(QLatin1Char('\n'))) + 1;
        result.column = int(before.size() - (before.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
        result.message =
            tr("Line %1, column %2: there is no variable {{%3}} in this profile (Variables… lists "
               "them).")
                .arg(result.line)
                .arg(result.column)
                .arg(missing.first());
        return result;
    }

    const QByteArray utf8 = substituted.toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError)
        return result;
    // Qt's offset is just past the byte where parsing stopped: point at that character.
    const QByteArray before = utf8.left(qBound(0, error.offset - 1, int(utf8.size())));
    result.valid = false;
    result.line = int(before.count('\n')) + 1;
    result.column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
    // Single quotes are the most common slip (Python's repr): said as such, whatever Qt calls it.
    const qsizetype at = qBound(qsizetype(0), qsizetype(error.offset) - 1, utf8.size() - 1);
    const QString reason = utf8.at(at) == '\'' ? tr("strings and keys need double quotes, not single quotes")
                                               : describe(error.error);
    result.message =
        tr("Not valid JSON at line %1, column %2: %3.").arg(result.line).arg(result.column).arg(reason);
    return result;
}

JsonBodyEditor::JsonBodyEditor(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_highlighter(new JsonHighlighter(m_editor->document(), StateColors::isDark(palette())))
    , m_status(new QLabel(this))
    , m_format(new QToolButton(this))
{
    m_editor->setObjectName(QStringLiteral("bodyEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setPlaceholderText(tr("No body. A JSON document, e.g. {\"conf\": {}}; {{name}} puts in a "
                                    "variable."));
    m_editor->setTabStopDistance(QFontMetricsF(m_editor->font()).horizontalAdvance(QLatin1Char(' ')) * 4);
    m_status->setObjectName(QStringLiteral("bodyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_format->setObjectName(QStringLiteral("formatBody"));
    m_format->setText(tr("Format"));
    m_format->setToolTip(tr("Indent the body (only a valid JSON document without variables)"));

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_format);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor, 1);
    layout->addLayout(statusRow);

    m_checkTimer.setSingleShot(true);
    connect(&m_checkTimer, &QTimer::timeout, this, &JsonBodyEditor::recheck);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        m_checkPending = true;
        m_checkTimer.start(m_editor->document()->characterCount() > LargeBody ? LongPauseMs : ShortPauseMs);
        Q_EMIT textChanged();
    });
    connect(m_format, &QToolButton::clicked, this, &JsonBodyEditor::format);
    recheck();
}

QString JsonBodyEditor::text() const
{
    return m_editor->toPlainText();
}

void JsonBodyEditor::setText(const QString &text)
{
    m_editor->setPlainText(text);
    recheck();
}

void JsonBodyEditor::setVariables(const QMap<QString, QString> &variables)
{
    m_variables = variables;
    recheck();
}

JsonBodyEditor::Check JsonBodyEditor::currentCheck()
{
    if (m_checkPending)
        recheck();
    return m_check;
}

void JsonBodyEditor::showErrorPosition()
{
    const Check checked = currentCheck();
    m_editor->setFocus(Qt::OtherFocusReason);
    if (checked.valid)
        return;
    const QTextBlock block = m_editor->document()->findBlockByNumber(checked.line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + qMin(checked.column - 1, block.length() - 1));
    m_editor->setTextCursor(cursor);
    m_editor->ensureCursorVisible();
}

void JsonBodyEditor::recheck()
{
    m_checkTimer.stop();
    m_checkPending = false;
    const bool wasValid = m_check.valid;
    m_check = check(text(), m_variables);
    m_highlighter->setErrorPosition(m_check.line, m_check.column);
    const bool empty = text().trimmed().isEmpty();
    if (!m_check.valid) {
        m_status->setText(m_check.message);
        m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
    } else {
        m_status->setText(empty ? tr("No body") : tr("Valid JSON"));
        m_status->setStyleSheet(QString());
    }
    m_format->setEnabled(m_check.valid && !empty && !text().contains(QLatin1String("{{")));
    if (wasValid != m_check.valid)
        Q_EMIT validityChanged(m_check.valid);
}

void JsonBodyEditor::format()
{
    const QJsonDocument document = QJsonDocument::fromJson(text().toUtf8());
    if (document.isNull())
        return;
    // Through the cursor, so that Ctrl+Z brings back what was typed.
    QTextCursor cursor(m_editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed());
    recheck();
}

} // namespace Windsock::Ui
