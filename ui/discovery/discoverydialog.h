#pragma once

#include "discovery/discovereddeployment.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace Windsock::Discovery {
class AstroDiscovery;
class HoustonDiscovery;
} // namespace Windsock::Discovery

namespace Windsock::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Windsock::Profiles

namespace Windsock::Ui {

// Finds Astro deployments (an Organization or Workspace API token, through the Platform API) or Astronomer
// Software deployments (a base domain and a key, through Houston), shows them in a checkable tree
// (organization / workspace -> deployment, with status and Airflow version; ones that already have a profile
// greyed, with the reason) and creates a profile for each chosen one, all sharing the token or key (written
// to the keychain under each profile's id). Listing runs in the background with progress and Cancel; open()
// it, never exec().
class DiscoveryDialog final : public QDialog
{
    Q_OBJECT

public:
    DiscoveryDialog(Profiles::ProfileStore *store, Profiles::SecretStore *secrets, QNetworkAccessManager *nam,
                    QWidget *parent = nullptr);
    ~DiscoveryDialog() override;

    Discovery::AstroDiscovery *astroDiscovery() const { return m_astro; }
    Discovery::HoustonDiscovery *houstonDiscovery() const { return m_houston; }
    QList<Discovery::DiscoveredDeployment> deployments() const { return m_found; }
    // Checked deployments (those that can get a profile).
    int checkedCount() const;

public Q_SLOTS:
    void listDeployments();
    void cancelListing();
    void createProfiles();

Q_SIGNALS:
    // After "Create N profiles" saved them: their ids.
    void profilesCreated(const QStringList &profileIds);
    // Listing ended: found deployments, or the error in plain words (empty when it worked).
    void listingFinished(const QString &error);

private:
    void buildUi();
    void updateButtons();
    void setBusy(bool busy);
    void fillTree();
    bool software() const;

    Profiles::ProfileStore *m_store;
    Profiles::SecretStore *m_secrets;
    Discovery::AstroDiscovery *m_astro;
    Discovery::HoustonDiscovery *m_houston;
    QList<Discovery::DiscoveredDeployment> m_found;
    bool m_foundSoftware = false;
    QString m_usedSecret; // the token or key the listing used: the profiles share it
    QString m_usedDomain;
    bool m_usedBearer = false;
    bool m_saving = false;

    QRadioButton *m_astroRadio = nullptr;
    QRadioButton *m_softwareRadio = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLineEdit *m_tokenEdit = nullptr;
    QLineEdit *m_domainEdit = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QCheckBox *m_bearerCheck = nullptr;
    QGroupBox *m_advanced = nullptr;
    QLineEdit *m_platformUrlEdit = nullptr;
    QLineEdit *m_houstonUrlEdit = nullptr;
    QPushButton *m_listButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPushButton *m_createButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace Windsock::Ui
