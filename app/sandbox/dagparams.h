#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Windsock::Sandbox::DagParams {

// Params in the order the DAG declares them. Airflow sends them in that order, and the trigger form shows
// them so; a QJsonObject would sort the names, so the details answer splices toJson() in as it is.
class OrderedParams
{
public:
    void insert(const QString &name, const QJsonObject &param) { m_items.append({name, param}); }
    qsizetype size() const { return m_items.size(); }
    QByteArray toJson() const;    // {"name": {...}, ...} in declaration order, compact
    QJsonObject toObject() const; // the same, with sorted keys

private:
    QList<QPair<QString, QJsonObject>> m_items;
};

// A DAG's params as DAGDetailSchema.get_params dumps them in Airflow 2.10: each one is
// {"__class": "airflow.models.param.Param", "value": ..., "description": ..., "schema": {...}}.
// Kind 0 is the showcase with every kind of param the trigger form supports; 1..3 are smaller sets.
OrderedParams build(int kind);

} // namespace Windsock::Sandbox::DagParams
