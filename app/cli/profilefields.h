#pragma once

#include "profiles/profile.h"

#include <QCommandLineParser>

namespace Windsock::Cli {

// The profile options of `profile add` and `profile edit` (--kind, --name, --url, ...), applied to a profile:
// options not given leave the field as it is. Validates the result per kind with plain errors.
class ProfileFields final
{
public:
    static void addOptions(QCommandLineParser &parser);
    // false with error set when an option's value is invalid or the profile lacks what its kind needs.
    static bool apply(const QCommandLineParser &parser, Profiles::Profile &profile, QString *error);
};

} // namespace Windsock::Cli
