#include "fleetmodel.h"

#include "fleet/fleetrefresher.h"

#include <QLocale>

namespace Windsock::Models {

namespace {

// How bad a status is, for sorting the Status column: problems first when sorted descending.
int severity(Fleet::Reachability reachability)
{
    switch (reachability) {
    case Fleet::Reachability::Ok:
        return 0;
    case Fleet::Reachability::Refreshing:
        return 1;
    case Fleet::Reachability::Unknown:
        return 2;
    case Fleet::Reachability::Unsupported:
        return 3;
    case Fleet::Reachability::ProfileProblem:
        return 4;
    case Fleet::Reachability::TlsError:
        return 5;
    case Fleet::Reachability::AuthFailed:
        return 6;
    case Fleet::Reachability::Unreachable:
        return 7;
    }
    return 0;
}

Fleet::FleetStatus statusOf(const Profiles::Profile &profile)
{
    Fleet::FleetStatus status;
    status.profileId = profile.id;
    status.name = profile.name;
    status.colour = profile.colour;
    status.baseUrl = profile.baseUrl;
    status.readOnly = profile.readOnly;
    status.production = profile.production;
    return status;
}

} // namespace

FleetModel::FleetModel(Fleet::FleetRefresher *refresher, QObject *parent)
    : QAbstractTableModel(parent)
    , m_refresher(refresher)
{
    if (refresher) {
        connect(refresher, &Fleet::FleetRefresher::statusChanged, this, &FleetModel::setStatus);
        // Statuses the refresher already has (a model made after a refresh) fill their rows at once.
        for (const Fleet::FleetStatus &status : refresher->statuses())
            setStatus(status);
    }
}

FleetModel::~FleetModel() = default;

void FleetModel::setProfiles(const QList<Profiles::Profile> &profiles)
{
    // Rows of profiles that are gone are removed one by one, new ones appended, the rest updated in place:
    // no reset, so a view keeps its selection.
    QSet<QString> ids;
    for (const Profiles::Profile &profile : profiles)
        ids.insert(profile.id);
    for (int row = m_rows.size() - 1; row >= 0; --row) {
        if (ids.contains(m_rows.at(row).profileId))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    for (const Profiles::Profile &profile : profiles) {
        const int row = rowOf(profile.id);
        if (row < 0) {
            Fleet::FleetStatus status = statusOf(profile);
            if (m_refresher) {
                if (const std::optional<Fleet::FleetStatus> known = m_refresher->status(profile.id))
                    status = *known;
            }
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(status);
            endInsertRows();
            continue;
        }
        Fleet::FleetStatus &status = m_rows[row];
        status.name = profile.name;
        status.colour = profile.colour;
        status.baseUrl = profile.baseUrl;
        status.readOnly = profile.readOnly;
        status.production = profile.production;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void FleetModel::setStatus(const Fleet::FleetStatus &status)
{
    const int row = rowOf(status.profileId);
    if (row < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(status);
        endInsertRows();
        return;
    }
    m_rows[row] = status;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString FleetModel::profileIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).profileId : QString();
}

int FleetModel::rowOf(const QString &profileId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).profileId == profileId)
            return row;
    }
    return -1;
}

Fleet::FleetStatus FleetModel::statusAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Fleet::FleetStatus();
}

QVariant FleetModel::colourVariant(const QString &colour)
{
    if (colour.isEmpty())
        return {};
    QVariant value(colour);
    // QtGui registers the QString -> QColor conversion when it is loaded; without it the string stays.
    const QMetaType colourType(QMetaType::QColor);
    if (QMetaType::canConvert(value.metaType(), colourType)) {
        QVariant converted = value;
        if (converted.convert(colourType))
            return converted;
    }
    return value;
}

QString FleetModel::countText(int count)
{
    return count < 0 ? QStringLiteral("—") : QLocale().toString(count);
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Fleet::FleetStatus &status = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(status, index.column());
    case Qt::ToolTipRole:
        return toolTip(status, index.column());
    case Qt::DecorationRole:
        return index.column() == Deployment ? colourVariant(status.colour) : QVariant();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Dags:
        case Paused:
        case Running:
        case Failed24h:
        case ImportErrors:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case ProfileIdRole:
        return status.profileId;
    case SortRole:
        return sortData(status, index.column());
    case ColourRole:
        return colourVariant(status.colour);
    case ReachabilityRole:
        return int(status.reachability);
    case StatusRole:
        return QVariant::fromValue(status);
    default:
        return {};
    }
}

QVariant FleetModel::displayData(const Fleet::FleetStatus &status, int column) const
{
    const bool known = status.reachability == Fleet::Reachability::Ok ||
                       status.reachability == Fleet::Reachability::Refreshing;
    switch (column) {
    case Deployment:
        return status.name;
    case Status:
        return Fleet::reachabilityText(status.reachability);
    case Api:
        // A deployment that did not answer says why where its API would be (the whole text in the tooltip).
        return status.apiName.isEmpty() && !known ? status.message : status.apiName;
    case Version:
        return status.airflowVersion;
    case Health:
        return status.healthText;
    case Dags:
        return known ? countText(status.dagCount) : QString();
    case Paused:
        return known ? countText(status.pausedCount) : QString();
    case Running:
        return known ? countText(status.running) : QString();
    case Failed24h:
        return known ? countText(status.failed24h) : QString();
    case ImportErrors:
        return known ? countText(status.importErrors) : QString();
    case LastRefresh:
        return status.lastRefresh.isValid()
                   ? QLocale().toString(status.lastRefresh.toLocalTime(), QLocale::ShortFormat)
                   : QString();
    default:
        return {};
    }
}

QVariant FleetModel::sortData(const Fleet::FleetStatus &status, int column) const
{
    switch (column) {
    case Deployment:
        return status.name;
    case Status:
        return severity(status.reachability);
    case Api:
        return status.apiName;
    case Version:
        // "2.10.5" after "2.9.3": numbers zero-padded.
        {
            QStringList parts = status.airflowVersion.split(QLatin1Char('.'));
            for (QString &part : parts)
                part = part.rightJustified(6, QLatin1Char('0'));
            return parts.join(QLatin1Char('.'));
        }
    case Health:
        return status.healthText;
    case Dags:
        return status.dagCount;
    case Paused:
        return status.pausedCount;
    case Running:
        return status.running;
    case Failed24h:
        return status.failed24h;
    case ImportErrors:
        return status.importErrors;
    case LastRefresh:
        return status.lastRefresh;
    default:
        return {};
    }
}

QString FleetModel::toolTip(const Fleet::FleetStatus &status, int column) const
{
    QStringList lines;
    if (column == Deployment) {
        lines.append(status.baseUrl.toString(QUrl::RemoveUserInfo));
        if (!status.tls.isEmpty())
            lines.append(status.tls);
        if (status.readOnly)
            lines.append(QStringLiteral("Read-only: Windsock changes nothing there."));
        if (status.production)
            lines.append(
                QStringLiteral("Production: you type its name before deleting, clearing or marking."));
    }
    if (!status.message.isEmpty())
        lines.append(status.message);
    if (column == LastRefresh && status.lastRefresh.isValid())
        lines.append(QStringLiteral("Answered in %1 ms").arg(status.elapsedMs));
    return lines.join(QLatin1Char('\n'));
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Deployment:
        return QStringLiteral("Deployment");
    case Status:
        return QStringLiteral("Status");
    case Api:
        return QStringLiteral("API");
    case Version:
        return QStringLiteral("Version");
    case Health:
        return QStringLiteral("Health");
    case Dags:
        return QStringLiteral("DAGs");
    case Paused:
        return QStringLiteral("Paused");
    case Running:
        return QStringLiteral("Running");
    case Failed24h:
        return QStringLiteral("Failed (24 h)");
    case ImportErrors:
        return QStringLiteral("Import errors");
    case LastRefresh:
        return QStringLiteral("Last refresh");
    default:
        return {};
    }
}

QHash<int, QByteArray> FleetModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ProfileIdRole, "profileId");
    names.insert(SortRole, "sort");
    names.insert(ColourRole, "colour");
    names.insert(ReachabilityRole, "reachability");
    names.insert(StatusRole, "status");
    return names;
}

} // namespace Windsock::Models
