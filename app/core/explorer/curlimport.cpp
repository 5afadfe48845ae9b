#include "curlimport.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QUrlQuery>

namespace Windsock::Explorer {

namespace {

// The escapes of bash's $'...' (ANSI-C quoting).
QString ansiCEscape(const QString &text, qsizetype &i)
{
    // text.at(i) is the character after the backslash; i is left on the last character consumed.
    const QChar c = text.at(i);
    auto hexDigits = [&](int maxDigits) {
        QString digits;
        while (digits.size() < maxDigits && i + 1 < text.size() && isxdigit(text.at(i + 1).toLatin1())) {
            digits += text.at(i + 1);
            ++i;
        }
        return digits;
    };
    switch (c.toLatin1()) {
    case 'n':
        return QStringLiteral("\n");
    case 't':
        return QStringLiteral("\t");
    case 'r':
        return QStringLiteral("\r");
    case 'a':
        return QString(QChar(7));
    case 'b':
        return QString(QChar(8));
    case 'e':
    case 'E':
        return QString(QChar(27));
    case 'f':
        return QString(QChar(12));
    case 'v':
        return QString(QChar(11));
    case '\\':
    case '\'':
    case '"':
    case '?':
        return QString(c);
    case 'x': {
        const QString digits = hexDigits(2);
        return digits.isEmpty() ? QStringLiteral("\\x") : QString(QChar(digits.toUInt(nullptr, 16)));
    }
    case 'u':
    case 'U': {
        const QString digits = hexDigits(c == QLatin1Char('u') ? 4 : 8);
        if (digits.isEmpty())
            return QStringLiteral("\\") + c;
        const char32_t code = digits.toUInt(nullptr, 16);
        return QString::fromUcs4(&code, 1);
    }
    default:
        if (c >= QLatin1Char('0') && c <= QLatin1Char('7')) {
            QString digits(c);
            while (digits.size() < 3 && i + 1 < text.size() && text.at(i + 1) >= QLatin1Char('0') &&
                   text.at(i + 1) <= QLatin1Char('7')) {
                digits += text.at(i + 1);
                ++i;
            }
            return QString(QChar(digits.toUInt(nullptr, 8)));
        }
        return QStringLiteral("\\") + c;
    }
}

// Windows cmd.exe's copies (Chrome's "Copy as cURL (cmd)"): ^ escapes the next character, ^ at a line's end
// continues it, and only double quotes quote.
bool isCmdStyle(const QString &command)
{
    return command.contains(QLatin1String("^\n")) || command.contains(QLatin1String("^\r\n")) ||
           command.contains(QLatin1String("^\""));
}

QStringList cmdWords(const QString &command, QString *error)
{
    QString text;
    for (qsizetype i = 0; i < command.size(); ++i) {
        if (command.at(i) == QLatin1Char('^') && i + 1 < command.size()) {
            ++i;
            if (command.at(i) == QLatin1Char('\r') && i + 1 < command.size() &&
                command.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (command.at(i) != QLatin1Char('\n'))
                text += command.at(i);
            continue;
        }
        text += command.at(i);
    }
    QStringList words;
    QString word;
    bool inWord = false;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('\\') && i + 1 < text.size() &&
                (text.at(i + 1) == QLatin1Char('"') || text.at(i + 1) == QLatin1Char('\\'))) {
                word += text.at(++i);
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else if (c == QLatin1Char('"')) {
            quoted = true;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
            word += text.at(++i);
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quoted && error)
        *error = QStringLiteral("A double quote is not closed.");
    if (inWord)
        words.append(word);
    return words;
}

QList<KeyValue> queryRows(const QString &query)
{
    QList<KeyValue> rows;
    const QStringList pairs = query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        auto decode = [](QString text) {
            text.replace(QLatin1Char('+'), QLatin1Char(' '));
            return QUrl::fromPercentEncoding(text.toUtf8());
        };
        rows.append({decode(equals < 0 ? pair : pair.left(equals)),
                     equals < 0 ? QString() : decode(pair.mid(equals + 1)), true});
    }
    return rows;
}

bool isBrowserHeader(const QString &lowerName)
{
    static const QSet<QString> names{QStringLiteral("user-agent"),
                                     QStringLiteral("referer"),
                                     QStringLiteral("origin"),
                                     QStringLiteral("accept-language"),
                                     QStringLiteral("accept-encoding"),
                                     QStringLiteral("dnt"),
                                     QStringLiteral("priority"),
                                     QStringLiteral("pragma"),
                                     QStringLiteral("cache-control"),
                                     QStringLiteral("connection"),
                                     QStringLiteral("host"),
                                     QStringLiteral("content-length"),
                                     QStringLiteral("upgrade-insecure-requests"),
                                     QStringLiteral("if-none-match"),
                                     QStringLiteral("if-modified-since")};
    return names.contains(lowerName) || lowerName.startsWith(QLatin1String("sec-"));
}

bool hasHeader(const QList<KeyValue> &headers, const QString &name)
{
    for (const KeyValue &header : headers) {
        if (header.key.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

enum class DataKind
{
    Ascii,
    Raw,
    Binary,
    UrlEncode,
    Json
};

} // namespace

QStringList shellWords(const QString &command, QString *error)
{
    if (isCmdStyle(command))
        return cmdWords(command, error);
    QStringList words;
    QString word;
    bool inWord = false;
    qsizetype i = 0;
    const qsizetype n = command.size();
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
    };
    while (i < n) {
        const QChar c = command.at(i);
        if (c == QLatin1Char('\\')) {
            if (i + 1 < n && command.at(i + 1) == QLatin1Char('\n')) {
                i += 2; // line continuation
                continue;
            }
            if (i + 2 < n && command.at(i + 1) == QLatin1Char('\r') &&
                command.at(i + 2) == QLatin1Char('\n')) {
                i += 3;
                continue;
            }
            if (i + 1 < n)
                word += command.at(i + 1);
            inWord = true;
            i += 2;
            continue;
        }
        if (c == QLatin1Char('\'')) {
            const qsizetype close = command.indexOf(QLatin1Char('\''), i + 1);
            if (close < 0) {
                fail(QStringLiteral("A single quote is not closed."));
                return {};
            }
            word += command.mid(i + 1, close - i - 1);
            inWord = true;
            i = close + 1;
            continue;
        }
        if (c == QLatin1Char('$') && i + 1 < n && command.at(i + 1) == QLatin1Char('\'')) {
            i += 2;
            bool closed = false;
            while (i < n) {
                const QChar d = command.at(i);
                if (d == QLatin1Char('\'')) {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == QLatin1Char('\\') && i + 1 < n) {
                    ++i;
                    word += ansiCEscape(command, i);
                    ++i;
                    continue;
                }
                word += d;
                ++i;
            }
            if (!closed) {
                fail(QStringLiteral("A $' quote is not closed."));
                return {};
            }
            inWord = true;
            continue;
        }
        if (c == QLatin1Char('"')) {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = command.at(i);
                if (d == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == QLatin1Char('\\') && i + 1 < n) {
                    const QChar e = command.at(i + 1);
                    if (e == QLatin1Char('\n')) {
                        i += 2;
                        continue;
                    }
                    if (e == QLatin1Char('"') || e == QLatin1Char('\\') || e == QLatin1Char('$') ||
                        e == QLatin1Char('`')) {
                        word += e;
                        i += 2;
                        continue;
                    }
                }
                word += d;
                ++i;
            }
            if (!closed) {
                fail(QStringLiteral("A double quote is not closed."));
                return {};
            }
            inWord = true;
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
            ++i;
            continue;
        }
        if (c == QLatin1Char('#') && !inWord) {
            // A comment runs to the end of the line.
            const qsizetype end = command.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? n : end;
            continue;
        }
        word += c;
        inWord = true;
        ++i;
    }
    if (inWord)
        words.append(word);
    return words;
}

CurlImport importCurl(const QString &command, const QUrl &baseUrl)
{
    CurlImport result;
    QString wordsError;
    QStringList words = shellWords(command.trimmed(), &wordsError);
    if (!wordsError.isEmpty()) {
        result.error = QStringLiteral("The command could not be read: %1").arg(wordsError);
        return result;
    }
    // A prompt pasted with the command.
    if (!words.isEmpty() &&
        (words.constFirst() == QLatin1String("$") || words.constFirst() == QLatin1String(">")))
        words.removeFirst();
    if (words.isEmpty() ||
        !(words.constFirst() == QLatin1String("curl") ||
          words.constFirst().endsWith(QLatin1String("/curl")) ||
          words.constFirst().compare(QLatin1String("curl.exe"), Qt::CaseInsensitive) == 0)) {
        result.error = QStringLiteral("This is not a cURL command: it should start with curl.");
        return result;
    }

    static const QSet<QString> shortWithValue{
        QStringLiteral("X"), QStringLiteral("H"), QStringLiteral("d"), QStringLiteral("u"),
        QStringLiteral("b"), QStringLiteral("A"), QStringLiteral("e"), QStringLiteral("o"),
        QStringLiteral("w"), QStringLiteral("m"), QStringLiteral("x"), QStringLiteral("F"),
        QStringLiteral("T"), QStringLiteral("c"), QStringLiteral("r"), QStringLiteral("z"),
        QStringLiteral("K"), QStringLiteral("E"), QStringLiteral("U"), QStringLiteral("y"),
        QStringLiteral("Y"), QStringLiteral("C"), QStringLiteral("t"), QStringLiteral("Q")};
    static const QSet<QString> longWithValue{QStringLiteral("request"),
                                             QStringLiteral("header"),
                                             QStringLiteral("data"),
                                             QStringLiteral("data-ascii"),
                                             QStringLiteral("data-raw"),
                                             QStringLiteral("data-binary"),
                                             QStringLiteral("data-urlencode"),
                                             QStringLiteral("json"),
                                             QStringLiteral("user"),
                                             QStringLiteral("url"),
                                             QStringLiteral("cookie"),
                                             QStringLiteral("user-agent"),
                                             QStringLiteral("referer"),
                                             QStringLiteral("output"),
                                             QStringLiteral("write-out"),
                                             QStringLiteral("max-time"),
                                             QStringLiteral("connect-timeout"),
                                             QStringLiteral("proxy"),
                                             QStringLiteral("form"),
                                             QStringLiteral("form-string"),
                                             QStringLiteral("upload-file"),
                                             QStringLiteral("cookie-jar"),
                                             QStringLiteral("range"),
                                             QStringLiteral("retry"),
                                             QStringLiteral("retry-delay"),
                                             QStringLiteral("retry-max-time"),
                                             QStringLiteral("cacert"),
                                             QStringLiteral("capath"),
                                             QStringLiteral("cert"),
                                             QStringLiteral("cert-type"),
                                             QStringLiteral("key"),
                                             QStringLiteral("key-type"),
                                             QStringLiteral("pass"),
                                             QStringLiteral("oauth2-bearer"),
                                             QStringLiteral("config"),
                                             QStringLiteral("resolve"),
                                             QStringLiteral("connect-to"),
                                             QStringLiteral("max-redirs"),
                                             QStringLiteral("limit-rate"),
                                             QStringLiteral("proxy-user"),
                                             QStringLiteral("interface"),
                                             QStringLiteral("dns-servers"),
                                             QStringLiteral("time-cond"),
                                             QStringLiteral("max-filesize"),
                                             QStringLiteral("unix-socket"),
                                             QStringLiteral("aws-sigv4"),
                                             QStringLiteral("variable"),
                                             QStringLiteral("expand-data"),
                                             QStringLiteral("trace"),
                                             QStringLiteral("trace-ascii"),
                                             QStringLiteral("stderr"),
                                             QStringLiteral("dump-header"),
                                             QStringLiteral("ciphers"),
                                             QStringLiteral("tls-max"),
                                             QStringLiteral("keepalive-time"),
                                             QStringLiteral("happy-eyeballs-timeout-ms"),
                                             QStringLiteral("speed-limit"),
                                             QStringLiteral("speed-time")};

    RequestDraft &draft = result.draft;
    QString method;
    QString urlText;
    bool get = false;
    bool head = false;
    QStringList dataParts;
    bool anyData = false;
    bool jsonOption = false;
    QStringList droppedBrowserHeaders;
    QStringList notes;
    auto note = [&notes](const QString &text) {
        if (!notes.contains(text))
            notes.append(text);
    };

    auto addData = [&](DataKind kind, const QString &value) {
        anyData = true;
        if ((kind == DataKind::Ascii || kind == DataKind::Binary || kind == DataKind::Json) &&
            value.startsWith(QLatin1Char('@'))) {
            note(
                QStringLiteral("The body is read from the file %1 by cURL: paste the file's content into the "
                               "body.")
                    .arg(value.mid(1)));
            return;
        }
        if (kind == DataKind::UrlEncode) {
            const qsizetype equals = value.indexOf(QLatin1Char('='));
            if (value.contains(QLatin1Char('@')) &&
                (equals < 0 || value.indexOf(QLatin1Char('@')) < equals)) {
                note(QStringLiteral("--data-urlencode reads a file (%1): it was left out.").arg(value));
                return;
            }
            const QString content = equals < 0 ? value : value.mid(equals + 1);
            const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(content));
            dataParts.append(equals <= 0 ? encoded : value.left(equals) + QLatin1Char('=') + encoded);
            return;
        }
        QString text = value;
        // -d and --data-ascii strip line breaks as cURL does; --data-raw, --data-binary and --json do not.
        if (kind == DataKind::Ascii) {
            text.remove(QLatin1Char('\r'));
            text.remove(QLatin1Char('\n'));
        }
        dataParts.append(text);
    };

    auto handle = [&](const QString &option, const QString &value) {
        if (option == QLatin1String("X") || option == QLatin1String("request"))
            method = value.trimmed().toUpper();
        else if (option == QLatin1String("H") || option == QLatin1String("header")) {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                if (value.endsWith(QLatin1Char(';')))
                    draft.headers.append({value.chopped(1).trimmed(), QString(), true});
                return;
            }
            const QString name = value.left(colon).trimmed();
            const QString headerValue = value.mid(colon + 1).trimmed();
            const QString lower = name.toLower();
            if (headerValue.isEmpty())
                return; // "Name:" removes a header in cURL
            if (lower == QLatin1String("authorization") || lower == QLatin1String("proxy-authorization")) {
                note(QStringLiteral("The %1 header was left out: the profile's authentication is used.")
                         .arg(name));
                return;
            }
            if (lower == QLatin1String("cookie")) {
                note(QStringLiteral("The cookies were left out: the profile's authentication is used."));
                return;
            }
            if (isBrowserHeader(lower)) {
                droppedBrowserHeaders.append(name);
                return;
            }
            draft.headers.append({name, headerValue, true});
        } else if (option == QLatin1String("d") || option == QLatin1String("data") ||
                   option == QLatin1String("data-ascii"))
            addData(DataKind::Ascii, value);
        else if (option == QLatin1String("data-raw"))
            addData(DataKind::Raw, value);
        else if (option == QLatin1String("data-binary"))
            addData(DataKind::Binary, value);
        else if (option == QLatin1String("data-urlencode"))
            addData(DataKind::UrlEncode, value);
        else if (option == QLatin1String("json")) {
            jsonOption = true;
            addData(DataKind::Json, value);
        } else if (option == QLatin1String("u") || option == QLatin1String("user") ||
                   option == QLatin1String("oauth2-bearer"))
            note(QStringLiteral(
                "The credentials in the command were left out: the profile's authentication is "
                "used."));
        else if (option == QLatin1String("b") || option == QLatin1String("cookie"))
            note(QStringLiteral("The cookies were left out: the profile's authentication is used."));
        else if (option == QLatin1String("url"))
            urlText = value;
        else if (option == QLatin1String("F") || option == QLatin1String("form") ||
                 option == QLatin1String("form-string"))
            note(
                QStringLiteral("Form fields (-F) are not imported: the explorer sends JSON or text bodies."));
        else if (option == QLatin1String("T") || option == QLatin1String("upload-file"))
            note(QStringLiteral("The uploaded file (-T %1) is not imported.").arg(value));
        else if (option == QLatin1String("x") || option == QLatin1String("proxy"))
            note(QStringLiteral("The proxy (%1) is not used: Windsock uses the system's proxy settings.")
                     .arg(value));
        else if (option == QLatin1String("cacert") || option == QLatin1String("capath"))
            note(QStringLiteral(
                     "The CA certificates given to cURL (%1) are not used: set the profile's CA bundle.")
                     .arg(value));
        else if (option == QLatin1String("E") || option == QLatin1String("cert") ||
                 option == QLatin1String("key"))
            note(QStringLiteral("Client certificates (--cert, --key) are not imported."));
        else if (option == QLatin1String("K") || option == QLatin1String("config"))
            note(QStringLiteral("cURL reads more options from %1: they are not imported.").arg(value));
    };
    auto handleFlag = [&](const QString &flag) {
        if (flag == QLatin1String("G") || flag == QLatin1String("get"))
            get = true;
        else if (flag == QLatin1String("I") || flag == QLatin1String("head"))
            head = true;
        else if (flag == QLatin1String("k") || flag == QLatin1String("insecure"))
            note(QStringLiteral(
                "-k (no certificate check) is ignored: Windsock always checks certificates; give "
                "the profile a CA bundle for a private CA."));
        else if (flag == QLatin1String("L") || flag == QLatin1String("location"))
            note(QStringLiteral("-L is ignored: the explorer shows redirects rather than following them."));
        // -s, -S, -v, -i, --compressed and the like change only what cURL prints.
    };

    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString word = words.at(i);
        if (word.startsWith(QLatin1String("--")) && word.size() > 2) {
            QString name = word.mid(2);
            QString value;
            bool hasInlineValue = false;
            const qsizetype equals = name.indexOf(QLatin1Char('='));
            if (equals > 0 && longWithValue.contains(name.left(equals))) {
                value = name.mid(equals + 1);
                name.truncate(equals);
                hasInlineValue = true;
            }
            if (longWithValue.contains(name)) {
                if (!hasInlineValue) {
                    if (i + 1 >= words.size()) {
                        result.error = QStringLiteral("The option --%1 needs a value.").arg(name);
                        return result;
                    }
                    value = words.at(++i);
                }
                handle(name, value);
            } else {
                handleFlag(name);
            }
            continue;
        }
        if (word.startsWith(QLatin1Char('-')) && word.size() > 1) {
            // A cluster of short options: -sSL, -XPOST, -sX POST.
            for (qsizetype j = 1; j < word.size(); ++j) {
                const QString option(word.at(j));
                if (shortWithValue.contains(option)) {
                    QString value = word.mid(j + 1);
                    if (value.isEmpty()) {
                        if (i + 1 >= words.size()) {
                            result.error = QStringLiteral("The option -%1 needs a value.").arg(option);
                            return result;
                        }
                        value = words.at(++i);
                    }
                    handle(option, value);
                    break;
                }
                handleFlag(option);
            }
            continue;
        }
        if (urlText.isEmpty())
            urlText = word;
        else
            note(QStringLiteral("Only the first URL is imported (%1 was left out).").arg(word));
    }

    if (urlText.isEmpty()) {
        result.error = QStringLiteral("The command has no URL.");
        return result;
    }
    if (!droppedBrowserHeaders.isEmpty())
        note(QStringLiteral("Headers a browser adds were left out: %1.")
                 .arg(droppedBrowserHeaders.join(QStringLiteral(", "))));

    // Postman's {{baseUrl}}/api/v1/dags: the variable stands for the server.
    QString text = urlText.trimmed();
    if (text.startsWith(QLatin1String("{{"))) {
        const qsizetype close = text.indexOf(QLatin1String("}}"));
        if (close > 0) {
            note(QStringLiteral("%1 was taken to be the profile's URL.").arg(text.left(close + 2)));
            text = text.mid(close + 2);
        }
    }
    QString pathAndQuery;
    if (text.startsWith(QLatin1Char('/'))) {
        pathAndQuery = text;
    } else {
        if (!text.contains(QLatin1String("://")))
            text.prepend(QStringLiteral("http://")); // as cURL does
        const qsizetype authorityStart = text.indexOf(QLatin1String("://")) + 3;
        qsizetype pathStart = authorityStart;
        while (pathStart < text.size() && text.at(pathStart) != QLatin1Char('/') &&
               text.at(pathStart) != QLatin1Char('?') && text.at(pathStart) != QLatin1Char('#'))
            ++pathStart;
        pathAndQuery = text.mid(pathStart);
        result.url = QUrl(text, QUrl::TolerantMode);
        if (!result.url.isValid() || result.url.host().isEmpty()) {
            result.error = QStringLiteral("\"%1\" is not a URL.").arg(urlText);
            return result;
        }
    }
    const qsizetype hash = pathAndQuery.indexOf(QLatin1Char('#'));
    if (hash >= 0)
        pathAndQuery.truncate(hash);
    const qsizetype question = pathAndQuery.indexOf(QLatin1Char('?'));
    QString path = question < 0 ? pathAndQuery : pathAndQuery.left(question);
    const QString query = question < 0 ? QString() : pathAndQuery.mid(question + 1);
    if (path.isEmpty())
        path = QStringLiteral("/");

    if (baseUrl.isValid() && !baseUrl.host().isEmpty() && result.url.isValid()) {
        const bool sameServer = result.url.host().compare(baseUrl.host(), Qt::CaseInsensitive) == 0 &&
                                result.url.port(result.url.scheme() == QLatin1String("https") ? 443 : 80) ==
                                    baseUrl.port(baseUrl.scheme() == QLatin1String("https") ? 443 : 80);
        QString basePath = baseUrl.path(QUrl::FullyEncoded);
        while (basePath.endsWith(QLatin1Char('/')))
            basePath.chop(1);
        if (!sameServer)
            note(QStringLiteral("The command's URL is on %1, not on this profile's server: only its path and "
                                "query were kept.")
                     .arg(result.url.authority()));
        if (!basePath.isEmpty() && (path == basePath || path.startsWith(basePath + QLatin1Char('/'))))
            path = path.mid(basePath.size());
        if (path.isEmpty())
            path = QStringLiteral("/");
    }
    draft.path = path;
    draft.query = queryRows(query);

    const QString data = dataParts.join(QLatin1Char('&'));
    if (get && anyData) {
        draft.query += queryRows(data);
    } else if (anyData) {
        draft.body = data;
        const bool hasContentType = hasHeader(draft.headers, QStringLiteral("Content-Type"));
        if (jsonOption) {
            if (!hasContentType)
                draft.headers.append(
                    {QStringLiteral("Content-Type"), QStringLiteral("application/json"), true});
            if (!hasHeader(draft.headers, QStringLiteral("Accept")))
                draft.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
        } else if (!hasContentType && !data.isEmpty()) {
            QJsonParseError parseError;
            QJsonDocument::fromJson(data.toUtf8(), &parseError);
            // cURL sends -d as a form; the explorer sends JSON unless told: keep what cURL would have sent.
            if (parseError.error != QJsonParseError::NoError)
                draft.headers.append({QStringLiteral("Content-Type"),
                                      QStringLiteral("application/x-www-form-urlencoded"), true});
        }
    }

    if (head)
        method = QStringLiteral("HEAD");
    if (method.isEmpty())
        method = (anyData && !get) ? QStringLiteral("POST") : QStringLiteral("GET");
    draft.method = method.toLatin1();
    draft.syncPathParams();
    result.notes = notes;
    return result;
}

} // namespace Windsock::Explorer
