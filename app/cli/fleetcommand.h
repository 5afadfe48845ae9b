#pragma once

#include "commandcontext.h"

#include <QObject>

namespace Windsock::Fleet {
class FleetRefresher;
}

namespace Windsock::Cli {

// `windsock-cli fleet [--json] [--per-host N]`: every profile's status at once (Fleet::FleetRefresher), as a
// table or a JSON array. Exits 0 when at least one deployment answered (the table says which did not), 3
// when none did, 4 when there is no profile.
class FleetCommand final : public QObject
{
    Q_OBJECT

public:
    explicit FleetCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

private:
    void print();

    CommandContext m_context;
    Fleet::FleetRefresher *m_refresher = nullptr;
};

} // namespace Windsock::Cli
