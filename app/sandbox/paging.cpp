#include "paging.h"

#include "apirequest.h"
#include "problem.h"

namespace Windsock::Sandbox {

std::optional<Paging> Paging::parse(const ApiRequest &request, ApiResponse *error)
{
    Paging paging;
    bool ok = true;
    if (request.hasQuery(QStringLiteral("limit"))) {
        const QString text = request.queryValue(QStringLiteral("limit"));
        const int limit = text.toInt(&ok);
        if (!ok) {
            *error =
                Problem::badRequest(u'\'' + text + QStringLiteral("' is not of type 'integer' - 'limit'"));
            return std::nullopt;
        }
        if (limit < 0) {
            *error = Problem::badRequest(QStringLiteral("Page limit must be a positive integer"));
            return std::nullopt;
        }
        paging.limit = limit == 0 ? maximumPageLimit : qMin(limit, maximumPageLimit);
    }
    if (request.hasQuery(QStringLiteral("offset"))) {
        const QString text = request.queryValue(QStringLiteral("offset"));
        const int offset = text.toInt(&ok);
        if (!ok) {
            *error =
                Problem::badRequest(u'\'' + text + QStringLiteral("' is not of type 'integer' - 'offset'"));
            return std::nullopt;
        }
        if (offset < 0) {
            *error = Problem::badRequest(text + QStringLiteral(" is less than the minimum of 0 - 'offset'"));
            return std::nullopt;
        }
        paging.offset = offset;
    }
    return paging;
}

QString Paging::orderField(const ApiRequest &request, bool *descending)
{
    QString field = request.queryValue(QStringLiteral("order_by")).trimmed();
    *descending = field.startsWith(u'-');
    if (*descending)
        field.remove(0, 1);
    return field;
}

ApiResponse Paging::disallowedOrdering(const QString &field)
{
    return Problem::badRequest(
        QStringLiteral("Ordering with '") + field +
        QStringLiteral("' is disallowed or the attribute does not exist on the model"));
}

std::optional<bool> Paging::boolean(const ApiRequest &request, const QString &key, ApiResponse *error)
{
    if (!request.hasQuery(key))
        return std::nullopt;
    const QString text = request.queryValue(key).toLower();
    if (text == QLatin1String("true") || text == QLatin1String("1"))
        return true;
    if (text == QLatin1String("false") || text == QLatin1String("0"))
        return false;
    *error = Problem::badRequest(u'\'' + request.queryValue(key) +
                                 QStringLiteral("' is not of type 'boolean' - '") + key + u'\'');
    return std::nullopt;
}

} // namespace Windsock::Sandbox
