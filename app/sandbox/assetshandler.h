#pragma once

#include "apiresponse.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Windsock::Sandbox {

struct ApiRequest;
class SandboxState;

// Airflow 2's /datasets (2.4+) and Airflow 3's /assets, derived from the seeded DAGs: every DAG scheduled
// on datasets consumes s3://warehouse/upstream (as its generated source says), which the first time-scheduled
// DAG's last task produces; each of those DAGs' last task produces s3://warehouse/<dag_id> in turn.
class AssetsHandler
{
public:
    explicit AssetsHandler(SandboxState *state);

    // v2: Airflow 3's AssetCollectionResponse (with name_pattern); otherwise Airflow 2's DatasetCollection.
    ApiResponse list(const ApiRequest &request, bool v2) const;

private:
    struct Producer
    {
        QString dagId;
        QString taskId;
    };
    struct Asset
    {
        int id = 0;
        QString name;
        QString uri;
        qint64 createdMs = 0;
        qint64 updatedMs = 0;
        QStringList consumers;
        QList<Producer> producers;
    };

    QList<Asset> assets() const;
    QJsonObject shape(const Asset &asset, bool v2) const;

    SandboxState *m_state;
};

} // namespace Windsock::Sandbox
