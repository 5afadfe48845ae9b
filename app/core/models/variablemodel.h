#pragma once

#include "resourcelistmodel.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace Windsock::Models {

// The variables of a deployment: key, value, description, in the server's order, paged and refreshed in
// place as ResourceListModel does.
//
// GET /variables carries no values, so the model reads each loaded variable's value (GET /variables/{key}),
// a few at a time, after its page arrives and again after each refresh; the Value column says "loading" until
// then. Values of keys that Airflow treats as sensitive (isSensitiveKey) show as "***" until
// setSensitiveValuesShown(true); ValueRole always has the real value, for an editor.
class VariableModel final : public ResourceListModel
{
    Q_OBJECT

public:
    enum Column
    {
        Key,
        Value,
        Description,
        ColumnCount
    };
    Q_ENUM(Column)

    enum ExtraRole
    {
        VariableRole = FirstSubclassRole, // Api::Variable, with its value once read (hasValue)
        ValueRole,                        // QString: the real value; an invalid QVariant until read
        SensitiveRole,                    // bool: the key is one Airflow masks
    };
    Q_ENUM(ExtraRole)

    // Values read at the same time; QNetworkAccessManager keeps six connections per host.
    static constexpr int ValueWindow = 4;
    static const QString &maskedValue(); // "***", as Airflow masks

    // Airflow's should_hide_value_for_key (airflow/utils/log/secrets_masker.py): the key, trimmed and in
    // lower case, contains one of DEFAULT_SENSITIVE_FIELDS ("password", "secret", "token", "api_key", ...).
    // The server may add names through [core] sensitive_var_conn_names, which the API does not tell.
    static bool isSensitiveKey(const QString &key);
    static const QStringList &sensitiveFields();

    explicit VariableModel(Api::AirflowClient *client, QObject *parent = nullptr);
    ~VariableModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Api::Variable variable(int row) const; // with its value when read
    bool hasValue(const QString &key) const { return m_values.contains(key); }
    // Values still to be read or in flight.
    int pendingValues() const { return int(m_valueQueue.size()) + m_valuesInFlight; }

    bool sensitiveValuesShown() const { return m_sensitiveShown; }
    void setSensitiveValuesShown(bool shown);

Q_SIGNALS:
    // Every queued value has been read (or failed).
    void valuesLoaded();

protected:
    Api::ApiCall *requestPage(int limit, int offset, PageCallback done) override;
    QString keyOf(const QVariant &row) const override;
    bool sameRow(const QVariant &a, const QVariant &b) const override;
    QString collectionName() const override;
    Api::Feature feature() const override { return Api::Feature::Variables; }
    void rowsArrived(const QStringList &keys) override;

private:
    void readNextValues();
    QString displayValue(const QString &key) const;

    QHash<QString, QString> m_values; // by key, once read
    QStringList m_valueQueue;
    QSet<QString> m_queued;
    int m_valuesInFlight = 0;
    bool m_valueErrorReported = false;
    bool m_sensitiveShown = false;
    quint64 m_valueGeneration = 0;
};

} // namespace Windsock::Models
