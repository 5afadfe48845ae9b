// The profile editor, offscreen: validation per kind as the user types (the URL Windsock will use, or the
// plain error under the field; OK enabled only when valid), the secret never shown anywhere else, the Astro
// token's expiry, the profile the form gives back, and the save error that keeps what was typed.

#include "profiles/connectioncheckpanel.h"
#include "profiles/feedbacklabel.h"
#include "profiles/profileeditordialog.h"

#include <sandbox/sandboxserver.h>

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using Windsock::Profiles::GenericMode;
using Windsock::Profiles::Profile;
using Windsock::Profiles::ProfileKind;
using Windsock::Ui::ProfileEditorDialog;

namespace {

// A JWT (unsigned; only the payload matters here) whose exp is the given time.
QString tokenExpiringAt(const QDateTime &expiry)
{
    const QByteArray header = QByteArrayLiteral("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    const QByteArray payload = QByteArrayLiteral("{\"sub\":\"tester\",\"exp\":") +
                               QByteArray::number(expiry.toSecsSinceEpoch()) + QByteArrayLiteral("}");
    const auto encode = [](const QByteArray &part) {
        return part.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return QString::fromLatin1(encode(header) + '.' + encode(payload) + '.' + encode("signature"));
}

} // namespace

class TestProfileEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void validatesAsYouType_data();
    void validatesAsYouType();
    void softwareByPartsBuildsTheUrl_data();
    void softwareByPartsBuildsTheUrl();
    void otherKindsNeedTheirFields_data();
    void otherKindsNeedTheirFields();
    void secretIsNeverEchoed();
    void astroTokenShowsItsExpiry_data();
    void astroTokenShowsItsExpiry();
    void profileComesBackAsTyped();
    void editingKeepsTheStoredSecret();
    void guardAndNotificationFields();
    void saveErrorKeepsWhatWasTyped();
    void testConnectionShowsTheChecklist_data();
    void testConnectionShowsTheChecklist();

private:
    void openEditor(ProfileKind kind, ProfileEditorDialog::Mode mode = ProfileEditorDialog::Mode::New,
                    const Profile &base = {});
    QLineEdit *edit(const char *name) const;
    Windsock::Ui::FeedbackLabel *feedback(const char *name) const;
    void type(const char *name, const QString &text);

    std::unique_ptr<ProfileEditorDialog> m_editor;
};

void TestProfileEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestProfileEditor::cleanup()
{
    m_editor.reset();
}

void TestProfileEditor::openEditor(ProfileKind kind, ProfileEditorDialog::Mode mode, const Profile &base)
{
    Profile profile = base;
    profile.kind = kind;
    m_editor =
        std::make_unique<ProfileEditorDialog>(profile, mode, QStringList{QStringLiteral("Production")});
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

QLineEdit *TestProfileEditor::edit(const char *name) const
{
    auto *found = m_editor->findChild<QLineEdit *>(QString::fromLatin1(name));
    Q_ASSERT(found);
    return found;
}

Windsock::Ui::FeedbackLabel *TestProfileEditor::feedback(const char *name) const
{
    auto *found = m_editor->findChild<Windsock::Ui::FeedbackLabel *>(QString::fromLatin1(name));
    Q_ASSERT(found);
    return found;
}

void TestProfileEditor::type(const char *name, const QString &text)
{
    QLineEdit *field = edit(name);
    field->clear();
    QTest::keyClicks(field, text);
}

void TestProfileEditor::validatesAsYouType_data()
{
    QTest::addColumn<ProfileKind>("kind");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("feedback");
    QTest::addColumn<bool>("okEnabled");

    const ProfileKind basic = ProfileKind::Airflow2Basic;
    const ProfileKind astro = ProfileKind::AstroToken;
    QTest::newRow("local with scheme") << basic << QStringLiteral("http://localhost:8080")
                                       << QStringLiteral("Windsock will use http://localhost:8080") << true;
    QTest::newRow("trailing /api/v1 dropped")
        << basic << QStringLiteral("http://airflow.internal:8080/api/v1/")
        << QStringLiteral("Windsock will use http://airflow.internal:8080") << true;
    QTest::newRow("astro without scheme")
        << astro << QStringLiteral("clq1a2b3c.astronomer.run/d4e5f6g7/api/v2")
        << QStringLiteral("Windsock will use https://clq1a2b3c.astronomer.run/d4e5f6g7") << true;
    QTest::newRow("astro with scheme and /api/v1")
        << astro << QStringLiteral("https://mycompany.astronomer.run/dhbhijp0/api/v1")
        << QStringLiteral("Windsock will use https://mycompany.astronomer.run/dhbhijp0") << true;
    QTest::newRow("empty") << basic << QString() << QStringLiteral("Enter the deployment") << false;
    QTest::newRow("astro empty") << astro << QString() << QStringLiteral("Paste the Deployment's API URL")
                                 << false;
    QTest::newRow("space") << basic << QStringLiteral("http://local host:8080")
                           << QStringLiteral("The URL contains a space") << false;
    QTest::newRow("ftp") << basic << QStringLiteral("ftp://example.com")
                         << QStringLiteral("Only http:// and https:// URLs can be used") << false;
    QTest::newRow("credentials in the URL")
        << basic << QStringLiteral("https://admin:admin@example.com")
        << QStringLiteral("Remove the user name and password from the URL") << false;
}

void TestProfileEditor::validatesAsYouType()
{
    QFETCH(ProfileKind, kind);
    QFETCH(QString, url);
    QFETCH(QString, feedback);
    QFETCH(bool, okEnabled);

    openEditor(kind);
    QVERIFY(!m_editor->okButton()->isEnabled()); // nothing typed yet
    type("nameEdit", QStringLiteral("prod"));
    if (kind == ProfileKind::Airflow2Basic)
        type("usernameEdit", QStringLiteral("admin"));
    type("secretEdit", QStringLiteral("s3cret"));
    type("urlEdit", url);

    Windsock::Ui::FeedbackLabel *label = this->feedback("urlFeedback");
    QVERIFY2(label->text().startsWith(feedback), qPrintable(label->text()));
    QVERIFY(label->isVisible());
    QCOMPARE(m_editor->okButton()->isEnabled(), okEnabled);
    QCOMPARE(m_editor->isValid(), okEnabled);
    if (!okEnabled && !url.isEmpty())
        QCOMPARE(label->tone(), Windsock::Ui::FeedbackLabel::Tone::Error);
    // Whatever the outcome, the text stays as typed.
    QCOMPARE(edit("urlEdit")->text(), url);
}

void TestProfileEditor::softwareByPartsBuildsTheUrl_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("release");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("okEnabled");

    QTest::newRow("parts")
        << QStringLiteral("astro.example.com") << QStringLiteral("celestial-orbit-1234")
        << QStringLiteral(
               "Windsock will use https://deployments.astro.example.com/celestial-orbit-1234/airflow")
        << true;
    QTest::newRow("no release") << QStringLiteral("astro.example.com") << QString()
                                << QStringLiteral("Enter the deployment's release name") << false;
    QTest::newRow("bad domain") << QStringLiteral("astro example") << QStringLiteral("x")
                                << QStringLiteral("The base domain") << false;
}

void TestProfileEditor::softwareByPartsBuildsTheUrl()
{
    QFETCH(QString, domain);
    QFETCH(QString, release);
    QFETCH(QString, expected);
    QFETCH(bool, okEnabled);

    openEditor(ProfileKind::SoftwareKey);
    QVERIFY(m_editor->findChild<QRadioButton *>(QStringLiteral("softwareByParts"))->isChecked());
    QVERIFY(!edit("urlEdit")->isVisible());
    QVERIFY(!edit("usernameEdit")->isVisible());
    type("nameEdit", QStringLiteral("software"));
    type("secretEdit", QStringLiteral("key"));
    type("softwareDomainEdit", domain);
    type("softwareReleaseEdit", release);
    QVERIFY2(feedback("urlFeedback")->text().startsWith(expected),
             qPrintable(feedback("urlFeedback")->text()));
    QCOMPARE(m_editor->okButton()->isEnabled(), okEnabled);
    if (okEnabled) {
        QCOMPARE(m_editor->profile().baseUrl,
                 QUrl(QStringLiteral("https://deployments.astro.example.com/celestial-orbit-1234/airflow")));
        QCOMPARE(m_editor->profile().softwareReleaseName, release);
    }

    // The full-URL form: the parts hide, the URL field shows, and the parts are kept.
    m_editor->findChild<QRadioButton *>(QStringLiteral("softwareByUrl"))->click();
    QVERIFY(edit("urlEdit")->isVisible());
    QVERIFY(!edit("softwareDomainEdit")->isVisible());
    type("urlEdit", QStringLiteral("deployments.astro.example.com/orbit-1/airflow"));
    QCOMPARE(feedback("urlFeedback")->text(),
             QStringLiteral("Windsock will use https://deployments.astro.example.com/orbit-1/airflow"));
    QVERIFY(m_editor->okButton()->isEnabled());
    QCOMPARE(edit("softwareDomainEdit")->text(), domain);
}

void TestProfileEditor::otherKindsNeedTheirFields_data()
{
    QTest::addColumn<ProfileKind>("kind");
    QTest::addColumn<int>("genericMode");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem");

    QTest::newRow("airflow 3 user name")
        << ProfileKind::Airflow3Password << 0 << QStringLiteral("usernameEdit") << QStringLiteral("admin")
        << QStringLiteral("Enter the user name.");
    QTest::newRow("oauth2 client id")
        << ProfileKind::OAuth2ClientCredentials << 0 << QStringLiteral("oauthClientIdEdit")
        << QStringLiteral("windsock") << QStringLiteral("Enter the client ID.");
    QTest::newRow("custom header name")
        << ProfileKind::Generic << int(GenericMode::CustomHeader) << QStringLiteral("headerNameEdit")
        << QStringLiteral("X-Api-Key") << QStringLiteral("Enter the header's name.");
    QTest::newRow("command") << ProfileKind::Generic << int(GenericMode::Command)
                             << QStringLiteral("commandEdit")
                             << QStringLiteral("gcloud auth print-access-token")
                             << QStringLiteral("Enter the command that prints the token.");
}

void TestProfileEditor::otherKindsNeedTheirFields()
{
    QFETCH(ProfileKind, kind);
    QFETCH(int, genericMode);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, problem);

    Profile base;
    base.genericMode = GenericMode(genericMode);
    openEditor(kind, ProfileEditorDialog::Mode::New, base);
    type("nameEdit", QStringLiteral("other"));
    type("urlEdit", QStringLiteral("https://airflow.example.com"));
    if (kind == ProfileKind::OAuth2ClientCredentials)
        type("oauthTokenUrlEdit", QStringLiteral("https://login.example.com/oauth/token"));
    if (kind == ProfileKind::Airflow3Password || kind == ProfileKind::OAuth2ClientCredentials ||
        GenericMode(genericMode) != GenericMode::Command)
        type("secretEdit", QStringLiteral("s3cret"));
    else
        QVERIFY(!edit("secretEdit")->isVisible()); // a command has no secret

    QVERIFY2(m_editor->problems().contains(problem), qPrintable(m_editor->problems().join(QLatin1Char('|'))));
    QVERIFY(!m_editor->okButton()->isEnabled());
    auto *input = m_editor->findChild<QLineEdit *>(field);
    QVERIFY(input->isVisible());
    QTest::keyClicks(input, value);
    QVERIFY2(m_editor->okButton()->isEnabled(), qPrintable(m_editor->problems().join(QLatin1Char('|'))));
}

void TestProfileEditor::secretIsNeverEchoed()
{
    openEditor(ProfileKind::Airflow2Basic);
    const QString secret = QStringLiteral("Xq9-unique-secret-7");
    type("nameEdit", QStringLiteral("prod"));
    type("urlEdit", QStringLiteral("http://localhost:8080"));
    type("usernameEdit", QStringLiteral("admin"));
    type("secretEdit", secret);
    QCOMPARE(edit("secretEdit")->echoMode(), QLineEdit::Password);
    QCOMPARE(edit("secretEdit")->displayText().contains(secret), false);

    // Every kind shows its own rows; the secret must appear in none of them, nor in any label or tooltip.
    auto *kinds = m_editor->findChild<QComboBox *>(QStringLiteral("kindCombo"));
    for (int index = 0; index < kinds->count(); ++index) {
        kinds->setCurrentIndex(index);
        const QList<QWidget *> widgets = m_editor->findChildren<QWidget *>();
        for (const QWidget *widget : widgets) {
            QVERIFY(!widget->toolTip().contains(secret));
            QVERIFY(!widget->accessibleName().contains(secret));
            if (const auto *label = qobject_cast<const QLabel *>(widget))
                QVERIFY2(!label->text().contains(secret), qPrintable(label->objectName()));
            if (const auto *line = qobject_cast<const QLineEdit *>(widget);
                line && line->objectName() != QLatin1String("secretEdit"))
                QVERIFY2(!line->text().contains(secret), qPrintable(line->objectName()));
            if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
                QVERIFY(!button->text().contains(secret));
        }
        QVERIFY(!m_editor->windowTitle().contains(secret));
    }
    // And not in the profile (which is what is saved as JSON).
    kinds->setCurrentIndex(0);
    const QByteArray json = QJsonDocument(m_editor->profile().toJson()).toJson();
    QVERIFY(!json.contains(secret.toUtf8()));
    QCOMPARE(m_editor->secret(), secret);
}

void TestProfileEditor::astroTokenShowsItsExpiry_data()
{
    QTest::addColumn<int>("daysLeft");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Windsock::Ui::FeedbackLabel::Tone>("tone");

    QTest::newRow("in a month") << 30 << QStringLiteral("This token expires in 30 days.")
                                << Windsock::Ui::FeedbackLabel::Tone::Information;
    QTest::newRow("soon") << 3 << QStringLiteral("This token expires in 3 days.")
                          << Windsock::Ui::FeedbackLabel::Tone::Warning;
    QTest::newRow("expired") << -2 << QStringLiteral("This token expired 2 days ago.")
                             << Windsock::Ui::FeedbackLabel::Tone::Error;
}

void TestProfileEditor::astroTokenShowsItsExpiry()
{
    QFETCH(int, daysLeft);
    QFETCH(QString, text);
    QFETCH(Windsock::Ui::FeedbackLabel::Tone, tone);

    const QDateTime now = QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC);
    openEditor(ProfileKind::AstroToken);
    m_editor->setClock([now] { return now; });
    type("secretEdit", tokenExpiringAt(now.addDays(daysLeft)));
    Windsock::Ui::FeedbackLabel *label = feedback("secretFeedback");
    QVERIFY2(label->text().startsWith(text), qPrintable(label->text()));
    QCOMPARE(label->tone(), tone);

    type("secretEdit", QStringLiteral("not-a-jwt"));
    QVERIFY(label->text().contains(QLatin1String("does not look like an Astro API token")));
}

void TestProfileEditor::testConnectionShowsTheChecklist_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("summaryStart");
    QTest::newRow("right password") << QStringLiteral("admin") << true
                                    << QStringLiteral("Windsock can use this profile.");
    QTest::newRow("wrong password") << QStringLiteral("Wr0ng-pa55") << false
                                    << QStringLiteral("Credentials accepted failed: ");
}

// "Test connection" against the sandbox: every step of the checklist is listed, and a failure is spelt out in
// full under the list with what to do next.
void TestProfileEditor::testConnectionShowsTheChecklist()
{
    QFETCH(QString, password);
    QFETCH(bool, passed);
    QFETCH(QString, summaryStart);
    Windsock::Sandbox::SandboxServer sandbox;
    QVERIFY2(sandbox.listen(0), qPrintable(sandbox.errorString()));
    openEditor(ProfileKind::Airflow2Basic);
    type("nameEdit", QStringLiteral("local"));
    type("urlEdit", sandbox.baseUrl().toString());
    type("usernameEdit", QStringLiteral("admin"));
    type("secretEdit", password);

    auto *panel = m_editor->checkPanel();
    QSignalSpy finished(panel, &Windsock::Ui::ConnectionCheckPanel::finished);
    m_editor->findChild<QAbstractButton *>(QStringLiteral("testConnectionButton"))->click();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), passed);
    const QStringList steps = panel->stepTexts();
    QCOMPARE(steps.size(), 6);
    for (const char *title : {"Reachable", "TLS certificate valid", "Airflow version and API found",
                              "Credentials accepted", "Metadatabase healthy", "Scheduler healthy"})
        QVERIFY2(steps.join(QLatin1Char('\n')).contains(QLatin1String(title)), title);
    QVERIFY2(panel->summary().startsWith(summaryStart), qPrintable(panel->summary()));
    if (!passed) {
        QVERIFY2(panel->summary().contains(QStringLiteral("\nNext: ")), qPrintable(panel->summary()));
        QVERIFY(!panel->summary().contains(password));
    }
}

void TestProfileEditor::profileComesBackAsTyped()
{
    openEditor(ProfileKind::Airflow2Basic);
    type("nameEdit", QStringLiteral("  staging  "));
    type("urlEdit", QStringLiteral("airflow.example.com/api/v1"));
    type("usernameEdit", QStringLiteral("jane"));
    type("secretEdit", QStringLiteral("pw"));
    m_editor->findChild<QComboBox *>(QStringLiteral("folderCombo"))
        ->setEditText(QStringLiteral("Production"));
    m_editor->findChild<QAbstractButton *>(QStringLiteral("swatch2f80ed"))->click();
    m_editor->findChild<QCheckBox *>(QStringLiteral("readOnlyCheck"))->setChecked(true);

    const Profile profile = m_editor->profile();
    QCOMPARE(profile.name, QStringLiteral("staging"));
    QCOMPARE(profile.kind, ProfileKind::Airflow2Basic);
    QCOMPARE(profile.baseUrl, QUrl(QStringLiteral("https://airflow.example.com")));
    QCOMPARE(profile.username, QStringLiteral("jane"));
    QCOMPARE(profile.folder, QStringLiteral("Production"));
    QCOMPARE(profile.colour, QStringLiteral("#2f80ed"));
    QVERIFY(profile.readOnly);
}

void TestProfileEditor::editingKeepsTheStoredSecret()
{
    Profile base;
    base.id = QStringLiteral("existing-id");
    base.name = QStringLiteral("prod");
    base.baseUrl = QUrl(QStringLiteral("http://localhost:8080"));
    base.username = QStringLiteral("admin");
    openEditor(ProfileKind::Airflow2Basic, ProfileEditorDialog::Mode::Edit, base);
    // The secret stays in the keychain: an empty field is fine when editing.
    QVERIFY2(m_editor->okButton()->isEnabled(), qPrintable(m_editor->problems().join(QLatin1Char('|'))));
    QVERIFY(m_editor->secret().isEmpty());
    QVERIFY(edit("secretEdit")->placeholderText().contains(QLatin1String("unchanged")));
    QCOMPARE(m_editor->profile().id, QStringLiteral("existing-id"));
}

void TestProfileEditor::guardAndNotificationFields()
{
    Profile base;
    base.id = QStringLiteral("existing-id");
    base.name = QStringLiteral("prod");
    base.baseUrl = QUrl(QStringLiteral("http://localhost:8080"));
    base.username = QStringLiteral("admin");
    base.notifyIntervalSeconds = 90; // set by the CLI or by hand: shown as 2 minutes, kept while unchanged
    openEditor(ProfileKind::Airflow2Basic, ProfileEditorDialog::Mode::Edit, base);
    auto *production = m_editor->findChild<QCheckBox *>(QStringLiteral("productionCheck"));
    auto *notify = m_editor->findChild<QCheckBox *>(QStringLiteral("notifyFailedRunsCheck"));
    auto *interval = m_editor->findChild<QSpinBox *>(QStringLiteral("notifyIntervalSpin"));
    QVERIFY(production && notify && interval);
    QVERIFY(production->text().contains(QLatin1String("type the name")));
    QVERIFY(!production->isChecked());
    QVERIFY(!notify->isChecked());
    QVERIFY(!interval->isEnabled()); // no notifications: no interval to choose
    QCOMPARE(interval->value(), 2);
    QCOMPARE(m_editor->profile().notifyIntervalSeconds, 90);

    production->setChecked(true);
    notify->setChecked(true);
    QVERIFY(interval->isEnabled());
    interval->setValue(15);
    Profile profile = m_editor->profile();
    QVERIFY(profile.production);
    QVERIFY(profile.notifyFailedRuns);
    QCOMPARE(profile.notifyIntervalSeconds, 15 * 60);

    // And back: the editor shows what a profile has.
    m_editor.reset();
    openEditor(ProfileKind::Airflow2Basic, ProfileEditorDialog::Mode::Edit, profile);
    QVERIFY(m_editor->findChild<QCheckBox *>(QStringLiteral("productionCheck"))->isChecked());
    QVERIFY(m_editor->findChild<QCheckBox *>(QStringLiteral("notifyFailedRunsCheck"))->isChecked());
    QCOMPARE(m_editor->findChild<QSpinBox *>(QStringLiteral("notifyIntervalSpin"))->value(), 15);
    QCOMPARE(m_editor->profile().notifyIntervalSeconds, 15 * 60);
}

void TestProfileEditor::saveErrorKeepsWhatWasTyped()
{
    openEditor(ProfileKind::Airflow2Basic);
    type("nameEdit", QStringLiteral("prod"));
    type("urlEdit", QStringLiteral("http://localhost:8080"));
    type("usernameEdit", QStringLiteral("admin"));
    type("secretEdit", QStringLiteral("pw"));
    QSignalSpy saveRequested(m_editor.get(), &ProfileEditorDialog::saveRequested);
    QTest::mouseClick(m_editor->okButton(), Qt::LeftButton);
    QCOMPARE(saveRequested.count(), 1);
    QVERIFY(m_editor->isVisible()); // OK does not close: the owner saves, then accepts

    m_editor->setSaveError(QStringLiteral("The keychain is locked."));
    QVERIFY(m_editor->isVisible());
    QCOMPARE(feedback("saveError")->text(), QStringLiteral("The keychain is locked."));
    QCOMPARE(edit("nameEdit")->text(), QStringLiteral("prod"));
    QCOMPARE(edit("secretEdit")->text(), QStringLiteral("pw"));
    QVERIFY(m_editor->okButton()->isEnabled());
}

QTEST_MAIN(TestProfileEditor)
#include "tst_profileeditor.moc"
