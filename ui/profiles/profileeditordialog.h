#pragma once

#include "profiles/profile.h"
#include "profiles/secretstore.h"

#include <QDateTime>
#include <QDialog>
#include <QPointer>
#include <functional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Windsock::Profiles {
class SecretStore;
}

namespace Windsock::Ui {

class ColourSwatchPicker;
class ConnectionCheckPanel;
class FeedbackLabel;

// Creates or edits one connection profile: a form per kind (the rows of the other kinds are hidden, and what
// was typed in them is kept), validated as the user types. Each checked field says below itself what is
// wrong in plain words, or, for URLs, the exact URL Windsock will use. OK stays disabled until the form is
// valid. The secret is a password field whose text never appears anywhere else; when editing, an empty secret
// keeps the one in the keychain. "Test connection" runs the checklist in the dialog.
//
// OK does not close the dialog: it emits saveRequested(), and the owner saves the profile and its secret,
// then calls accept(), or setSaveError() so that the user can fix the problem without retyping anything.
class ProfileEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        New,
        Edit
    };

    ProfileEditorDialog(const Profiles::Profile &profile, Mode mode, const QStringList &folders,
                        QWidget *parent = nullptr);
    ~ProfileEditorDialog() override;

    Mode mode() const { return m_mode; }
    // The profile as the form says (the id and the fields the form does not show are kept).
    Profiles::Profile profile() const;
    // The secret typed; empty when editing and left blank (keep the stored one), or for a command.
    QString secret() const;
    bool isValid() const;
    // The plain-words problems that keep OK disabled, for tests and the tooltip on OK.
    QStringList problems() const;

    QPushButton *okButton() const { return m_ok; }
    QPushButton *testButton() const { return m_test; }
    ConnectionCheckPanel *checkPanel() const { return m_checkPanel; }

    // Where "Test connection" reads the stored secret when editing and the secret field is left blank.
    void setSecretStore(Profiles::SecretStore *secrets) { m_secrets = secrets; }
    // A test seam for the token's expiry ("expires in 3 days").
    void setClock(std::function<QDateTime()> clock);
    // Shows why saving failed, under the form; the form stays as typed.
    void setSaveError(const QString &message);

Q_SIGNALS:
    void saveRequested();

private:
    void buildForm();
    void load(const Profiles::Profile &profile);
    void updateKind();
    void validate();
    void updateTokenExpiry();
    void browseCaBundle();
    void runConnectionCheck();
    void requestSave();
    Profiles::ProfileKind kind() const;
    Profiles::GenericMode genericMode() const;
    bool softwareByParts() const;
    std::optional<QUrl> deploymentUrl(QString *error) const;

    Mode m_mode;
    QPointer<Profiles::SecretStore> m_secrets;
    Profiles::Profile m_original;
    std::function<QDateTime()> m_clock;
    QStringList m_problems;

    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    FeedbackLabel *m_nameFeedback = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_kindHint = nullptr;
    QWidget *m_softwareGiven = nullptr;
    QButtonGroup *m_softwareGivenGroup = nullptr;
    QRadioButton *m_softwareByParts = nullptr;
    QRadioButton *m_softwareByUrl = nullptr;
    QLineEdit *m_softwareDomain = nullptr;
    QLineEdit *m_softwareRelease = nullptr;
    QLineEdit *m_url = nullptr;
    FeedbackLabel *m_urlFeedback = nullptr;
    QLineEdit *m_oauthTokenUrl = nullptr;
    FeedbackLabel *m_oauthTokenUrlFeedback = nullptr;
    QLineEdit *m_oauthClientId = nullptr;
    QLineEdit *m_oauthAudience = nullptr;
    QLineEdit *m_oauthScope = nullptr;
    QComboBox *m_genericMode = nullptr;
    QLineEdit *m_headerName = nullptr;
    QLineEdit *m_command = nullptr;
    QSpinBox *m_commandTimeout = nullptr;
    QSpinBox *m_commandCache = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_secret = nullptr;
    FeedbackLabel *m_secretFeedback = nullptr;
    QCheckBox *m_softwareBearer = nullptr;
    QComboBox *m_folder = nullptr;
    ColourSwatchPicker *m_colour = nullptr;
    QCheckBox *m_readOnly = nullptr;
    QCheckBox *m_production = nullptr;
    QCheckBox *m_notifyFailedRuns = nullptr;
    QSpinBox *m_notifyInterval = nullptr;
    QLineEdit *m_caBundle = nullptr;
    FeedbackLabel *m_caBundleFeedback = nullptr;
    FeedbackLabel *m_saveError = nullptr;
    QPushButton *m_test = nullptr;
    ConnectionCheckPanel *m_checkPanel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace Windsock::Ui
