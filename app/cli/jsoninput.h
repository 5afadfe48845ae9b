#pragma once

#include <QByteArray>
#include <QString>

namespace Windsock::Cli::JsonInput {

// Why JSON typed on the command line does not parse, and where: "--data is not valid JSON: unterminated
// object at line 2, column 7." Empty when it parses (and, with requireObject, is an object).
QString error(const QString &what, const QByteArray &utf8, bool requireObject);

} // namespace Windsock::Cli::JsonInput
