#include "jsoninput.h"

#include <QJsonDocument>

namespace Windsock::Cli::JsonInput {

QString error(const QString &what, const QByteArray &utf8, bool requireObject)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = utf8.left(parseError.offset);
        const qsizetype lineStart = before.lastIndexOf('\n') + 1;
        return QStringLiteral("%1 is not valid JSON: %2 at line %3, column %4.")
            .arg(what, parseError.errorString())
            .arg(before.count('\n') + 1)
            .arg(QString::fromUtf8(before.mid(lineStart)).size() + 1);
    }
    if (requireObject && !document.isObject())
        return QStringLiteral("%1 must be a JSON object, like {\"key\": \"value\"}.").arg(what);
    return {};
}

} // namespace Windsock::Cli::JsonInput
