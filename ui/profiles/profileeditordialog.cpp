#include "profileeditordialog.h"

#include "auth/jwtclaims.h"
#include "colourswatchpicker.h"
#include "connectioncheckpanel.h"
#include "dags/statecolors.h"
#include "feedbacklabel.h"
#include "filedialog.h"
#include "profiles/secretstore.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Windsock::Ui {

using Profiles::GenericMode;
using Profiles::ProfileKind;

namespace {

const ProfileKind Kinds[] = {
    ProfileKind::Airflow2Basic, ProfileKind::Airflow3Password,        ProfileKind::AstroToken,
    ProfileKind::SoftwareKey,   ProfileKind::OAuth2ClientCredentials, ProfileKind::Generic};

QString kindHint(ProfileKind kind)
{
    switch (kind) {
    case ProfileKind::Airflow2Basic:
        return ProfileEditorDialog::tr("A local or self-hosted Airflow 2 with a user name and password.");
    case ProfileKind::Airflow3Password:
        return ProfileEditorDialog::tr("Airflow 3: Windsock logs in for a token and logs in again when it "
                                       "expires.");
    case ProfileKind::AstroToken:
        return ProfileEditorDialog::tr("An Astro Deployment, with a Deployment, Workspace or Organization "
                                       "API token. Paste the Deployment's API URL as Astro shows it.");
    case ProfileKind::SoftwareKey:
        return ProfileEditorDialog::tr("Astronomer Software (Astro Private Cloud), with a service account's "
                                       "API key or a user token.");
    case ProfileKind::OAuth2ClientCredentials:
        return ProfileEditorDialog::tr("A token from an identity provider for a client id and secret (also "
                                       "Astro's legacy Deployment API keys).");
    case ProfileKind::Generic:
        return ProfileEditorDialog::tr("Any other deployment: a token, a header of your own, or a command "
                                       "that prints a token (gcloud, aws).");
    }
    return {};
}

QString urlLabel(ProfileKind kind)
{
    switch (kind) {
    case ProfileKind::AstroToken:
        return ProfileEditorDialog::tr("Deployment API URL:");
    case ProfileKind::SoftwareKey:
        return ProfileEditorDialog::tr("Deployment URL:");
    default:
        return ProfileEditorDialog::tr("Airflow URL:");
    }
}

QString urlPlaceholder(ProfileKind kind)
{
    switch (kind) {
    case ProfileKind::AstroToken:
        return QStringLiteral("clq1a2b3c.astronomer.run/d4e5f6g7/api/v1");
    case ProfileKind::SoftwareKey:
        return QStringLiteral("https://deployments.astro.example.com/celestial-orbit-1234/airflow");
    default:
        return QStringLiteral("http://localhost:8080");
    }
}

QString secretLabel(ProfileKind kind, GenericMode mode)
{
    switch (kind) {
    case ProfileKind::Airflow2Basic:
    case ProfileKind::Airflow3Password:
        return ProfileEditorDialog::tr("Password:");
    case ProfileKind::AstroToken:
        return ProfileEditorDialog::tr("API token:");
    case ProfileKind::SoftwareKey:
        return ProfileEditorDialog::tr("API key:");
    case ProfileKind::OAuth2ClientCredentials:
        return ProfileEditorDialog::tr("Client secret:");
    case ProfileKind::Generic:
        return mode == GenericMode::CustomHeader ? ProfileEditorDialog::tr("Header value:")
                                                 : ProfileEditorDialog::tr("Token:");
    }
    return {};
}

QString secretMissing(ProfileKind kind, GenericMode mode)
{
    switch (kind) {
    case ProfileKind::Airflow2Basic:
    case ProfileKind::Airflow3Password:
        return ProfileEditorDialog::tr("Enter the password.");
    case ProfileKind::AstroToken:
        return ProfileEditorDialog::tr("Paste the API token.");
    case ProfileKind::SoftwareKey:
        return ProfileEditorDialog::tr("Paste the API key.");
    case ProfileKind::OAuth2ClientCredentials:
        return ProfileEditorDialog::tr("Enter the client secret.");
    case ProfileKind::Generic:
        return mode == GenericMode::CustomHeader ? ProfileEditorDialog::tr("Enter the header's value.")
                                                 : ProfileEditorDialog::tr("Paste the token.");
    }
    return {};
}

bool isHeaderName(const QString &name)
{
    // RFC 9110 token characters.
    static const QString allowed = QStringLiteral("!#$%&'*+-.^_`|~");
    for (const QChar c : name) {
        if (c.unicode() > 127 || !(c.isLetterOrNumber() || allowed.contains(c)))
            return false;
    }
    return !name.isEmpty();
}

} // namespace

ProfileEditorDialog::ProfileEditorDialog(const Profiles::Profile &profile, Mode mode,
                                         const QStringList &folders, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_original(profile)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    setObjectName(QStringLiteral("profileEditor"));
    setWindowTitle(mode == Mode::New ? tr("New connection profile") : tr("Edit connection profile"));
    buildForm();
    m_folder->addItems(folders);
    load(profile);
    updateKind();
    validate();
}

ProfileEditorDialog::~ProfileEditorDialog() = default;

void ProfileEditorDialog::buildForm()
{
    const auto lineEdit = [this](const char *name, const QString &placeholder = {}) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QString::fromLatin1(name));
        edit->setPlaceholderText(placeholder);
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditorDialog::validate);
        return edit;
    };
    const auto feedback = [this](const char *name) {
        auto *label = new FeedbackLabel(this);
        label->setObjectName(QString::fromLatin1(name));
        return label;
    };

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    m_name = lineEdit("nameEdit", tr("e.g. prod (Astro)"));
    m_nameFeedback = feedback("nameFeedback");
    m_form->addRow(tr("&Name:"), m_name);
    m_form->addRow(QString(), m_nameFeedback);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    for (const ProfileKind kind : Kinds)
        m_kind->addItem(Profiles::kindName(kind), int(kind));
    m_kindHint = new QLabel(this);
    m_kindHint->setObjectName(QStringLiteral("kindHint"));
    m_kindHint->setWordWrap(true);
    m_kindHint->setForegroundRole(QPalette::PlaceholderText);
    m_form->addRow(tr("&Kind:"), m_kind);
    m_form->addRow(QString(), m_kindHint);

    m_softwareGiven = new QWidget(this);
    m_softwareGivenGroup = new QButtonGroup(this);
    m_softwareByParts = new QRadioButton(tr("Base domain and release name"), m_softwareGiven);
    m_softwareByParts->setObjectName(QStringLiteral("softwareByParts"));
    m_softwareByUrl = new QRadioButton(tr("Full URL"), m_softwareGiven);
    m_softwareByUrl->setObjectName(QStringLiteral("softwareByUrl"));
    m_softwareGivenGroup->addButton(m_softwareByParts);
    m_softwareGivenGroup->addButton(m_softwareByUrl);
    m_softwareByParts->setChecked(true);
    auto *givenLayout = new QHBoxLayout(m_softwareGiven);
    givenLayout->setContentsMargins(0, 0, 0, 0);
    givenLayout->addWidget(m_softwareByParts);
    givenLayout->addWidget(m_softwareByUrl);
    givenLayout->addStretch(1);
    connect(m_softwareByParts, &QRadioButton::toggled, this, &ProfileEditorDialog::updateKind);
    m_form->addRow(tr("Given as:"), m_softwareGiven);
    m_softwareDomain = lineEdit("softwareDomainEdit", QStringLiteral("astro.example.com"));
    m_form->addRow(tr("Base &domain:"), m_softwareDomain);
    m_softwareRelease = lineEdit("softwareReleaseEdit", QStringLiteral("celestial-orbit-1234"));
    m_form->addRow(tr("&Release name:"), m_softwareRelease);

    m_url = lineEdit("urlEdit");
    m_form->addRow(tr("Airflow &URL:"), m_url);
    m_urlFeedback = feedback("urlFeedback");
    m_form->addRow(QString(), m_urlFeedback);

    m_oauthTokenUrl = lineEdit("oauthTokenUrlEdit", QStringLiteral("https://login.example.com/oauth/token"));
    m_form->addRow(tr("&Token URL:"), m_oauthTokenUrl);
    m_oauthTokenUrlFeedback = feedback("oauthTokenUrlFeedback");
    m_form->addRow(QString(), m_oauthTokenUrlFeedback);
    m_oauthClientId = lineEdit("oauthClientIdEdit");
    m_form->addRow(tr("&Client ID:"), m_oauthClientId);
    m_oauthAudience = lineEdit("oauthAudienceEdit", tr("optional"));
    m_form->addRow(tr("&Audience:"), m_oauthAudience);
    m_oauthScope = lineEdit("oauthScopeEdit", tr("optional"));
    m_form->addRow(tr("&Scope:"), m_oauthScope);

    m_genericMode = new QComboBox(this);
    m_genericMode->setObjectName(QStringLiteral("genericModeCombo"));
    m_genericMode->addItem(tr("Bearer token"), int(GenericMode::BearerToken));
    m_genericMode->addItem(tr("Custom header"), int(GenericMode::CustomHeader));
    m_genericMode->addItem(tr("Token printed by a command"), int(GenericMode::Command));
    connect(m_genericMode, &QComboBox::currentIndexChanged, this, &ProfileEditorDialog::updateKind);
    m_form->addRow(tr("Authenticate &with:"), m_genericMode);
    m_headerName = lineEdit("headerNameEdit", QStringLiteral("X-Api-Key"));
    m_form->addRow(tr("&Header name:"), m_headerName);
    m_command = lineEdit("commandEdit", QStringLiteral("gcloud auth print-access-token"));
    m_form->addRow(tr("Co&mmand:"), m_command);
    m_commandTimeout = new QSpinBox(this);
    m_commandTimeout->setObjectName(QStringLiteral("commandTimeoutSpin"));
    m_commandTimeout->setRange(1, 600);
    m_commandTimeout->setSuffix(tr(" s"));
    m_form->addRow(tr("Time&out:"), m_commandTimeout);
    m_commandCache = new QSpinBox(this);
    m_commandCache->setObjectName(QStringLiteral("commandCacheSpin"));
    m_commandCache->setRange(0, 24 * 3600);
    m_commandCache->setSingleStep(60);
    m_commandCache->setSuffix(tr(" s"));
    m_commandCache->setSpecialValueText(tr("run for every request"));
    m_form->addRow(tr("Keep the token &for:"), m_commandCache);

    m_username = lineEdit("usernameEdit");
    m_form->addRow(tr("&User name:"), m_username);
    m_secret = lineEdit("secretEdit");
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_form->addRow(tr("Password:"), m_secret);
    m_secretFeedback = feedback("secretFeedback");
    m_form->addRow(QString(), m_secretFeedback);
    m_softwareBearer = new QCheckBox(tr("Send as \"Authorization: Bearer <key>\" (user tokens)"), this);
    m_softwareBearer->setObjectName(QStringLiteral("softwareBearerCheck"));
    m_form->addRow(QString(), m_softwareBearer);

    m_folder = new QComboBox(this);
    m_folder->setObjectName(QStringLiteral("folderCombo"));
    m_folder->setEditable(true);
    m_folder->setInsertPolicy(QComboBox::NoInsert);
    m_folder->lineEdit()->setPlaceholderText(tr("none (top level)"));
    m_form->addRow(tr("F&older:"), m_folder);
    m_colour = new ColourSwatchPicker(this);
    m_colour->setObjectName(QStringLiteral("colourPicker"));
    m_form->addRow(tr("Co&lour:"), m_colour);
    m_readOnly = new QCheckBox(tr("Read-only: never pause, trigger, clear or change anything"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    m_form->addRow(QString(), m_readOnly);
    m_production =
        new QCheckBox(tr("Production: ask me to type the name before deleting, clearing or marking"), this);
    m_production->setObjectName(QStringLiteral("productionCheck"));
    m_form->addRow(QString(), m_production);

    auto *notifyRow = new QWidget(this);
    auto *notifyLayout = new QHBoxLayout(notifyRow);
    notifyLayout->setContentsMargins(0, 0, 0, 0);
    m_notifyFailedRuns = new QCheckBox(tr("Notify me of new failed runs every"), notifyRow);
    m_notifyFailedRuns->setObjectName(QStringLiteral("notifyFailedRunsCheck"));
    m_notifyInterval = new QSpinBox(notifyRow);
    m_notifyInterval->setObjectName(QStringLiteral("notifyIntervalSpin"));
    // A minute at the least: every poll lists the deployment's failed runs.
    m_notifyInterval->setRange(1, 24 * 60);
    m_notifyInterval->setSuffix(tr(" minutes"));
    m_notifyInterval->setAccessibleName(tr("Failed-run check interval"));
    m_notifyInterval->setEnabled(false);
    connect(m_notifyFailedRuns, &QCheckBox::toggled, m_notifyInterval, &QSpinBox::setEnabled);
    notifyLayout->addWidget(m_notifyFailedRuns);
    notifyLayout->addWidget(m_notifyInterval);
    notifyLayout->addStretch(1);
    m_form->addRow(QString(), notifyRow);

    auto *caRow = new QWidget(this);
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    m_caBundle = lineEdit("caBundleEdit", tr("none: the system's certificates"));
    auto *browse = new QToolButton(caRow);
    browse->setObjectName(QStringLiteral("caBundleBrowse"));
    browse->setText(tr("Choose…"));
    connect(browse, &QToolButton::clicked, this, &ProfileEditorDialog::browseCaBundle);
    caLayout->addWidget(m_caBundle, 1);
    caLayout->addWidget(browse);
    m_form->addRow(tr("Extra &CA bundle:"), caRow);
    m_caBundleFeedback = feedback("caBundleFeedback");
    m_form->addRow(QString(), m_caBundleFeedback);

    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    connect(m_test, &QPushButton::clicked, this, &ProfileEditorDialog::runConnectionCheck);
    m_checkPanel = new ConnectionCheckPanel(this);
    m_checkPanel->setObjectName(QStringLiteral("connectionCheckPanel"));

    m_saveError = new FeedbackLabel(this);
    m_saveError->setObjectName(QStringLiteral("saveError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = m_buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(m_mode == Mode::New ? tr("&Add") : tr("&Save"));
    m_buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileEditorDialog::requestSave);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_checkPanel);
    layout->addWidget(m_saveError);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProfileEditorDialog::updateKind);
    connect(m_softwareBearer, &QCheckBox::toggled, this, &ProfileEditorDialog::validate);
    setMinimumWidth(560);
}

void ProfileEditorDialog::load(const Profiles::Profile &profile)
{
    m_name->setText(profile.name);
    m_kind->setCurrentIndex(m_kind->findData(int(profile.kind)));
    const bool byParts = profile.kind != ProfileKind::SoftwareKey || !profile.softwareBaseDomain.isEmpty() ||
                         profile.baseUrl.isEmpty();
    (byParts ? m_softwareByParts : m_softwareByUrl)->setChecked(true);
    m_softwareDomain->setText(profile.softwareBaseDomain);
    m_softwareRelease->setText(profile.softwareReleaseName);
    if (!(profile.kind == ProfileKind::SoftwareKey && byParts))
        m_url->setText(profile.baseUrl.toString());
    m_oauthTokenUrl->setText(profile.oauthTokenUrl.toString());
    m_oauthClientId->setText(profile.oauthClientId);
    m_oauthAudience->setText(profile.oauthAudience);
    m_oauthScope->setText(profile.oauthScope);
    m_genericMode->setCurrentIndex(m_genericMode->findData(int(profile.genericMode)));
    m_headerName->setText(profile.customHeaderName);
    m_command->setText(profile.command);
    m_commandTimeout->setValue(profile.commandTimeoutSeconds);
    m_commandCache->setValue(profile.commandCacheSeconds);
    m_username->setText(profile.username);
    m_softwareBearer->setChecked(profile.softwareBearer);
    m_folder->setEditText(profile.folder);
    m_colour->setColour(profile.colour);
    m_readOnly->setChecked(profile.readOnly);
    m_production->setChecked(profile.production);
    m_notifyFailedRuns->setChecked(profile.notifyFailedRuns);
    m_notifyInterval->setValue(std::max(1, (profile.notifyIntervalSeconds + 59) / 60));
    m_notifyInterval->setEnabled(profile.notifyFailedRuns);
    m_caBundle->setText(profile.caBundlePath);
    if (m_mode == Mode::Edit)
        m_secret->setPlaceholderText(tr("unchanged (kept in the keychain)"));
    connect(m_folder, &QComboBox::editTextChanged, this, &ProfileEditorDialog::validate);
}

ProfileKind ProfileEditorDialog::kind() const
{
    return ProfileKind(m_kind->currentData().toInt());
}

GenericMode ProfileEditorDialog::genericMode() const
{
    return GenericMode(m_genericMode->currentData().toInt());
}

bool ProfileEditorDialog::softwareByParts() const
{
    return kind() == ProfileKind::SoftwareKey && m_softwareByParts->isChecked();
}

void ProfileEditorDialog::updateKind()
{
    const ProfileKind current = kind();
    const bool software = current == ProfileKind::SoftwareKey;
    const bool oauth = current == ProfileKind::OAuth2ClientCredentials;
    const bool generic = current == ProfileKind::Generic;
    const bool command = generic && genericMode() == GenericMode::Command;
    const bool password = current == ProfileKind::Airflow2Basic || current == ProfileKind::Airflow3Password;

    m_kindHint->setText(kindHint(current));
    m_form->setRowVisible(m_softwareGiven, software);
    m_form->setRowVisible(m_softwareDomain, softwareByParts());
    m_form->setRowVisible(m_softwareRelease, softwareByParts());
    m_form->setRowVisible(m_url, !softwareByParts());
    if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(m_url)))
        label->setText(urlLabel(current));
    m_url->setPlaceholderText(urlPlaceholder(current));
    for (QWidget *field :
         {static_cast<QWidget *>(m_oauthTokenUrl), static_cast<QWidget *>(m_oauthTokenUrlFeedback),
          static_cast<QWidget *>(m_oauthClientId), static_cast<QWidget *>(m_oauthAudience),
          static_cast<QWidget *>(m_oauthScope)})
        m_form->setRowVisible(field, oauth);
    m_form->setRowVisible(m_genericMode, generic);
    m_form->setRowVisible(m_headerName, generic && genericMode() == GenericMode::CustomHeader);
    m_form->setRowVisible(m_command, command);
    m_form->setRowVisible(m_commandTimeout, command);
    m_form->setRowVisible(m_commandCache, command);
    m_form->setRowVisible(m_username, password);
    m_form->setRowVisible(m_secret, !command);
    m_form->setRowVisible(m_softwareBearer, software);
    if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(m_secret)))
        label->setText(secretLabel(current, genericMode()));
    validate();
}

std::optional<QUrl> ProfileEditorDialog::deploymentUrl(QString *error) const
{
    if (softwareByParts())
        return Profiles::softwareDeploymentUrl(m_softwareDomain->text(), m_softwareRelease->text(), error);
    if (m_url->text().trimmed().isEmpty()) {
        *error = kind() == ProfileKind::AstroToken ? tr("Paste the Deployment's API URL from Astro.")
                                                   : tr("Enter the deployment's URL.");
        return std::nullopt;
    }
    return Profiles::normalizeDeploymentUrl(m_url->text(), error);
}

void ProfileEditorDialog::validate()
{
    m_problems.clear();
    // An empty required field is said calmly (grey); something wrong in what was typed, in the error colour.
    const auto check = [this](FeedbackLabel *label, bool ok, const QString &problem, const QString &info = {},
                              bool empty = false) {
        if (!ok)
            m_problems.append(problem);
        if (!label)
            return;
        if (ok)
            label->showInformation(info);
        else if (empty)
            label->showInformation(problem);
        else
            label->showError(problem);
    };
    const ProfileKind current = kind();

    check(m_nameFeedback, !m_name->text().trimmed().isEmpty(), tr("Give the profile a name."), {}, true);

    QString urlError;
    const std::optional<QUrl> url = deploymentUrl(&urlError);
    const bool urlEmpty = softwareByParts() ? m_softwareDomain->text().trimmed().isEmpty() &&
                                                  m_softwareRelease->text().trimmed().isEmpty()
                                            : m_url->text().trimmed().isEmpty();
    check(m_urlFeedback, url.has_value(), urlError,
          url ? tr("Windsock will use %1").arg(url->toDisplayString()) : QString(), urlEmpty);

    if (current == ProfileKind::OAuth2ClientCredentials) {
        const QString text = m_oauthTokenUrl->text().trimmed();
        const QUrl tokenUrl(text, QUrl::StrictMode);
        const bool tokenUrlOk =
            tokenUrl.isValid() && !tokenUrl.host().isEmpty() &&
            (tokenUrl.scheme() == QLatin1String("https") || tokenUrl.scheme() == QLatin1String("http"));
        check(m_oauthTokenUrlFeedback, tokenUrlOk,
              text.isEmpty() ? tr("Enter the identity provider's token URL.")
                             : tr("The token URL must be a full http:// or https:// address."),
              {}, text.isEmpty());
        check(nullptr, !m_oauthClientId->text().trimmed().isEmpty(), tr("Enter the client ID."));
    }
    if (current == ProfileKind::Generic && genericMode() == GenericMode::CustomHeader) {
        check(nullptr, isHeaderName(m_headerName->text().trimmed()),
              m_headerName->text().trimmed().isEmpty()
                  ? tr("Enter the header's name.")
                  : tr("A header name has only letters, digits and !#$%&'*+-.^_`|~."));
    }
    if (current == ProfileKind::Generic && genericMode() == GenericMode::Command)
        check(nullptr, !m_command->text().trimmed().isEmpty(),
              tr("Enter the command that prints the token."));
    if (current == ProfileKind::Airflow2Basic || current == ProfileKind::Airflow3Password)
        check(nullptr, !m_username->text().trimmed().isEmpty(), tr("Enter the user name."));

    const bool needsSecret = !(current == ProfileKind::Generic && genericMode() == GenericMode::Command);
    if (needsSecret && m_mode == Mode::New) {
        check(nullptr, !m_secret->text().isEmpty(), secretMissing(current, genericMode()));
    }
    if (!m_secret->text().isEmpty())
        updateTokenExpiry();
    else if (needsSecret && m_mode == Mode::New)
        m_secretFeedback->showInformation(secretMissing(current, genericMode()));
    else
        m_secretFeedback->showInformation({});

    const QString caPath = m_caBundle->text().trimmed();
    if (caPath.isEmpty()) {
        m_caBundleFeedback->showInformation({});
    } else {
        const QFileInfo info(caPath);
        QString caError;
        if (!info.exists())
            caError = tr("There is no file at %1.").arg(caPath);
        else if (!info.isFile() || !info.isReadable())
            caError = tr("%1 cannot be read.").arg(caPath);
        else {
            QFile file(caPath);
            if (file.open(QIODevice::ReadOnly) &&
                !file.read(1024 * 1024).contains("-----BEGIN CERTIFICATE-----"))
                caError =
                    tr("%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).").arg(info.fileName());
        }
        check(m_caBundleFeedback, caError.isEmpty(), caError,
              tr("Trusted for this profile, on top of the system's certificates."));
    }

    m_ok->setEnabled(m_problems.isEmpty());
    m_ok->setToolTip(m_problems.join(QLatin1Char('\n')));
    m_test->setEnabled(url.has_value());
}

void ProfileEditorDialog::updateTokenExpiry()
{
    auto *label = m_secretFeedback;
    if (kind() != ProfileKind::AstroToken || m_secret->text().isEmpty()) {
        label->showInformation({});
        return;
    }
    const std::optional<QDateTime> expiry = Auth::JwtClaims::expiry(m_secret->text());
    if (!Auth::JwtClaims::payload(m_secret->text())) {
        label->showWarning(tr("This does not look like an Astro API token (a JSON Web Token)."));
        return;
    }
    if (!expiry) {
        label->showInformation(tr("This token never expires."));
        return;
    }
    const QDateTime now = m_clock();
    const QString text = tr("This token %1.").arg(Auth::JwtClaims::describeExpiry(*expiry, now));
    if (*expiry <= now)
        label->showError(text + QLatin1Char(' ') + tr("Create a new one in Astro."));
    else if (Auth::JwtClaims::expiresSoon(*expiry, now))
        label->showWarning(text);
    else
        label->showInformation(text);
}

void ProfileEditorDialog::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    validate();
}

Profiles::Profile ProfileEditorDialog::profile() const
{
    Profiles::Profile result = m_original;
    result.name = m_name->text().trimmed();
    result.kind = kind();
    QString error;
    result.baseUrl = deploymentUrl(&error).value_or(QUrl());
    result.softwareBaseDomain = softwareByParts() ? m_softwareDomain->text().trimmed() : QString();
    result.softwareReleaseName = softwareByParts() ? m_softwareRelease->text().trimmed() : QString();
    result.softwareBearer = m_softwareBearer->isChecked();
    result.oauthTokenUrl = QUrl(m_oauthTokenUrl->text().trimmed());
    result.oauthClientId = m_oauthClientId->text().trimmed();
    result.oauthAudience = m_oauthAudience->text().trimmed();
    result.oauthScope = m_oauthScope->text().trimmed();
    result.genericMode = genericMode();
    result.customHeaderName = m_headerName->text().trimmed();
    result.command = m_command->text().trimmed();
    result.commandTimeoutSeconds = m_commandTimeout->value();
    result.commandCacheSeconds = m_commandCache->value();
    result.username = m_username->text().trimmed();
    result.folder = m_folder->currentText().trimmed();
    result.colour = m_colour->colour();
    result.readOnly = m_readOnly->isChecked();
    result.production = m_production->isChecked();
    result.notifyFailedRuns = m_notifyFailedRuns->isChecked();
    // Minutes as shown; an interval of seconds set elsewhere (the CLI) stays while the minutes are the same.
    result.notifyIntervalSeconds = (m_original.notifyIntervalSeconds + 59) / 60 == m_notifyInterval->value()
                                       ? m_original.notifyIntervalSeconds
                                       : m_notifyInterval->value() * 60;
    result.caBundlePath = m_caBundle->text().trimmed();
    result.tokenExpiry = {};
    if (result.kind == ProfileKind::AstroToken) {
        if (!m_secret->text().isEmpty())
            result.tokenExpiry = Auth::JwtClaims::expiry(m_secret->text()).value_or(QDateTime());
        else if (m_original.kind == ProfileKind::AstroToken)
            result.tokenExpiry = m_original.tokenExpiry;
    }
    return result;
}

QString ProfileEditorDialog::secret() const
{
    return profile().hasSecret() ? m_secret->text() : QString();
}

bool ProfileEditorDialog::isValid() const
{
    return m_problems.isEmpty();
}

QStringList ProfileEditorDialog::problems() const
{
    return m_problems;
}

void ProfileEditorDialog::setSaveError(const QString &message)
{
    m_saveError->showError(message);
    m_ok->setEnabled(isValid());
}

void ProfileEditorDialog::browseCaBundle()
{
    const QString path =
        FileDialog::getOpenFileName(this, tr("CA bundle for this profile"), m_caBundle->text(),
                                    tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty())
        m_caBundle->setText(path);
}

void ProfileEditorDialog::requestSave()
{
    validate();
    if (!isValid())
        return;
    m_saveError->showInformation({});
    m_ok->setEnabled(false); // until the owner answers: accept() or setSaveError()
    Q_EMIT saveRequested();
}

void ProfileEditorDialog::runConnectionCheck()
{
    const Profiles::Profile current = profile();
    if (m_mode == Mode::New || !m_secret->text().isEmpty() || !current.hasSecret() || !m_secrets) {
        m_checkPanel->start(current, m_secret->text());
        return;
    }
    // Editing, secret left blank: test with the one in the keychain (read asynchronously).
    m_test->setEnabled(false);
    m_secrets->read(current.id, this, [this](const Profiles::SecretResult &result) {
        m_test->setEnabled(true);
        m_checkPanel->start(profile(), result.ok() ? result.secret : QString());
    });
}

} // namespace Windsock::Ui
