# Shared by scripts/start and scripts/test. Sourced, not run.
set -euo pipefail
WINDSOCK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# What building and running Windsock needs from Debian 12.
WINDSOCK_BUILD_PACKAGES=(cmake ninja-build g++ qt6-base-dev qtkeychain-qt6-dev qt6-httpserver-dev
  qt6-websockets-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev libgl1-mesa-dev gnome-keyring dbus-x11
  qt6-qpa-plugins fonts-dejavu-core libyaml-dev)
# What only the test suite needs on top: a display server for screenshots, the Secret Service, Node for the
# contract proxy, clang-format for the style check; curl, jq, python3-requests and httpie run the explorer's
# exported snippets (tests/integration/explorer/tst_snippets_run).
WINDSOCK_TEST_PACKAGES=(xvfb xauth clang-format nodejs npm curl jq python3-requests httpie)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# install_missing PACKAGE...: installs, with apt-get, the packages that are not installed yet.
install_missing() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # Node and npm may come from elsewhere than Debian (e.g. NodeSource); don't fight them.
  if command -v npm >/dev/null 2>&1; then
    local kept=()
    for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || kept+=("$p"); done
    missing=("${kept[@]+"${kept[@]}"}")
  fi
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

build_preset() {
  local preset=$1
  say "Building ($preset)"
  cmake --preset "$preset" -S "$WINDSOCK_ROOT" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
}
