#include "responsebody.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace Windsock::Explorer {

namespace {

// ResponseBody's state, out here so that the helpers below can fill it.
struct BodyState
{
    ResponseBody::Kind kind = ResponseBody::Kind::Empty;
    QByteArray bytes;
    QByteArray contentType;
    QByteArray mediaType;
    QJsonDocument json;
    QString text;
    QString prettyText;
    QString errorText;
    int errorLine = 0;
    int errorColumn = 0;
    bool truncated = false;
    QByteArray imageFormat;
};

// Bytes looked at to tell text from binary.
constexpr qsizetype SniffBytes = 64 * 1024;

QByteArray mediaTypeOf(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

QByteArray charsetOf(const QByteArray &contentType)
{
    const QList<QByteArray> parameters = contentType.split(';');
    for (qsizetype i = 1; i < parameters.size(); ++i) {
        const QByteArray parameter = parameters.at(i).trimmed();
        if (parameter.toLower().startsWith("charset=")) {
            QByteArray value = parameter.mid(8).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                value = value.mid(1, value.size() - 2);
            return value;
        }
    }
    return {};
}

bool isJsonType(const QByteArray &mediaType)
{
    return mediaType == "application/json" || mediaType == "text/json" || mediaType.endsWith("+json");
}

// Types that are text whatever their bytes look like.
bool isTextType(const QByteArray &mediaType)
{
    return mediaType.startsWith("text/") || mediaType.endsWith("+xml") || mediaType == "application/xml" ||
           mediaType == "application/javascript" || mediaType == "application/x-ndjson" ||
           mediaType == "application/x-yaml" || mediaType == "application/yaml" ||
           mediaType == "application/x-www-form-urlencoded" || mediaType == "application/graphql";
}

QByteArray imageFormatFromBytes(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return "png";
    if (bytes.startsWith("\xff\xd8\xff"))
        return "jpeg";
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return "gif";
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return "webp";
    // "BM", the file size, then four reserved bytes that are zero: text rarely starts like that.
    if (bytes.size() >= 26 && bytes.startsWith("BM") && bytes.mid(6, 4) == QByteArray(4, '\0'))
        return "bmp";
    if (bytes.size() >= 6 && bytes.startsWith(QByteArray("\0\0\1\0", 4)))
        return "ico";
    return {};
}

QByteArray imageFormatFromType(const QByteArray &mediaType)
{
    QByteArray subtype = mediaType.mid(6); // after "image/"
    if (subtype == "svg+xml")
        return "svg";
    if (subtype == "x-icon" || subtype == "vnd.microsoft.icon")
        return "ico";
    if (subtype == "jpg" || subtype == "pjpeg")
        return "jpeg";
    if (subtype.startsWith("x-"))
        subtype = subtype.mid(2);
    return subtype;
}

// Text is valid UTF-8 (a character cut at the end of the sniffed part is fine) without NULs or the control
// characters that only binary formats have.
bool looksLikeText(const QByteArray &bytes)
{
    const QByteArray head = bytes.left(SniffBytes);
    for (const char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != 0x1b)
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(head);
    if (!decoder.hasError())
        return true;
    // A multi-byte character cut by the sniffing limit shows as one replacement character at the very end.
    const qsizetype replacement = decoded.indexOf(QChar::ReplacementCharacter);
    return head.size() < bytes.size() && replacement >= decoded.size() - 1;
}

QString decodeText(const QByteArray &bytes, const QByteArray &charset)
{
    const QByteArray limited = bytes.left(ResponseBody::MaxTextBytes);
    std::optional<QStringConverter::Encoding> encoding;
    if (!charset.isEmpty())
        encoding = QStringConverter::encodingForName(charset.constData());
    if (!encoding)
        encoding = QStringConverter::encodingForData(limited); // a BOM, else UTF-8 below
    QStringDecoder decoder(encoding.value_or(QStringConverter::Utf8));
    if (!decoder.isValid())
        decoder = QStringDecoder(QStringConverter::Utf8);
    return decoder.decode(limited);
}

// JSON's first significant character, past a byte order mark and white space.
char firstSignificant(const QByteArray &bytes)
{
    qsizetype at = bytes.startsWith("\xef\xbb\xbf") ? 3 : 0;
    while (at < bytes.size() && QByteArrayView(" \t\r\n").contains(bytes.at(at)))
        ++at;
    return at < bytes.size() ? bytes.at(at) : '\0';
}

QString reasonOf(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        return QStringLiteral("an object is not closed (a } or a comma is missing)");
    case QJsonParseError::MissingNameSeparator:
        return QStringLiteral("a colon is missing after a key");
    case QJsonParseError::UnterminatedArray:
        return QStringLiteral("an array is not closed (a ] or a comma is missing)");
    case QJsonParseError::MissingValueSeparator:
        return QStringLiteral("a comma is missing between two values");
    case QJsonParseError::IllegalValue:
    case QJsonParseError::IllegalNumber:
        return QStringLiteral(
            "this is not a JSON value (strings take double quotes, numbers are written like 12 "
            "or -1.5e3, and true, false and null are lower case)");
    case QJsonParseError::TerminationByNumber:
        return QStringLiteral("the document ends in the middle of a value");
    case QJsonParseError::IllegalEscapeSequence:
        return QStringLiteral("a backslash escape in a string is not valid");
    case QJsonParseError::IllegalUTF8String:
        return QStringLiteral("a string is not valid UTF-8");
    case QJsonParseError::UnterminatedString:
        return QStringLiteral("a string is not closed (a \" is missing)");
    case QJsonParseError::MissingObject:
        return QStringLiteral("a key in double quotes was expected (a trailing comma?)");
    case QJsonParseError::DeepNesting:
        return QStringLiteral("the values are nested too deeply");
    case QJsonParseError::DocumentTooLarge:
        return QStringLiteral("the document is too large");
    case QJsonParseError::GarbageAtEnd:
        return QStringLiteral("there is more after the end of the document");
    case QJsonParseError::NoError:
        break;
    }
    return QStringLiteral("it cannot be read");
}

// Indents by 2 instead of QJsonDocument's 4: inside JSON text a line's leading spaces are all indentation
// (strings escape their newlines).
QByteArray halveIndentation(const QByteArray &indented)
{
    QByteArray out;
    out.reserve(indented.size());
    const char *at = indented.constData();
    const char *const end = at + indented.size();
    while (at < end) {
        const char *spaces = at;
        while (at < end && *at == ' ')
            ++at;
        out.append(QByteArray::size_type((at - spaces) / 2), ' ');
        const char *newline = static_cast<const char *>(memchr(at, '\n', size_t(end - at)));
        const char *lineEnd = newline ? newline + 1 : end;
        out.append(at, lineEnd - at);
        at = lineEnd;
    }
    return out;
}

// Parses d.bytes as JSON: true (kind Json) when it is; otherwise false, with the error in words when asked.
bool tryJson(BodyState &d, bool reportErrors)
{
    QByteArray json = d.bytes;
    const bool bom = json.startsWith("\xef\xbb\xbf");
    if (bom)
        json = json.mid(3);
    QJsonParseError error{};
    QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error == QJsonParseError::NoError) {
        d.kind = ResponseBody::Kind::Json;
        d.json = std::move(document);
        d.text = QString::fromUtf8(json);
        d.prettyText = ResponseBody::prettyJson(d.json);
        return true;
    }
    if (!reportErrors)
        return false;
    // A lone scalar ("42", "\"ok\"") is valid JSON that QJsonDocument cannot hold: shown as text, no error.
    const char first = firstSignificant(json);
    if (first != '{' && first != '[') {
        QJsonParseError scalarError{};
        QJsonDocument::fromJson(QByteArray("[") + json + QByteArray("]"), &scalarError);
        if (scalarError.error == QJsonParseError::NoError)
            return false;
    }
    // Qt's offset points at the character for trailing garbage and for a value that starts with no JSON
    // character ("True"), and just past it for the other errors.
    const qsizetype size = json.size();
    qsizetype at = qBound(qsizetype(0), qsizetype(error.offset), size);
    const bool pointsAt =
        error.error == QJsonParseError::GarbageAtEnd || error.error == QJsonParseError::IllegalNumber;
    if (!pointsAt && at > 0)
        --at;
    qsizetype trimmedEnd = size;
    while (trimmedEnd > 0 && QByteArrayView(" \t\r\n").contains(json.at(trimmedEnd - 1)))
        --trimmedEnd;
    // Cut short: the parser ran out of text inside a container, a string or a number, or inside a word
    // (`tr`; Qt reports even a whole `true` at the very end as a bad value).
    switch (error.error) {
    case QJsonParseError::UnterminatedObject:
    case QJsonParseError::UnterminatedArray:
    case QJsonParseError::UnterminatedString:
    case QJsonParseError::TerminationByNumber:
        d.truncated = error.offset >= trimmedEnd;
        break;
    case QJsonParseError::IllegalValue: {
        const QByteArray tail = json.mid(at, trimmedEnd - at);
        d.truncated =
            !tail.isEmpty() && (QByteArray("true").startsWith(tail) || QByteArray("false").startsWith(tail) ||
                                QByteArray("null").startsWith(tail));
        break;
    }
    default:
        break;
    }
    const qsizetype lineStart = at > 0 ? json.lastIndexOf('\n', at - 1) + 1 : 0;
    d.errorLine = int(std::count(json.cbegin(), json.cbegin() + at, '\n')) + 1;
    int column = 1;
    for (qsizetype i = lineStart; i < at; ++i) {
        if ((static_cast<unsigned char>(json.at(i)) & 0xc0) != 0x80) // not a UTF-8 continuation byte
            ++column;
    }
    d.errorColumn = column;
    const QString where = QStringLiteral("line %1, column %2").arg(d.errorLine).arg(d.errorColumn);
    if (first == '<') {
        // A proxy's or a login page's HTML under a JSON type: say so rather than name a character.
        d.errorText =
            QStringLiteral("Not valid JSON at %1: the body is HTML or XML (an error or login page?), "
                           "not JSON.")
                .arg(where);
    } else if (d.truncated) {
        d.errorText = QStringLiteral("Not valid JSON at %1: the body ends before the document does (%2); it "
                                     "may have been cut short.")
                          .arg(where, reasonOf(error.error));
    } else {
        d.errorText = QStringLiteral("Not valid JSON at %1: %2.").arg(where, reasonOf(error.error));
    }
    return false;
}

} // namespace

struct ResponseBody::Data : BodyState
{};

ResponseBody::ResponseBody()
    : d(std::make_shared<const Data>())
{}

ResponseBody ResponseBody::parse(QByteArray body, QByteArray contentType)
{
    auto data = std::make_shared<Data>();
    data->bytes = std::move(body);
    data->contentType = std::move(contentType);
    data->mediaType = mediaTypeOf(data->contentType);
    Data &d = *data;
    const QByteArray &bytes = d.bytes;
    const QByteArray &mediaType = d.mediaType;

    const auto asText = [&d] {
        d.kind = Kind::Text;
        d.text = decodeText(d.bytes, charsetOf(d.contentType));
        d.prettyText = d.text;
    };

    ResponseBody result;
    result.d = data;
    if (bytes.isEmpty()) {
        d.kind = Kind::Empty;
        return result;
    }
    if (isJsonType(mediaType)) {
        if (!tryJson(d, true))
            asText();
        return result;
    }
    if (mediaType.startsWith("image/")) {
        d.kind = Kind::Image;
        d.imageFormat = imageFormatFromBytes(bytes);
        if (d.imageFormat.isEmpty())
            d.imageFormat = imageFormatFromType(mediaType);
        return result;
    }
    if (const QByteArray format = imageFormatFromBytes(bytes); !format.isEmpty()) {
        d.kind = Kind::Image;
        d.imageFormat = format;
        return result;
    }
    // JSON under another type (text/plain, no type at all): shown as JSON when it parses, as text otherwise.
    const char first = firstSignificant(bytes);
    if ((first == '{' || first == '[') && tryJson(d, false))
        return result;
    if (isTextType(mediaType) || looksLikeText(bytes)) {
        asText();
        return result;
    }
    d.kind = Kind::Binary;
    return result;
}

ResponseBody::Kind ResponseBody::kind() const
{
    return d->kind;
}

qint64 ResponseBody::size() const
{
    return d->bytes.size();
}

const QByteArray &ResponseBody::bytes() const
{
    return d->bytes;
}

QByteArray ResponseBody::contentType() const
{
    return d->contentType;
}

QByteArray ResponseBody::mediaType() const
{
    return d->mediaType;
}

QJsonDocument ResponseBody::json() const
{
    return d->json;
}

QString ResponseBody::prettyText() const
{
    return d->prettyText;
}

QString ResponseBody::text() const
{
    return d->text;
}

QString ResponseBody::errorText() const
{
    return d->errorText;
}

int ResponseBody::errorLine() const
{
    return d->errorLine;
}

int ResponseBody::errorColumn() const
{
    return d->errorColumn;
}

bool ResponseBody::isTruncated() const
{
    return d->truncated;
}

QByteArray ResponseBody::imageFormat() const
{
    return d->imageFormat;
}

QString ResponseBody::hexPreview(qsizetype maxBytes) const
{
    const QByteArray head = d->bytes.left(maxBytes);
    QString out;
    out.reserve(head.size() * 5);
    for (qsizetype line = 0; line < head.size(); line += 16) {
        out += QStringLiteral("%1 ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < head.size()) {
                const auto byte = static_cast<unsigned char>(head.at(i));
                out += QStringLiteral(" %1").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QLatin1String("   ");
            }
            if (i - line == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1String("  |") + ascii + QLatin1String("|\n");
    }
    if (d->bytes.size() > head.size())
        out += QStringLiteral("… %1 more bytes\n").arg(QLocale().toString(d->bytes.size() - head.size()));
    return out;
}

QString ResponseBody::kindText() const
{
    switch (d->kind) {
    case Kind::Empty:
        return QStringLiteral("empty");
    case Kind::Json:
        return QStringLiteral("JSON");
    case Kind::Text:
        return d->errorText.isEmpty() ? QStringLiteral("text") : QStringLiteral("invalid JSON");
    case Kind::Image:
        return QStringLiteral("%1 image").arg(QString::fromLatin1(d->imageFormat.toUpper()));
    case Kind::Binary:
        return QStringLiteral("binary");
    }
    return {};
}

QString ResponseBody::prettyJson(const QJsonDocument &document)
{
    return QString::fromUtf8(halveIndentation(document.toJson(QJsonDocument::Indented)));
}

QString ResponseBody::prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return prettyJson(QJsonDocument(value.toObject()));
    if (value.isArray())
        return prettyJson(QJsonDocument(value.toArray()));
    // A scalar: its JSON text, taken out of a one-element array.
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

ResponseParser::ResponseParser(QObject *parent)
    : QObject(parent)
{}

ResponseParser::~ResponseParser() = default;

void ResponseParser::start(const QByteArray &body, const QByteArray &contentType)
{
    cancel();
    auto *watcher = new QFutureWatcher<ResponseBody>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcher<ResponseBody>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_watcher)
            return;
        m_watcher = nullptr;
        Q_EMIT parsed(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&ResponseBody::parse, body, contentType));
}

void ResponseParser::cancel()
{
    if (!m_watcher)
        return;
    // The worker cannot be stopped: its result is dropped with the watcher.
    m_watcher->disconnect(this);
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

bool ResponseParser::isRunning() const
{
    return m_watcher != nullptr;
}

} // namespace Windsock::Explorer
