#include "apirequest.h"

#include <QUrl>

namespace Windsock::Api {

QString ApiRequest::encodeSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString ApiRequest::encodedPathAndQuery() const
{
    QString result = encodedPath;
    QChar separator = QLatin1Char('?');
    for (const auto &[key, value] : query) {
        result += separator + QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('=') +
                  QString::fromLatin1(QUrl::toPercentEncoding(value));
        separator = QLatin1Char('&');
    }
    return result;
}

QString ApiRequest::description() const
{
    if (!unavailable.isEmpty())
        return QStringLiteral("unavailable request");
    return QString::fromLatin1(method) + QLatin1Char(' ') + encodedPath;
}

} // namespace Windsock::Api
