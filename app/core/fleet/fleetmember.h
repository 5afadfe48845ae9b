#pragma once

#include <QString>
#include <memory>

namespace Windsock::Api {
class AirflowClient;
}

namespace Windsock::Fleet {

// One deployment of the fleet that is open: what the cross-deployment views (the fleet's runs tree, compare,
// copy, notifications) need to know of it. The client is shared: whoever holds a member keeps the client
// alive, and it refuses changing requests by itself when the profile is read-only.
struct FleetMember
{
    QString profileId;
    QString name;
    // The profile's colour, "#rrggbb"; empty when it has none. A string: the core has no QtGui (QColor lives
    // there); widgets make a QColor of it.
    QString colour;
    bool readOnly = false;
    bool production = false;
    std::shared_ptr<Api::AirflowClient> client;

    bool isValid() const { return client != nullptr; }
};

} // namespace Windsock::Fleet
