#pragma once

#include <QByteArray>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonValue>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>

namespace Windsock::Explorer {

// A response body as the explorer shows it: what it is (JSON, text, an image, other bytes, nothing) and, for
// JSON, the parsed document and its indented text. Classified by the Content-Type first and by the bytes
// where the type is missing or generic (application/octet-stream, text/plain holding JSON, an image served as
// bytes). parse() does all the work: call it off the UI thread (ResponseParser does) for a large body.
// Copies are cheap (shared, immutable).
class ResponseBody final
{
public:
    enum class Kind
    {
        Empty,  // no bytes (a 204, a HEAD)
        Json,   // json() holds the document
        Text,   // text(); also a body that says it is JSON but does not parse (errorText() says where)
        Image,  // imageFormat() names it; the bytes are in bytes()
        Binary, // anything else: hexPreview()
    };

    // Bytes beyond this in a text body are not decoded into text(): a viewer cannot show more anyway.
    static constexpr qsizetype MaxTextBytes = 64 * 1024 * 1024;

    ResponseBody();

    // Pure and thread-safe. contentType is the header as received ("application/json; charset=utf-8").
    static ResponseBody parse(QByteArray body, QByteArray contentType);

    Kind kind() const;
    qint64 size() const;             // bytes received
    const QByteArray &bytes() const; // the body as received
    QByteArray contentType() const;  // as given to parse()
    QByteArray mediaType() const;    // lower case, without parameters: "application/json"

    // Kind::Json: the document (object or array).
    QJsonDocument json() const;
    // Kind::Json: the document indented by 2 (QJsonDocument::Indented is 4: too wide for a viewer), built in
    // parse(). Kind::Text: text(). Otherwise empty.
    QString prettyText() const;
    // Kind::Text and Kind::Json: the body decoded (the charset of the Content-Type, else UTF-8); else empty.
    QString text() const;
    // The body claims or looks like JSON but is not valid JSON: "Not valid JSON at line 3, column 14: a
    // comma or a closing brace is missing." Empty otherwise. The body is then Kind::Text.
    QString errorText() const;
    int errorLine() const;   // 1-based, 0 when no error
    int errorColumn() const; // 1-based, in characters
    // The JSON stops before its end (the connection was cut, or a size limit hit): errorText() says so.
    bool isTruncated() const;
    // Kind::Image: "png", "jpeg", "gif", "webp", "bmp", "svg", "ico", or the subtype of image/...
    QByteArray imageFormat() const;
    // Kind::Binary (and any kind): the first bytes as a hex dump, 16 a line with their ASCII.
    QString hexPreview(qsizetype maxBytes = 4096) const;
    // "JSON", "text", "invalid JSON", "PNG image", "binary", "empty": for a status line.
    QString kindText() const;

    // A document (or one value) as JSON text indented by 2, as prettyText() is.
    static QString prettyJson(const QJsonDocument &document);
    static QString prettyJson(const QJsonValue &value);

private:
    struct Data;
    std::shared_ptr<const Data> d;
};

// Parses bodies on a worker thread and hands the result back on the thread it lives in. A newer start()
// drops the result of an older one; cancel() drops the current one (the worker finishes in the background
// and its result is thrown away: a JSON parser cannot be interrupted).
class ResponseParser final : public QObject
{
    Q_OBJECT

public:
    explicit ResponseParser(QObject *parent = nullptr);
    ~ResponseParser() override;

    void start(const QByteArray &body, const QByteArray &contentType);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    // Once per start() not cancelled nor overtaken.
    void parsed(const Windsock::Explorer::ResponseBody &body);

private:
    QFutureWatcher<ResponseBody> *m_watcher = nullptr;
};

} // namespace Windsock::Explorer

Q_DECLARE_METATYPE(Windsock::Explorer::ResponseBody)
