#include "discoverydialog.h"

#include "discovery/astrodiscovery.h"
#include "discovery/discoveryprofiles.h"
#include "discovery/houstondiscovery.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

enum Column
{
    NameColumn,
    StatusColumn,
    VersionColumn,
    UrlColumn,
    ColumnCount
};

constexpr int IndexRole = Qt::UserRole + 1; // the deployment's index in m_found; -1 for groups

QUrl urlFromField(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    return QUrl::fromUserInput(trimmed);
}

} // namespace

DiscoveryDialog::DiscoveryDialog(Profiles::ProfileStore *store, Profiles::SecretStore *secrets,
                                 QNetworkAccessManager *nam, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_astro(new Discovery::AstroDiscovery(nam, this))
    , m_houston(new Discovery::HoustonDiscovery(nam, this))
{
    setObjectName(QStringLiteral("discoveryDialog"));
    setWindowTitle(tr("Discover Deployments"));
    buildUi();
    connect(m_astro, &Discovery::AstroDiscovery::progress, m_status, &QLabel::setText);
    connect(m_houston, &Discovery::HoustonDiscovery::progress, m_status, &QLabel::setText);
    updateButtons();
}

DiscoveryDialog::~DiscoveryDialog() = default;

void DiscoveryDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *kindRow = new QHBoxLayout;
    m_astroRadio = new QRadioButton(tr("&Astro (API token)"), this);
    m_astroRadio->setObjectName(QStringLiteral("astroRadio"));
    m_softwareRadio = new QRadioButton(tr("Astronomer &Software (base domain and key)"), this);
    m_softwareRadio->setObjectName(QStringLiteral("softwareRadio"));
    m_astroRadio->setChecked(true);
    kindRow->addWidget(m_astroRadio);
    kindRow->addWidget(m_softwareRadio);
    kindRow->addStretch();
    layout->addLayout(kindRow);

    m_pages = new QStackedWidget(this);
    auto *astroPage = new QWidget(m_pages);
    auto *astroForm = new QFormLayout(astroPage);
    m_tokenEdit = new QLineEdit(astroPage);
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setPlaceholderText(tr("An Organization or Workspace API token"));
    astroForm->addRow(tr("&Token:"), m_tokenEdit);
    auto *softwarePage = new QWidget(m_pages);
    auto *softwareForm = new QFormLayout(softwarePage);
    m_domainEdit = new QLineEdit(softwarePage);
    m_domainEdit->setObjectName(QStringLiteral("domainEdit"));
    m_domainEdit->setPlaceholderText(tr("astro.example.com"));
    m_keyEdit = new QLineEdit(softwarePage);
    m_keyEdit->setObjectName(QStringLiteral("keyEdit"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("A service account key or a user token"));
    m_bearerCheck = new QCheckBox(tr("Send as \"Bearer <key>\""), softwarePage);
    m_bearerCheck->setObjectName(QStringLiteral("bearerCheck"));
    softwareForm->addRow(tr("Base &domain:"), m_domainEdit);
    softwareForm->addRow(tr("&Key:"), m_keyEdit);
    softwareForm->addRow(QString(), m_bearerCheck);
    m_pages->addWidget(astroPage);
    m_pages->addWidget(softwarePage);
    layout->addWidget(m_pages);

    m_advanced = new QGroupBox(tr("Advanced"), this);
    m_advanced->setCheckable(true);
    m_advanced->setChecked(false);
    auto *advancedForm = new QFormLayout(m_advanced);
    m_platformUrlEdit = new QLineEdit(m_advanced);
    m_platformUrlEdit->setObjectName(QStringLiteral("platformUrlEdit"));
    m_platformUrlEdit->setPlaceholderText(Discovery::AstroDiscovery::defaultPlatformUrl().toString());
    m_houstonUrlEdit = new QLineEdit(m_advanced);
    m_houstonUrlEdit->setObjectName(QStringLiteral("houstonUrlEdit"));
    m_houstonUrlEdit->setPlaceholderText(tr("https://houston.<base domain>/v1"));
    advancedForm->addRow(tr("&Platform API URL:"), m_platformUrlEdit);
    advancedForm->addRow(tr("&Houston URL:"), m_houstonUrlEdit);
    layout->addWidget(m_advanced);

    auto *listRow = new QHBoxLayout;
    m_listButton = new QPushButton(tr("&List Deployments"), this);
    m_listButton->setObjectName(QStringLiteral("listButton"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelListButton"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    listRow->addWidget(m_listButton);
    listRow->addWidget(m_cancelButton);
    listRow->addWidget(m_progress);
    listRow->addStretch();
    layout->addLayout(listRow);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("discoveryStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("deploymentTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Deployment"), tr("Status"), tr("Airflow"), tr("URL")});
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_createButton = buttons->addButton(tr("Create Profiles"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    setBusy(false);
    resize(760, 560);

    connect(m_astroRadio, &QRadioButton::toggled, this, [this] {
        m_pages->setCurrentIndex(software() ? 1 : 0);
        updateButtons();
    });
    for (QLineEdit *edit : {m_tokenEdit, m_domainEdit, m_keyEdit})
        connect(edit, &QLineEdit::textChanged, this, &DiscoveryDialog::updateButtons);
    connect(m_tokenEdit, &QLineEdit::returnPressed, this, &DiscoveryDialog::listDeployments);
    connect(m_keyEdit, &QLineEdit::returnPressed, this, &DiscoveryDialog::listDeployments);
    connect(m_listButton, &QPushButton::clicked, this, &DiscoveryDialog::listDeployments);
    connect(m_cancelButton, &QPushButton::clicked, this, &DiscoveryDialog::cancelListing);
    connect(m_createButton, &QPushButton::clicked, this, &DiscoveryDialog::createProfiles);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemChanged, this, &DiscoveryDialog::updateButtons);
}

bool DiscoveryDialog::software() const
{
    return m_softwareRadio->isChecked();
}

void DiscoveryDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_listButton->setEnabled(!busy);
    m_astroRadio->setEnabled(!busy);
    m_softwareRadio->setEnabled(!busy);
    updateButtons();
}

int DiscoveryDialog::checkedCount() const
{
    int count = 0;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(NameColumn, IndexRole).toInt() >= 0 && (*it)->checkState(NameColumn) == Qt::Checked &&
            ((*it)->flags() & Qt::ItemIsEnabled))
            ++count;
    }
    return count;
}

void DiscoveryDialog::updateButtons()
{
    if (!m_createButton)
        return;
    const bool busy = m_astro->isRunning() || m_houston->isRunning();
    const bool ready = software() ? !m_domainEdit->text().trimmed().isEmpty() && !m_keyEdit->text().isEmpty()
                                  : !m_tokenEdit->text().trimmed().isEmpty();
    m_listButton->setEnabled(!busy && ready && !m_saving);
    const int count = checkedCount();
    m_createButton->setText(count == 1 ? tr("Create 1 Profile") : tr("Create %1 Profiles").arg(count));
    m_createButton->setEnabled(count > 0 && !busy && !m_saving);
}

void DiscoveryDialog::listDeployments()
{
    if (m_astro->isRunning() || m_houston->isRunning() || m_saving)
        return;
    m_tree->clear();
    m_found.clear();
    m_status->clear();
    const bool useSoftware = software();
    const bool advanced = m_advanced->isChecked();
    auto done = [this, useSoftware](const Api::Result<QList<Discovery::DiscoveredDeployment>> &result) {
        setBusy(false);
        if (!result.ok()) {
            if (result.error().kind() == Api::ApiError::Kind::Cancelled)
                m_status->setText(tr("Listing was cancelled."));
            else
                m_status->setText(result.error().message());
            Q_EMIT listingFinished(result.error().message());
            return;
        }
        m_found = result.value();
        m_foundSoftware = useSoftware;
        fillTree();
        Q_EMIT listingFinished(QString());
    };
    if (useSoftware) {
        m_usedSecret = m_keyEdit->text();
        m_usedDomain = m_domainEdit->text().trimmed();
        m_usedBearer = m_bearerCheck->isChecked();
        m_houston->setHoustonUrl(advanced ? urlFromField(m_houstonUrlEdit->text()) : QUrl());
        m_houston->discover(m_usedDomain, m_usedSecret, m_usedBearer, this, done);
    } else {
        m_usedSecret = m_tokenEdit->text().trimmed();
        m_astro->setPlatformUrl(advanced ? urlFromField(m_platformUrlEdit->text()) : QUrl());
        m_astro->discover(m_usedSecret, this, done);
    }
    setBusy(m_astro->isRunning() || m_houston->isRunning());
}

void DiscoveryDialog::cancelListing()
{
    m_astro->cancel();
    m_houston->cancel();
}

void DiscoveryDialog::fillTree()
{
    const QSignalBlocker blocker(m_tree);
    // Filled again after creating profiles: what the user unchecked stays unchecked.
    QSet<QString> unchecked;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const int index = (*it)->data(NameColumn, IndexRole).toInt();
        if (index >= 0 && index < m_found.size() && (*it)->checkState(NameColumn) == Qt::Unchecked)
            unchecked.insert(m_found.at(index).id);
    }
    m_tree->clear();
    const QList<Profiles::Profile> existing = m_store->profiles();
    QHash<QString, QTreeWidgetItem *> groups; // "org\nworkspace" and "org"
    int available = 0;
    for (int i = 0; i < m_found.size(); ++i) {
        const Discovery::DiscoveredDeployment &deployment = m_found.at(i);
        const QString orgKey = deployment.organizationName;
        QTreeWidgetItem *org = groups.value(orgKey);
        if (!org) {
            org = new QTreeWidgetItem(m_tree, {orgKey.isEmpty() ? tr("(no organization)") : orgKey});
            org->setData(NameColumn, IndexRole, -1);
            org->setFlags(Qt::ItemIsEnabled);
            groups.insert(orgKey, org);
        }
        const QString workspaceKey = orgKey + QLatin1Char('\n') + deployment.workspaceName;
        QTreeWidgetItem *workspace = groups.value(workspaceKey);
        if (!workspace) {
            workspace = new QTreeWidgetItem(org, {deployment.workspaceName});
            workspace->setData(NameColumn, IndexRole, -1);
            workspace->setFlags(Qt::ItemIsEnabled);
            groups.insert(workspaceKey, workspace);
        }
        auto *item = new QTreeWidgetItem(workspace);
        item->setText(NameColumn, deployment.name);
        item->setText(StatusColumn, deployment.status.isEmpty() ? QStringLiteral("—") : deployment.status);
        item->setText(VersionColumn,
                      deployment.airflowVersion.isEmpty() ? tr("unknown") : deployment.airflowVersion);
        item->setText(UrlColumn, deployment.apiUrl.toString());
        item->setData(NameColumn, IndexRole, i);
        QString existingName;
        QString reason;
        if (!deployment.apiUrl.isValid())
            reason = deployment.problem.isEmpty() ? tr("It has no API URL.") : deployment.problem;
        else if (Discovery::alreadyProfiled(deployment, existing, &existingName))
            reason = tr("A profile for it exists already: %1").arg(existingName);
        if (reason.isEmpty()) {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(NameColumn, unchecked.contains(deployment.id) ? Qt::Unchecked : Qt::Checked);
            ++available;
        } else {
            // Greyed, with the reason where the user looks.
            item->setFlags(Qt::ItemIsSelectable);
            item->setCheckState(NameColumn, Qt::Unchecked);
            item->setText(UrlColumn, reason);
            for (int column = 0; column < ColumnCount; ++column)
                item->setToolTip(column, reason);
        }
    }
    m_tree->expandAll();
    if (m_found.isEmpty()) {
        m_status->setText(m_foundSoftware ? tr("The key sees no deployments.")
                                          : tr("The token sees no deployments."));
    } else {
        m_status->setText(
            tr("Found %1 deployments; %2 can get a new profile.").arg(m_found.size()).arg(available));
    }
    updateButtons();
}

void DiscoveryDialog::createProfiles()
{
    if (m_saving || m_found.isEmpty())
        return;
    QList<Discovery::DiscoveredDeployment> chosen;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const int index = (*it)->data(NameColumn, IndexRole).toInt();
        if (index >= 0 && ((*it)->flags() & Qt::ItemIsEnabled) &&
            (*it)->checkState(NameColumn) == Qt::Checked)
            chosen.append(m_found.at(index));
    }
    QStringList skipped;
    Discovery::SoftwareProfileOptions options;
    options.baseDomain = m_usedDomain;
    options.bearer = m_usedBearer;
    const QList<Profiles::Profile> profiles = Discovery::profilesFor(
        chosen, m_foundSoftware ? Profiles::ProfileKind::SoftwareKey : Profiles::ProfileKind::AstroToken,
        m_store->profiles(), &skipped, options);
    if (profiles.isEmpty()) {
        m_status->setText(tr("No profile to create.") + QLatin1Char(' ') + skipped.join(QLatin1Char(' ')));
        return;
    }
    m_saving = true;
    updateButtons();
    m_status->setText(tr("Creating %1 profiles…").arg(profiles.size()));
    Discovery::saveProfiles(m_store, m_secrets, profiles, m_usedSecret, this,
                            [this, skipped](const Discovery::SaveOutcome &outcome) {
                                m_saving = false;
                                QStringList ids;
                                for (const Profiles::Profile &profile : outcome.saved)
                                    ids.append(profile.id);
                                QStringList lines{outcome.saved.size() == 1
                                                      ? tr("Created 1 profile.")
                                                      : tr("Created %1 profiles.").arg(outcome.saved.size())};
                                if (outcome.memoryOnly)
                                    lines.append(
                                        tr("No keychain answered: the token is kept for this session only."));
                                lines += outcome.problems;
                                lines += skipped;
                                fillTree(); // the new ones are greyed now: a profile exists
                                m_status->setText(lines.join(QLatin1Char('\n')));
                                if (!ids.isEmpty())
                                    Q_EMIT profilesCreated(ids);
                            });
}

} // namespace Windsock::Ui
