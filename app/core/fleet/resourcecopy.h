#pragma once

#include "fleet/fleetmember.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

namespace Windsock::Api {
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Fleet {

enum class CopyKind
{
    Variables,
    Pools
};

enum class CopyAction
{
    Create,   // absent on the target
    Update,   // different on the target, and overwrite is on
    Conflict, // different on the target, overwrite is off: left alone
    Same,     // equal: nothing to do
    Refused   // the target is read-only, or the server refused the write
};

QString copyActionText(CopyAction action);

// One key for one target. Values are a variable's value, or a pool's "slots" (with its description); variable
// values may be secrets: never log them.
struct CopyItem
{
    QString targetProfileId, targetName, key;
    CopyAction action = CopyAction::Same;
    QString sourceValue, targetValue; // targetValue empty for Create
    QString reason;                   // why Refused / Conflict; after apply(): the outcome in plain words
    bool confirmed = false;           // the user ticked it (only Create and Update can be)
    bool applied = false;             // after apply(): the target took the change
    // The source's details, for the write (a variable's description, a pool's slots / description).
    QString sourceDescription;
    int sourceSlots = 0;
};

// Copies variables or pools from one deployment to others, with a preview: plan() reads the source and every
// target and classifies each key per target; apply() writes only the confirmed Create/Update items.
class CopyPlanner final : public QObject
{
    Q_OBJECT

public:
    CopyPlanner(FleetMember source, QList<FleetMember> targets, CopyKind kind,
                QStringList keys /*empty = all*/, bool overwrite, QObject *parent = nullptr);
    ~CopyPlanner() override;

    CopyKind kind() const { return m_kind; }
    bool isBusy() const { return m_busy; }

    void plan();
    void apply(QList<CopyItem> items);
    void cancel();

Q_SIGNALS:
    void planned(const QList<Windsock::Fleet::CopyItem> &items);
    void failed(const QString &message);
    void progress(int done, int total);
    void applied(const QList<Windsock::Fleet::CopyItem> &results);

private:
    struct Entry
    {
        QString key;
        QString value; // variable value, or pool slots as text
        QString description;
        int slots = 0;
    };
    using Entries = QHash<QString, Entry>;

    void loadSource();
    using Loaded = std::function<void(const QString &error, const Entries &entries)>;

    // wanted: only these keys (empty = all).
    void loadVariables(const FleetMember &member, const QStringList &wanted, Loaded done);
    void loadPools(const FleetMember &member, Loaded done);
    void loadTargets();
    void classify();
    void applyNext();
    void finishItem(int index, const Api::ApiError &error);
    // What the preview shows of a pool, and what is compared.
    static QString poolValue(const QString &name, int slots, const QString &description);

    FleetMember m_source;
    QList<FleetMember> m_targets;
    CopyKind m_kind;
    QStringList m_keys;
    bool m_overwrite;
    bool m_busy = false;
    quint64 m_generation = 0;
    QList<QString> m_sourceOrder;
    Entries m_sourceEntries;
    QList<Entries> m_targetEntries;
    QStringList m_targetErrors;
    int m_targetsLeft = 0;
    QList<CopyItem> m_applyItems;
    QList<int> m_applyQueue;
    int m_applyDone = 0;
    QList<QPointer<Api::ApiCall>> m_calls;
};

} // namespace Windsock::Fleet

Q_DECLARE_METATYPE(Windsock::Fleet::CopyItem)
