#pragma once

namespace Windsock::Cli {

// windsock-cli's exit codes, documented in `windsock-cli --help` too. Scripts may rely on them.
enum ExitCode : int
{
    Ok = 0,              // the command did what was asked (for `request`: the server answered 1xx-3xx)
    HttpError = 1,       // the server answered with an HTTP error status (404, 409, 500, ...)
    UsageError = 2,      // bad command line: unknown command or option, missing argument, a secret given
                         // as an argument, invalid JSON for --data
    ConnectionError = 3, // no usable answer: unreachable, DNS, timeout, TLS refused, credentials rejected
                         // (401, or a redirect to a login page), or `profile test` found a failing step
    ProfileError = 4,    // the profile or the keychain: no such profile, an invalid field, the profiles file
                         // unreadable, the secret missing or the keychain unavailable
    UnsupportedApi = 5,  // the server speaks an Airflow API this build does not support yet; or the server's
                         // API cannot do this (Airflow 1.10 lists no DAGs, ...): the message says why, and
                         // nothing of the command was sent
    ReadOnlyProfile = 6, // the command would change something, and the profile is marked read-only
    RunFailed = 7,       // trigger --wait: the run ended in the failed state
};

} // namespace Windsock::Cli
