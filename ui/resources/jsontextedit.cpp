#include "jsontextedit.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

// 1-based line and column of a byte offset into UTF-8 text (QJsonParseError counts bytes).
void position(const QByteArray &utf8, int offset, int &line, int &column)
{
    const QByteArray before = utf8.left(qBound(0, offset, int(utf8.size())));
    line = int(before.count('\n')) + 1;
    const int lineStart = int(before.lastIndexOf('\n')) + 1;
    column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
}

} // namespace

JsonTextEdit::Check JsonTextEdit::check(const QString &text, bool jsonOnly)
{
    Check result;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return result;
    result.looksLikeJson = trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['));
    if (!result.looksLikeJson && !jsonOnly)
        return result;
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        result.valid = false;
        // Qt's offset is just past the character where parsing stopped: point at that character.
        position(utf8, qMax(0, error.offset - 1), result.line, result.column);
        result.message = QObject::tr("Line %1, column %2: %3")
                             .arg(result.line)
                             .arg(result.column)
                             .arg(error.errorString());
        return result;
    }
    if (jsonOnly && !document.isObject()) {
        result.valid = false;
        result.line = 1;
        result.column = 1;
        result.message = QObject::tr("This must be a JSON object: { \"key\": \"value\", ... }");
        return result;
    }
    result.pretty = QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    return result;
}

JsonTextEdit::JsonTextEdit(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setObjectName(QStringLiteral("jsonEditor"));
    m_editor->setFont(fixed);
    m_editor->setTabChangesFocus(true);
    m_status->setObjectName(QStringLiteral("jsonStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setObjectName(QStringLiteral("jsonPreview"));
    m_preview->setFont(fixed);
    m_preview->setReadOnly(true);
    m_preview->setToolTip(tr("The JSON as Airflow will read it, indented. What you typed is what is saved."));
    m_preview->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor, 2);
    layout->addWidget(m_status);
    layout->addWidget(m_preview, 1);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &JsonTextEdit::recheck);
    recheck();
}

JsonTextEdit::~JsonTextEdit() = default;

QString JsonTextEdit::text() const
{
    return m_editor->toPlainText();
}

void JsonTextEdit::setText(const QString &text)
{
    m_editor->setPlainText(text);
}

void JsonTextEdit::setReadOnly(bool readOnly)
{
    m_editor->setReadOnly(readOnly);
}

void JsonTextEdit::setJsonOnly(bool jsonOnly)
{
    m_jsonOnly = jsonOnly;
    recheck();
}

void JsonTextEdit::setPlaceholderText(const QString &text)
{
    m_editor->setPlaceholderText(text);
}

QString JsonTextEdit::statusText() const
{
    return m_status->text();
}

void JsonTextEdit::recheck()
{
    const bool wasAcceptable = m_check.valid;
    m_check = check(text(), m_jsonOnly);
    if (!m_check.valid) {
        m_status->setText(m_check.message);
        m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
    } else if (!m_check.pretty.isEmpty()) {
        m_status->setText(tr("Valid JSON"));
        m_status->setStyleSheet(QString());
    } else {
        m_status->setText(text().isEmpty() ? QString() : tr("Plain text"));
        m_status->setStyleSheet(QString());
    }
    m_status->setVisible(!m_status->text().isEmpty());
    // The preview is worth its space only when it differs from what was typed.
    const bool showPreview = !m_check.pretty.isEmpty() && m_check.pretty != text().trimmed();
    if (showPreview)
        m_preview->setPlainText(m_check.pretty);
    m_preview->setVisible(showPreview);
    Q_EMIT textChanged();
    if (wasAcceptable != m_check.valid)
        Q_EMIT acceptableChanged(m_check.valid);
}

} // namespace Windsock::Ui
