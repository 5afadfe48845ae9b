#pragma once

#include <QByteArray>
#include <QStringList>

namespace Windsock::Api {

// QJsonObject sorts its keys; where the server's order matters (a DAG's params, shown as a form in that
// order) this reads the key order of one member object of the root object straight from the raw JSON text.
class JsonKeyOrder final
{
public:
    // The keys of root[member], in the order they appear; empty if the text is not an object or has no such
    // member object. Never fails on malformed text, it just stops.
    static QStringList keysOfMember(const QByteArray &json, const QString &member);
};

} // namespace Windsock::Api
