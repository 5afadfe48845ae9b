#pragma once

#include "commandcontext.h"

#include "profiles/profile.h"

#include <QObject>
#include <optional>

namespace Windsock::Api {
class ConnectionCheck;
}

namespace Windsock::Profiles {
class DeploymentConnector;
}

namespace Windsock::Cli {

// `windsock-cli profile list|add|edit|remove|test`.
class ProfileCommand final : public QObject
{
    Q_OBJECT

public:
    explicit ProfileCommand(CommandContext context, QObject *parent = nullptr);
    void run(); // finishes through the context's finish()

    // The profile named by NAME_OR_ID (id, exact name, or a unique case-insensitive name); when the text is
    // empty: the last used profile, or the only one. Error in plain words.
    static std::optional<Profiles::Profile> find(const Profiles::ProfileStore &store, const QString &nameOrId,
                                                 QString *error);

private:
    void list();
    void add();
    void edit();
    void remove();
    void test();
    // Reads the secret from the source the options name; nullopt with a message already printed.
    std::optional<QString> readSecret(bool required);
    void saveWithSecret(const Profiles::Profile &profile, const std::optional<QString> &secret, bool isNew);

    CommandContext m_context;
    Profiles::DeploymentConnector *m_connector = nullptr;
    Api::ConnectionCheck *m_check = nullptr;
};

} // namespace Windsock::Cli
