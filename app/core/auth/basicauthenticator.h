#pragma once

// BasicAuthenticator lives beside the interface, in authenticator.h; this header lets callers include it by
// its class name like every other authenticator.
#include "authenticator.h"
