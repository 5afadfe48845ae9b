#pragma once

#include "dagmodel.h"

#include <QVector>

namespace Windsock::Sandbox {

// Builds the seeded DAGs: ids, owners, tags, schedules, tasks and pause state, all from the seed.
class DagSeeder
{
public:
    DagSeeder(quint32 seed, int runsPerDag, qint64 nowMs);
    QVector<DagModel> build(int dagCount) const;

private:
    DagModel buildDag(int index) const;
    DagSchedule scheduleFor(int index, quint64 hash) const;

    quint32 m_seed;
    int m_runsPerDag;
    qint64 m_nowMs;
};

} // namespace Windsock::Sandbox
