#include "profiletreemodel.h"

#include "auth/jwtclaims.h"
#include "colourswatchpicker.h"
#include "profiles/profilestore.h"

#include <QApplication>
#include <QCollator>
#include <QStyle>
#include <algorithm>
#include <functional>

namespace Windsock::Ui {

namespace {

constexpr int SwatchSize = 14;

QString shortKindName(Profiles::ProfileKind kind)
{
    using Profiles::ProfileKind;
    switch (kind) {
    case ProfileKind::Airflow2Basic:
        return ProfileTreeModel::tr("Airflow 2");
    case ProfileKind::Airflow3Password:
        return ProfileTreeModel::tr("Airflow 3");
    case ProfileKind::AstroToken:
        return ProfileTreeModel::tr("Astro");
    case ProfileKind::SoftwareKey:
        return ProfileTreeModel::tr("Software");
    case ProfileKind::OAuth2ClientCredentials:
        return ProfileTreeModel::tr("OAuth2");
    case ProfileKind::Generic:
        return ProfileTreeModel::tr("Generic");
    }
    return {};
}

} // namespace

ProfileTreeModel::ProfileTreeModel(Profiles::ProfileStore *store, QObject *parent)
    : QStandardItemModel(parent)
    , m_store(store)
{
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("Profile"), tr("Kind")});
    connect(store, &Profiles::ProfileStore::profilesChanged, this, &ProfileTreeModel::rebuild);
    rebuild();
}

void ProfileTreeModel::setOpenProfile(const QString &id, bool demo)
{
    m_openId = id;
    m_openDemo = demo;
    rebuild();
}

QStandardItem *ProfileTreeModel::folderItem(const QString &path)
{
    QStandardItem *parent = invisibleRootItem();
    QString soFar;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &rawPart : parts) {
        const QString part = rawPart.trimmed();
        soFar = soFar.isEmpty() ? part : soFar + QLatin1Char('/') + part;
        QStandardItem *found = nullptr;
        for (int row = 0; row < parent->rowCount(); ++row) {
            QStandardItem *child = parent->child(row);
            if (child->data(IsFolderRole).toBool() && child->data(FolderPathRole).toString() == soFar) {
                found = child;
                break;
            }
        }
        if (!found) {
            found = new QStandardItem(part);
            found->setData(true, IsFolderRole);
            found->setData(soFar, FolderPathRole);
            found->setIcon(QApplication::style()->standardIcon(QStyle::SP_DirIcon));
            found->setEditable(false);
            auto *kindCell = new QStandardItem;
            kindCell->setEditable(false);
            parent->appendRow({found, kindCell});
        }
        parent = found;
    }
    return parent;
}

void ProfileTreeModel::rebuild()
{
    removeRows(0, rowCount());
    QList<Profiles::Profile> profiles = m_store->profiles();
    QCollator collator;
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    // Folders first (in name order), then the profiles, each level in name order.
    std::sort(profiles.begin(), profiles.end(), [&collator](const auto &a, const auto &b) {
        if (a.folder != b.folder)
            return collator.compare(a.folder, b.folder) < 0;
        return collator.compare(a.name, b.name) < 0;
    });
    for (const Profiles::Profile &profile : std::as_const(profiles)) {
        if (!profile.folder.trimmed().isEmpty())
            folderItem(profile.folder);
    }
    for (const Profiles::Profile &profile : std::as_const(profiles)) {
        QStandardItem *parent =
            profile.folder.trimmed().isEmpty() ? invisibleRootItem() : folderItem(profile.folder);
        auto *name = new QStandardItem(profile.name);
        name->setEditable(false);
        name->setData(profile.id, ProfileIdRole);
        name->setData(profile.folder.trimmed(), FolderPathRole);
        name->setIcon(ColourSwatchPicker::swatchIcon(
            profile.colour.isEmpty() ? QColor() : QColor(profile.colour), SwatchSize));
        QString toolTip =
            Profiles::kindName(profile.kind) + QLatin1Char('\n') + profile.baseUrl.toDisplayString();
        if (profile.readOnly)
            toolTip += QLatin1Char('\n') + tr("Read-only");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const bool expiresSoon =
            profile.tokenExpiry.isValid() && Auth::JwtClaims::expiresSoon(profile.tokenExpiry, now);
        if (profile.tokenExpiry.isValid())
            toolTip += QLatin1Char('\n') +
                       tr("API token %1").arg(Auth::JwtClaims::describeExpiry(profile.tokenExpiry, now));
        name->setToolTip(toolTip);
        if (profile.id == m_openId && !m_openDemo) {
            QFont font = name->font();
            font.setBold(true);
            name->setFont(font);
        }
        auto *kind = new QStandardItem(shortKindName(profile.kind));
        kind->setEditable(false);
        kind->setToolTip(toolTip);
        kind->setData(profile.id, ProfileIdRole);
        if (expiresSoon) // the token expires within a week, or has: a warning sign where the kind is
            kind->setIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
        parent->appendRow({name, kind});
    }
    auto *demo = new QStandardItem(tr("Demo sandbox"));
    demo->setEditable(false);
    demo->setData(true, IsDemoRole);
    demo->setIcon(QApplication::style()->standardIcon(QStyle::SP_ComputerIcon));
    demo->setToolTip(tr("The built-in sandbox, a stand-in for an Airflow 2 deployment"));
    if (m_openDemo) {
        QFont font = demo->font();
        font.setBold(true);
        demo->setFont(font);
    }
    auto *demoKind = new QStandardItem(tr("Built in"));
    demoKind->setEditable(false);
    demoKind->setData(true, IsDemoRole);
    invisibleRootItem()->appendRow({demo, demoKind});
}

QModelIndex ProfileTreeModel::find(int role, const QVariant &value, const QModelIndex &parent) const
{
    for (int row = 0; row < rowCount(parent); ++row) {
        const QModelIndex candidate = index(row, Name, parent);
        if (candidate.data(role) == value)
            return candidate;
        const QModelIndex inside = find(role, value, candidate);
        if (inside.isValid())
            return inside;
    }
    return {};
}

QModelIndex ProfileTreeModel::indexOfProfile(const QString &id) const
{
    return id.isEmpty() ? QModelIndex() : find(ProfileIdRole, id);
}

QModelIndex ProfileTreeModel::demoIndex() const
{
    return find(IsDemoRole, true);
}

QModelIndex ProfileTreeModel::folderIndex(const QString &path) const
{
    std::function<QModelIndex(const QModelIndex &)> search = [&](const QModelIndex &parent) -> QModelIndex {
        for (int row = 0; row < rowCount(parent); ++row) {
            const QModelIndex candidate = index(row, Name, parent);
            if (candidate.data(IsFolderRole).toBool()) {
                if (candidate.data(FolderPathRole).toString() == path)
                    return candidate;
                const QModelIndex inside = search(candidate);
                if (inside.isValid())
                    return inside;
            }
        }
        return {};
    };
    return search({});
}

} // namespace Windsock::Ui
