#pragma once

#include "commandcontext.h"
#include "profilesession.h"

#include <QObject>
#include <QStringList>
#include <memory>

namespace Windsock::Api {
class AirflowClient;
struct Dag;
} // namespace Windsock::Api

namespace Windsock::Cli {

// `windsock-cli dags list [--pattern TEXT] [--paused | --active] [--tags T,...] [--json]`,
// `windsock-cli dags show DAG_ID [--json]` and `windsock-cli dags pause|unpause DAG_ID...`.
class DagsCommand final : public QObject
{
    Q_OBJECT

public:
    explicit DagsCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

private:
    void list();
    void show();
    void setPaused(bool paused);
    // Pauses or unpauses m_dagIds[index], then the next one; each is reported as it is done.
    void setPausedFrom(int index, bool paused);

    CommandContext m_context;
    ProfileSession m_session;
    std::shared_ptr<Api::AirflowClient> m_client;
    QStringList m_dagIds;
    int m_firstFailure = 0; // exit code of the first DAG that failed
};

} // namespace Windsock::Cli
