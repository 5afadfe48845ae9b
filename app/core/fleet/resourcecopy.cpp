#include "resourcecopy.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/apierror.h"
#include "api/queries.h"

#include <QSet>
#include <memory>

namespace Windsock::Fleet {

namespace {

const QString &defaultPoolName()
{
    static const QString name = QStringLiteral("default_pool");
    return name;
}

// Variables are read one by one (the v1 list carries no values); this many at once per deployment.
constexpr int ConcurrentReads = 4;

// Errors that mean the server said no (as opposed to not answering).
bool isRefusal(const Api::ApiError &error)
{
    switch (error.kind()) {
    case Api::ApiError::Kind::Http:
        return error.httpStatus() >= 400 && error.httpStatus() < 500;
    case Api::ApiError::Kind::Forbidden:
    case Api::ApiError::Kind::Conflict:
    case Api::ApiError::Kind::NotFound:
    case Api::ApiError::Kind::Unauthorized:
        return true;
    default:
        return false;
    }
}

} // namespace

QString copyActionText(CopyAction action)
{
    switch (action) {
    case CopyAction::Create:
        return QObject::tr("Create");
    case CopyAction::Update:
        return QObject::tr("Update");
    case CopyAction::Conflict:
        return QObject::tr("Conflict");
    case CopyAction::Same:
        return QObject::tr("Same");
    case CopyAction::Refused:
        return QObject::tr("Refused");
    }
    return {};
}

CopyPlanner::CopyPlanner(FleetMember source, QList<FleetMember> targets, CopyKind kind, QStringList keys,
                         bool overwrite, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_targets(std::move(targets))
    , m_kind(kind)
    , m_keys(std::move(keys))
    , m_overwrite(overwrite)
{
    qRegisterMetaType<QList<Windsock::Fleet::CopyItem>>();
    for (QString &key : m_keys)
        key = key.trimmed();
    m_keys.removeAll(QString());
    m_keys.removeDuplicates();
}

CopyPlanner::~CopyPlanner()
{
    cancel();
}

void CopyPlanner::cancel()
{
    ++m_generation;
    const QList<QPointer<Api::ApiCall>> calls = std::exchange(m_calls, {});
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call)
            call->cancel();
    }
    m_busy = false;
}

void CopyPlanner::plan()
{
    cancel();
    m_busy = true;
    m_sourceEntries.clear();
    m_sourceOrder.clear();
    m_targetEntries.clear();
    m_targetErrors.clear();
    if (!m_source.client) {
        m_busy = false;
        Q_EMIT failed(tr("The source deployment is not open."));
        return;
    }
    loadSource();
}

void CopyPlanner::loadSource()
{
    const quint64 generation = m_generation;
    auto done = [this, generation](const QString &error, const Entries &entries) {
        if (generation != m_generation)
            return;
        if (!error.isEmpty()) {
            m_busy = false;
            Q_EMIT failed(tr("Could not read %1: %2").arg(m_source.name, error));
            return;
        }
        QStringList missing;
        for (const QString &key : std::as_const(m_keys)) {
            if (!entries.contains(key))
                missing.append(key);
        }
        if (!missing.isEmpty()) {
            m_busy = false;
            Q_EMIT failed(
                m_kind == CopyKind::Variables
                    ? tr("%1 has no variable named %2.").arg(m_source.name, missing.join(QLatin1String(", ")))
                    : tr("%1 has no pool named %2.").arg(m_source.name, missing.join(QLatin1String(", "))));
            return;
        }
        m_sourceEntries = entries;
        m_sourceOrder = entries.keys();
        std::sort(m_sourceOrder.begin(), m_sourceOrder.end());
        loadTargets();
    };
    if (m_kind == CopyKind::Variables)
        loadVariables(m_source, m_keys, done);
    else
        loadPools(m_source, done);
}

void CopyPlanner::loadTargets()
{
    const quint64 generation = m_generation;
    m_targetEntries = QList<Entries>(m_targets.size());
    m_targetErrors = QStringList(m_targets.size());
    m_targetsLeft = int(m_targets.size());
    if (m_targets.isEmpty()) {
        classify();
        return;
    }
    for (int i = 0; i < m_targets.size(); ++i) {
        auto done = [this, generation, i](const QString &error, const Entries &entries) {
            if (generation != m_generation)
                return;
            m_targetEntries[i] = entries;
            m_targetErrors[i] = error;
            if (--m_targetsLeft == 0)
                classify();
        };
        const FleetMember &target = m_targets.at(i);
        if (!target.client)
            done(tr("the deployment is not open"), {});
        else if (m_kind == CopyKind::Variables)
            loadVariables(target, m_sourceOrder, done);
        else
            loadPools(target, done);
    }
}

void CopyPlanner::loadVariables(const FleetMember &member, const QStringList &wanted,
                                std::function<void(const QString &, const Entries &)> done)
{
    const quint64 generation = m_generation;
    std::shared_ptr<Api::AirflowClient> client = member.client;
    m_calls.append(client->allVariables(this, [this, generation, client, wanted,
                                               done](const Api::Result<QList<Api::Variable>> &result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            done(result.error().message(), {});
            return;
        }
        // What the list says, then a single read for each wanted key whose value it did not carry.
        struct State
        {
            Entries entries;
            QStringList toRead;
            int next = 0;
            int inFlight = 0;
            QString error;
        };
        auto state = std::make_shared<State>();
        const QSet<QString> wantedSet(wanted.begin(), wanted.end());
        for (const Api::Variable &variable : result.value()) {
            if (!wanted.isEmpty() && !wantedSet.contains(variable.key))
                continue;
            Entry entry;
            entry.key = variable.key;
            entry.value = variable.value;
            entry.description = variable.description;
            state->entries.insert(variable.key, entry);
            if (!variable.hasValue)
                state->toRead.append(variable.key);
        }
        auto readNext = std::make_shared<std::function<void()>>();
        // Itself only weakly: the reads in flight keep it alive, and it goes with the last one.
        const std::weak_ptr<std::function<void()>> weakNext = readNext;
        *readNext = [this, generation, client, state, done, weakNext]() {
            while (state->error.isEmpty() && state->inFlight < ConcurrentReads &&
                   state->next < state->toRead.size()) {
                const QString key = state->toRead.at(state->next++);
                ++state->inFlight;
                const std::shared_ptr<std::function<void()>> again = weakNext.lock();
                m_calls.append(client->variable(
                    key, this,
                    [this, generation, key, state, done, again](const Api::Result<Api::Variable> &r) {
                        if (generation != m_generation)
                            return;
                        --state->inFlight;
                        if (r.ok()) {
                            Entry &entry = state->entries[key];
                            entry.value = r.value().value;
                            entry.description = r.value().description;
                        } else if (r.error().kind() == Api::ApiError::Kind::NotFound) {
                            // Deleted between the list and the read.
                            state->entries.remove(key);
                        } else if (state->error.isEmpty()) {
                            state->error = tr("reading variable %1: %2").arg(key, r.error().message());
                        }
                        (*again)();
                    }));
            }
            if (state->inFlight == 0 && (state->next >= state->toRead.size() || !state->error.isEmpty())) {
                if (state->error.isEmpty())
                    done({}, state->entries);
                else
                    done(state->error, {});
            }
        };
        (*readNext)();
    }));
}

void CopyPlanner::loadPools(const FleetMember &member,
                            std::function<void(const QString &, const Entries &)> done)
{
    const quint64 generation = m_generation;
    std::shared_ptr<Api::AirflowClient> client = member.client;
    auto entries = std::make_shared<Entries>();
    auto readPage = std::make_shared<std::function<void(int)>>();
    // Itself only weakly: the page in flight keeps it alive.
    const std::weak_ptr<std::function<void(int)>> weakPage = readPage;
    *readPage = [this, generation, client, entries, done, weakPage](int offset) {
        const std::shared_ptr<std::function<void(int)>> again = weakPage.lock();
        const int limit = client->maxPageSize() > 0 ? client->maxPageSize() : 100;
        m_calls.append(client->pools(limit, offset, this,
                                     [this, generation, entries, done, again,
                                      offset](const Api::Result<Api::Page<Api::Pool>> &result) {
                                         if (generation != m_generation)
                                             return;
                                         if (!result.ok()) {
                                             done(result.error().message(), {});
                                             return;
                                         }
                                         for (const Api::Pool &pool : result.value().items) {
                                             Entry entry;
                                             entry.key = pool.name;
                                             entry.slots = pool.slots;
                                             entry.description = pool.description;
                                             entry.value = poolValue(pool.name, pool.slots, pool.description);
                                             entries->insert(pool.name, entry);
                                         }
                                         const int next = offset + int(result.value().items.size());
                                         if (result.value().items.isEmpty() ||
                                             next >= result.value().totalEntries) {
                                             done({}, *entries);
                                         } else {
                                             (*again)(next);
                                         }
                                     }));
    };
    (*readPage)(0);
}

QString CopyPlanner::poolValue(const QString &name, int slots, const QString &description)
{
    const QString slotsText = slots < 0 ? tr("unlimited slots") : tr("%n slot(s)", nullptr, slots);
    // Airflow lets only default_pool's slots change: its description is not part of what is copied.
    if (name == defaultPoolName() || description.isEmpty())
        return slotsText;
    return tr("%1 · %2").arg(slotsText, description);
}

void CopyPlanner::classify()
{
    QList<CopyItem> items;
    for (int t = 0; t < m_targets.size(); ++t) {
        const FleetMember &target = m_targets.at(t);
        const Entries &entries = m_targetEntries.at(t);
        const QString &error = m_targetErrors.at(t);
        for (const QString &key : std::as_const(m_sourceOrder)) {
            const Entry &source = m_sourceEntries[key];
            CopyItem item;
            item.targetProfileId = target.profileId;
            item.targetName = target.name;
            item.key = key;
            item.sourceValue = source.value;
            item.sourceDescription = source.description;
            item.sourceSlots = source.slots;
            if (!error.isEmpty()) {
                item.action = CopyAction::Refused;
                item.reason = tr("Could not read %1: %2").arg(target.name, error);
                items.append(item);
                continue;
            }
            const auto it = entries.constFind(key);
            if (it == entries.constEnd()) {
                item.action = CopyAction::Create;
            } else {
                item.targetValue = it->value;
                if (it->value == source.value)
                    item.action = CopyAction::Same;
                else if (m_overwrite)
                    item.action = CopyAction::Update;
                else {
                    item.action = CopyAction::Conflict;
                    item.reason =
                        tr("Different on %1; overwrite is off, so it is left alone.").arg(target.name);
                }
            }
            if (target.readOnly && item.action != CopyAction::Same) {
                item.action = CopyAction::Refused;
                item.reason = tr("%1 is read-only.").arg(target.name);
            }
            items.append(item);
        }
    }
    m_busy = false;
    Q_EMIT planned(items);
}

void CopyPlanner::apply(QList<CopyItem> items)
{
    cancel();
    m_busy = true;
    m_applyItems = std::move(items);
    m_applyQueue.clear();
    m_applyDone = 0;
    for (int i = 0; i < m_applyItems.size(); ++i) {
        CopyItem &item = m_applyItems[i];
        item.applied = false;
        const bool writable = item.action == CopyAction::Create || item.action == CopyAction::Update;
        if (!writable || !item.confirmed) {
            if (writable)
                item.reason = tr("Not confirmed: left alone.");
            continue;
        }
        const auto target =
            std::find_if(m_targets.cbegin(), m_targets.cend(), [&item](const FleetMember &member) {
                return member.profileId == item.targetProfileId;
            });
        if (target == m_targets.cend() || !target->client) {
            item.reason = tr("%1 is not open.").arg(item.targetName);
            continue;
        }
        if (target->readOnly) {
            // Never written, whatever the caller says (its client refuses too).
            item.action = CopyAction::Refused;
            item.reason = tr("%1 is read-only.").arg(item.targetName);
            continue;
        }
        m_applyQueue.append(i);
    }
    Q_EMIT progress(0, int(m_applyQueue.size()));
    applyNext();
}

void CopyPlanner::applyNext()
{
    if (m_applyDone >= m_applyQueue.size()) {
        m_busy = false;
        m_calls.clear();
        Q_EMIT applied(m_applyItems);
        return;
    }
    const quint64 generation = m_generation;
    const int index = m_applyQueue.at(m_applyDone);
    const CopyItem &item = m_applyItems.at(index);
    const auto target =
        std::find_if(m_targets.cbegin(), m_targets.cend(),
                     [&item](const FleetMember &member) { return member.profileId == item.targetProfileId; });
    Api::AirflowClient *client = target->client.get();
    auto finish = [this, generation, index](const Api::ApiError &error) {
        if (generation != m_generation)
            return;
        finishItem(index, error);
    };
    if (m_kind == CopyKind::Variables) {
        auto variableDone = [finish](const Api::Result<Api::Variable> &result) { finish(result.error()); };
        if (item.action == CopyAction::Create) {
            Api::Variable variable;
            variable.key = item.key;
            variable.value = item.sourceValue;
            variable.hasValue = true;
            variable.description = item.sourceDescription;
            m_calls.append(client->createVariable(variable, this, variableDone));
        } else {
            Api::VariableUpdate update;
            update.key = item.key;
            update.value = item.sourceValue;
            update.updateMask = {QStringLiteral("value")};
            m_calls.append(client->updateVariable(update, this, variableDone));
        }
    } else {
        auto poolDone = [finish](const Api::Result<Api::Pool> &result) { finish(result.error()); };
        Api::PoolRequest pool;
        pool.name = item.key;
        pool.slots = item.sourceSlots;
        if (item.action == CopyAction::Create) {
            pool.description = item.sourceDescription;
            m_calls.append(client->createPool(pool, this, poolDone));
        } else {
            // default_pool: Airflow changes only its slots (its name and description are fixed).
            if (item.key != defaultPoolName())
                pool.description = item.sourceDescription;
            m_calls.append(client->updatePool(item.key, pool, this, poolDone));
        }
    }
}

void CopyPlanner::finishItem(int index, const Api::ApiError &error)
{
    CopyItem &item = m_applyItems[index];
    if (!error.isError()) {
        item.applied = true;
        item.reason = item.action == CopyAction::Create ? tr("Created.") : tr("Updated.");
    } else {
        if (isRefusal(error))
            item.action = CopyAction::Refused;
        item.reason = tr("Not changed: %1").arg(error.message());
    }
    ++m_applyDone;
    Q_EMIT progress(m_applyDone, int(m_applyQueue.size()));
    applyNext();
}

} // namespace Windsock::Fleet
