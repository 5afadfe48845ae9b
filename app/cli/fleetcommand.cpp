#include "fleetcommand.h"

#include "exitcode.h"
#include "output.h"

#include "fleet/fleetrefresher.h"
#include "profiles/profilestore.h"

#include <QJsonObject>

namespace Windsock::Cli {

namespace {

QJsonValue countJson(int count)
{
    return count < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(count);
}

QString countText(int count)
{
    return count < 0 ? QStringLiteral("-") : QString::number(count);
}

QJsonValue componentJson(const Api::HealthComponent &component)
{
    if (!component.present)
        return QJsonValue(QJsonValue::Null);
    return component.status.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(component.status);
}

} // namespace

FleetCommand::FleetCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{}

void FleetCommand::run()
{
    if (!m_context.arguments.isEmpty())
        return m_context.fail(UsageError, QStringLiteral("fleet takes no arguments (got \"%1\").")
                                              .arg(m_context.arguments.join(QLatin1Char(' '))));
    int perHost = 4;
    if (m_context.parser->isSet(QStringLiteral("per-host"))) {
        bool ok = false;
        perHost = m_context.parser->value(QStringLiteral("per-host")).toInt(&ok);
        if (!ok || perHost < 1)
            return m_context.fail(UsageError,
                                  QStringLiteral("--per-host wants a whole number of 1 or more."));
    }
    const QList<Profiles::Profile> profiles = m_context.store->profiles();
    if (profiles.isEmpty())
        return m_context.fail(ProfileError,
                              QStringLiteral("No profiles yet: add one with windsock-cli profile add."));

    m_refresher = new Fleet::FleetRefresher(m_context.nam, m_context.secrets, this);
    m_refresher->setPerHostLimit(perHost);
    connect(m_refresher, &Fleet::FleetRefresher::refreshFinished, this, &FleetCommand::print);
    m_refresher->refresh(profiles);
}

void FleetCommand::print()
{
    const QList<Fleet::FleetStatus> statuses = m_refresher->statuses();
    bool anyReachable = false;
    for (const Fleet::FleetStatus &status : statuses)
        anyReachable = anyReachable || status.reachability == Fleet::Reachability::Ok;

    if (m_context.parser->isSet(QStringLiteral("json"))) {
        QList<Output::JsonRecord> records;
        for (const Fleet::FleetStatus &status : statuses) {
            Output::JsonRecord record;
            record.add(QStringLiteral("profile_id"), status.profileId)
                .add(QStringLiteral("name"), status.name)
                .add(QStringLiteral("url"), status.baseUrl.toString(QUrl::RemoveUserInfo))
                .add(QStringLiteral("status"), Fleet::reachabilityKey(status.reachability))
                .add(QStringLiteral("reachable"), status.reachability == Fleet::Reachability::Ok)
                .add(QStringLiteral("message"),
                     status.message.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(status.message))
                .add(QStringLiteral("tls"), status.tls)
                .add(QStringLiteral("api"),
                     status.apiName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(status.apiName))
                .add(QStringLiteral("version"), status.airflowVersion.isEmpty()
                                                    ? QJsonValue(QJsonValue::Null)
                                                    : QJsonValue(status.airflowVersion));
            if (status.health) {
                record.add(
                    QStringLiteral("health"),
                    QJsonObject{
                        {QStringLiteral("summary"), status.healthText},
                        {QStringLiteral("metadatabase"), componentJson(status.health->metadatabase)},
                        {QStringLiteral("scheduler"), componentJson(status.health->scheduler)},
                        {QStringLiteral("triggerer"), componentJson(status.health->triggerer)},
                        {QStringLiteral("dag_processor"), componentJson(status.health->dagProcessor)}});
            } else {
                record.add(QStringLiteral("health"), QJsonValue(QJsonValue::Null));
            }
            record.add(QStringLiteral("dags"), countJson(status.dagCount))
                .add(QStringLiteral("paused"), countJson(status.pausedCount))
                .add(QStringLiteral("running"), countJson(status.running))
                .add(QStringLiteral("failed_24h"), countJson(status.failed24h))
                .add(QStringLiteral("import_errors"), countJson(status.importErrors))
                .add(QStringLiteral("read_only"), status.readOnly)
                .add(QStringLiteral("production"), status.production)
                .add(QStringLiteral("elapsed_ms"), double(status.elapsedMs));
            records.append(record);
        }
        Output::printJson(*m_context.out, records);
    } else {
        Output::TextTable table({QStringLiteral("NAME"), QStringLiteral("STATUS"), QStringLiteral("API"),
                                 QStringLiteral("VERSION"), QStringLiteral("HEALTH"), QStringLiteral("DAGS"),
                                 QStringLiteral("PAUSED"), QStringLiteral("RUNNING"),
                                 QStringLiteral("FAILED_24H"), QStringLiteral("IMPORT_ERRORS")});
        QStringList problems;
        for (const Fleet::FleetStatus &status : statuses) {
            const bool ok = status.reachability == Fleet::Reachability::Ok;
            table.addRow({status.name, Fleet::reachabilityText(status.reachability),
                          status.apiName.isEmpty() ? QStringLiteral("-") : status.apiName,
                          status.airflowVersion.isEmpty() ? QStringLiteral("-") : status.airflowVersion,
                          status.healthText.isEmpty() ? QStringLiteral("-") : status.healthText,
                          ok ? countText(status.dagCount) : QStringLiteral("-"),
                          ok ? countText(status.pausedCount) : QStringLiteral("-"),
                          ok ? countText(status.running) : QStringLiteral("-"),
                          ok ? countText(status.failed24h) : QStringLiteral("-"),
                          ok ? countText(status.importErrors) : QStringLiteral("-")});
            if (!status.message.isEmpty()) {
                problems.append(status.name + QStringLiteral(": ") +
                                QString(status.message).replace(QLatin1Char('\n'), QStringLiteral("; ")));
            }
        }
        table.print(*m_context.out);
        m_context.out->flush();
        // Why each one that did not answer (or answered in part) did not: on stderr, so the table stays a
        // table for scripts.
        for (const QString &problem : std::as_const(problems))
            *m_context.err << problem << Qt::endl;
    }
    m_context.out->flush();
    m_context.finish(anyReachable ? Ok : ConnectionError);
}

} // namespace Windsock::Cli
