#include "dagcomparison.h"

#include "api/airflowclient.h"
#include "api/apicall.h"
#include "api/apierror.h"
#include "api/queries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace Windsock::Fleet {

namespace {

QString shortJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        return QStringLiteral("none");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::String:
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

// The same param as a comparable value: schema, default and description together.
QByteArray paramKey(const QJsonObject &param)
{
    return QJsonDocument(param).toJson(QJsonDocument::Compact);
}

} // namespace

DagComparison::DagComparison(QList<FleetMember> members, QString dagId, QObject *parent)
    : QObject(parent)
    , m_dagId(std::move(dagId))
{
    for (FleetMember &member : members) {
        DagComparisonRow row;
        row.member = std::move(member);
        m_rows.append(row);
    }
}

DagComparison::~DagComparison()
{
    cancel();
}

void DagComparison::cancel()
{
    ++m_generation;
    const QList<QPointer<Api::ApiCall>> calls = std::exchange(m_calls, {});
    for (const QPointer<Api::ApiCall> &call : calls) {
        if (call)
            call->cancel();
    }
    m_pending = 0;
}

void DagComparison::start()
{
    cancel();
    const quint64 generation = m_generation;
    m_partsLeft = QList<int>(m_rows.size(), 2);
    m_pending = int(m_rows.size());
    if (m_rows.isEmpty()) {
        Q_EMIT finished();
        return;
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        DagComparisonRow &row = m_rows[i];
        const FleetMember member = row.member;
        row.loaded = false;
        row.present = false;
        row.error.clear();
        row.runsError.clear();
        row.paused = false;
        row.schedule.clear();
        row.params = {};
        row.lastRuns.clear();
        if (!member.client) {
            m_rows[i].error = tr("%1 is not open.").arg(member.name);
            m_partsLeft[i] = 1;
            finishPart(i);
            continue;
        }
        m_calls.append(member.client->dagDetails(
            m_dagId, this, [this, i, generation](const Api::Result<Api::DagDetails> &result) {
                if (generation != m_generation)
                    return;
                DagComparisonRow &r = m_rows[i];
                if (result.ok()) {
                    const Api::DagDetails &details = result.value();
                    r.present = true;
                    r.paused = details.dag.isPaused;
                    r.schedule = !details.dag.timetableDescription.isEmpty()
                                     ? details.dag.timetableDescription
                                     : details.dag.schedule;
                    QJsonObject params;
                    for (const Api::DagParam &param : details.params) {
                        QJsonObject p;
                        p.insert(QStringLiteral("value"), param.value);
                        p.insert(QStringLiteral("schema"), param.schema);
                        if (!param.description.isEmpty())
                            p.insert(QStringLiteral("description"), param.description);
                        params.insert(param.name, p);
                    }
                    r.params = params;
                } else if (result.error().kind() == Api::ApiError::Kind::NotFound) {
                    r.present = false;
                } else {
                    r.error = result.error().message();
                }
                finishPart(i);
            }));
        Api::DagRunQuery query;
        query.dagId = m_dagId;
        query.limit = LastRunCount;
        query.orderBy = QStringLiteral("-execution_date");
        m_calls.append(member.client->dagRuns(
            query, this, [this, i, generation](const Api::Result<Api::Page<Api::DagRun>> &result) {
                if (generation != m_generation)
                    return;
                DagComparisonRow &r = m_rows[i];
                if (result.ok())
                    r.lastRuns = result.value().items;
                else if (result.error().kind() != Api::ApiError::Kind::NotFound)
                    r.runsError = result.error().message();
                finishPart(i);
            }));
    }
}

void DagComparison::finishPart(int index)
{
    if (--m_partsLeft[index] > 0)
        return;
    DagComparisonRow &row = m_rows[index];
    row.loaded = true;
    // Runs of a DAG that is not there mean nothing (a 404 or an empty list): show none.
    if (!row.present) {
        row.lastRuns.clear();
        row.runsError.clear();
    }
    --m_pending;
    Q_EMIT rowReady(index);
    if (m_pending == 0) {
        m_calls.clear();
        Q_EMIT finished();
    }
}

QString DagComparison::describeParam(const QJsonObject &param)
{
    const QJsonObject schema = param.value(QStringLiteral("schema")).toObject();
    QString type;
    const QJsonValue typeValue = schema.value(QStringLiteral("type"));
    if (typeValue.isArray()) {
        QStringList types;
        for (const QJsonValue &t : typeValue.toArray())
            types.append(t.toString());
        type = types.join(QLatin1Char('|'));
    } else {
        type = typeValue.toString();
    }
    if (type.isEmpty())
        type = tr("any type");
    QString text = tr("%1, default %2").arg(type, shortJson(param.value(QStringLiteral("value"))));
    if (schema.contains(QStringLiteral("enum")))
        text += tr(", one of %1").arg(shortJson(schema.value(QStringLiteral("enum"))));
    return text;
}

QList<ParamDifference> DagComparison::paramDifferences() const
{
    QStringList names;
    QSet<QString> seen;
    for (const DagComparisonRow &row : m_rows) {
        for (auto it = row.params.begin(); it != row.params.end(); ++it) {
            if (!seen.contains(it.key())) {
                seen.insert(it.key());
                names.append(it.key());
            }
        }
    }
    QList<ParamDifference> differences;
    for (const QString &name : names) {
        ParamDifference difference;
        difference.name = name;
        QSet<QByteArray> variants;
        for (const DagComparisonRow &row : m_rows) {
            if (!row.present) {
                difference.detailPerRow.append(QString());
                continue;
            }
            if (!row.params.contains(name)) {
                difference.detailPerRow.append(tr("missing"));
                variants.insert(QByteArray());
                continue;
            }
            const QJsonObject param = row.params.value(name).toObject();
            difference.detailPerRow.append(describeParam(param));
            variants.insert(paramKey(param));
        }
        difference.differs = variants.size() > 1;
        differences.append(difference);
    }
    return differences;
}

} // namespace Windsock::Fleet
