#!/usr/bin/env bash
# Installs every Debian 12 package Tributary needs to build, run and test.
# Run as root on a fresh machine; safe to run again (apt skips what is installed).
set -euo pipefail

BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache git
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite
    qt6-webengine-dev qt6-webengine-dev-tools qt6-webchannel-dev
    qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev qt6-qpa-plugins
    qtkeychain-qt6-dev libsecret-1-0
    libgmime-3.0-dev libical-dev libssl-dev
    libgl-dev libxkbcommon-dev
)
RUNTIME_PACKAGES=(
    gnome-keyring dbus fonts-dejavu-core qt6-translations-l10n
)
TEST_PACKAGES=(
    xvfb xauth openssl imagemagick
    dovecot-imapd dovecot-pop3d
    python3-aiosmtpd radicale python3-passlib
    spamassassin spamc spamd
    clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14
    isync fetchmail getmail6 safecat
)

want=("${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}")
if [[ "${1:-}" == "--with-tests" ]]; then
    want+=("${TEST_PACKAGES[@]}")
fi

missing=()
for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    if [[ $EUID -ne 0 ]]; then
        echo "These packages are missing; run this script as root to install them:" >&2
        printf '  %s\n' "${missing[@]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "All ${#want[@]} packages are installed."

# The OAuth test server (tests/env/node, oidc-provider) runs on Node.js >= 20.19 with npm.
# Machines of this project come with Node.js 20; where node is missing altogether, Debian's
# nodejs and npm are installed (Debian 12 ships Node.js 18: the OAuth tests then say the
# runtime is too old rather than passing silently).
if [[ "${1:-}" == "--with-tests" ]] && ! command -v node >/dev/null; then
    if [[ $EUID -ne 0 ]]; then
        echo "Node.js is missing; run this script as root to install nodejs and npm." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends nodejs npm
fi
