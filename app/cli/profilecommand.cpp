#include "profilecommand.h"

#include "discovercommand.h"
#include "exitcode.h"
#include "profilefields.h"
#include "secretinput.h"

#include "api/connectioncheck.h"
#include "auth/authenticator.h"
#include "profiles/authenticatorfactory.h"
#include "profiles/deploymentconnector.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

using Windsock::Profiles::Profile;
using Windsock::Profiles::SecretResult;

namespace Windsock::Cli {

ProfileCommand::ProfileCommand(CommandContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{}

std::optional<Profile> ProfileCommand::find(const Profiles::ProfileStore &store, const QString &nameOrId,
                                            QString *error)
{
    const QList<Profile> profiles = store.profiles();
    QStringList names;
    for (const Profile &profile : profiles)
        names.append(profile.name);
    if (profiles.isEmpty()) {
        *error =
            QStringLiteral("There are no profiles yet. Add one with: windsock-cli profile add --kind KIND "
                           "--url URL ...");
        return std::nullopt;
    }
    if (nameOrId.isEmpty()) {
        if (const std::optional<Profile> last = store.profile(store.lastUsedProfileId()))
            return last;
        if (profiles.size() == 1)
            return profiles.first();
        *error = QStringLiteral("Say which profile to use with --profile NAME. Profiles: %1")
                     .arg(names.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    for (const Profile &profile : profiles) {
        if (profile.id == nameOrId || profile.name == nameOrId)
            return profile;
    }
    std::optional<Profile> match;
    for (const Profile &profile : profiles) {
        if (profile.name.compare(nameOrId, Qt::CaseInsensitive) == 0) {
            if (match) {
                *error = QStringLiteral("More than one profile is named \"%1\"; use its id.").arg(nameOrId);
                return std::nullopt;
            }
            match = profile;
        }
    }
    if (!match)
        *error = QStringLiteral("There is no profile named \"%1\". Profiles: %2")
                     .arg(nameOrId, names.join(QStringLiteral(", ")));
    return match;
}

void ProfileCommand::run()
{
    const QString action = m_context.arguments.value(0);
    if (!m_context.arguments.isEmpty())
        m_context.arguments.removeFirst();
    if (action == QLatin1String("list"))
        list();
    else if (action == QLatin1String("add"))
        add();
    else if (action == QLatin1String("edit"))
        edit();
    else if (action == QLatin1String("remove"))
        remove();
    else if (action == QLatin1String("test"))
        test();
    else if (action == QLatin1String("discover"))
        (new DiscoverCommand(m_context, this))->run();
    else
        m_context.fail(UsageError,
                       QStringLiteral("Unknown profile command \"%1\": use list, add, edit, remove, "
                                      "test or discover.")
                           .arg(action));
}

void ProfileCommand::list()
{
    const QList<Profile> profiles = m_context.store->profiles();
    if (m_context.parser->isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Profile &profile : profiles)
            array.append(profile.toJson());
        *m_context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else if (profiles.isEmpty()) {
        *m_context.err << "No profiles yet." << Qt::endl;
    } else {
        for (const Profile &profile : profiles) {
            *m_context.out << profile.name << '\t' << Profiles::kindKey(profile.kind) << '\t'
                           << profile.baseUrl.toString() << '\t' << profile.id << '\n';
        }
    }
    m_context.out->flush();
    m_context.finish(Ok);
}

std::optional<QString> ProfileCommand::readSecret(bool required)
{
    const QCommandLineParser &parser = *m_context.parser;
    QString error;
    std::optional<QString> secret;
    if (parser.isSet(QStringLiteral("secret-stdin"))) {
        secret = SecretInput::fromStdin(&error);
    } else if (parser.isSet(QStringLiteral("secret-env"))) {
        secret = SecretInput::fromEnvironment(parser.value(QStringLiteral("secret-env")), &error);
    } else if (required || parser.isSet(QStringLiteral("change-secret"))) {
        secret = SecretInput::prompt(QStringLiteral("Secret (not shown)"), &error);
    } else {
        return QString(); // no change
    }
    if (!secret)
        m_context.fail(UsageError, error);
    return secret;
}

void ProfileCommand::add()
{
    Profile profile;
    QString error;
    if (!m_context.parser->isSet(QStringLiteral("kind")))
        return m_context.fail(UsageError, QStringLiteral("Give the profile's kind with --kind."));
    if (!ProfileFields::apply(*m_context.parser, profile, &error))
        return m_context.fail(UsageError, error);
    for (const Profile &other : m_context.store->profiles()) {
        if (other.name == profile.name)
            return m_context.fail(
                ProfileError, QStringLiteral("A profile named \"%1\" exists already; choose another --name.")
                                  .arg(profile.name));
    }
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::optional<QString> secret;
    if (profile.hasSecret()) {
        secret = readSecret(true);
        if (!secret)
            return;
    }
    saveWithSecret(profile, secret, true);
}

void ProfileCommand::edit()
{
    if (m_context.arguments.isEmpty())
        return m_context.fail(UsageError,
                              QStringLiteral("Say which profile to edit: profile edit NAME_OR_ID."));
    QString error;
    std::optional<Profile> profile = find(*m_context.store, m_context.arguments.value(0), &error);
    if (!profile)
        return m_context.fail(ProfileError, error);
    if (!ProfileFields::apply(*m_context.parser, *profile, &error))
        return m_context.fail(UsageError, error);
    std::optional<QString> secret;
    if (profile->hasSecret()) {
        secret = readSecret(false);
        if (!secret)
            return;
        if (secret->isEmpty())
            secret.reset(); // unchanged
    }
    saveWithSecret(*profile, secret, false);
}

void ProfileCommand::saveWithSecret(const Profile &profile, const std::optional<QString> &secret, bool isNew)
{
    const auto save = [this, profile, isNew] {
        m_context.store->upsert(profile);
        if (!m_context.store->error().isEmpty()) {
            const QString message = m_context.store->error();
            if (isNew)
                m_context.secrets->remove(profile.id, this, [](const SecretResult &) {});
            return m_context.fail(ProfileError, message);
        }
        *m_context.out << (isNew ? "Added profile " : "Saved profile ") << profile.name << " (" << profile.id
                       << ")" << Qt::endl;
        m_context.finish(Ok);
    };
    if (!secret)
        return save();
    m_context.secrets->write(profile.id, *secret, this, [this, save](const SecretResult &result) {
        if (!result.ok()) {
            // A secret kept in memory would be gone when this command ends: nothing is saved.
            return m_context.fail(ProfileError,
                                  result.message + QStringLiteral(" The profile was not saved."));
        }
        save();
    });
}

void ProfileCommand::remove()
{
    if (m_context.arguments.isEmpty())
        return m_context.fail(UsageError,
                              QStringLiteral("Say which profile to remove: profile remove NAME_OR_ID."));
    QString error;
    const std::optional<Profile> profile = find(*m_context.store, m_context.arguments.value(0), &error);
    if (!profile)
        return m_context.fail(ProfileError, error);
    m_context.secrets->remove(profile->id, this, [this, profile](const SecretResult &result) {
        if (!result.ok() && result.status != SecretResult::Status::NotFound)
            return m_context.fail(ProfileError,
                                  QStringLiteral("The keychain entry could not be removed, so the "
                                                 "profile was kept: %1")
                                      .arg(result.message));
        if (!m_context.store->remove(profile->id))
            return m_context.fail(ProfileError, m_context.store->error());
        *m_context.out << "Removed profile " << profile->name << " and its keychain entry." << Qt::endl;
        m_context.finish(Ok);
    });
}

void ProfileCommand::test()
{
    QString error;
    const std::optional<Profile> profile = find(*m_context.store, m_context.arguments.value(0), &error);
    if (!profile)
        return m_context.fail(ProfileError, error);
    m_connector = new Profiles::DeploymentConnector(m_context.nam, m_context.secrets, this);
    m_connector->prepare(*profile, this, [this, profile](const Profiles::PreparedProfile &prepared) {
        if (!prepared.ok())
            return m_context.fail(ProfileError, prepared.message);
        m_check = new Api::ConnectionCheck(profile->baseUrl,
                                           Profiles::AuthenticatorFactory::create(*profile, prepared.secret),
                                           prepared.caCertificates, this);
        connect(m_check, &Api::ConnectionCheck::finished, this,
                [this, profile](const Api::ConnectionCheck::Report &report) {
                    *m_context.out << "Testing " << profile->name << " (" << profile->baseUrl.toString()
                                   << ")\n"
                                   << report.toText();
                    if (!report.toText().endsWith(QLatin1Char('\n')))
                        *m_context.out << '\n';
                    m_context.out->flush();
                    m_context.finish(report.ok() ? Ok : ConnectionError);
                });
        m_check->start();
    });
}

} // namespace Windsock::Cli
