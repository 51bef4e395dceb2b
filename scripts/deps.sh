#!/usr/bin/env bash
# Installs the Debian 12 packages Médiane needs to build, run and test.
# Only what is missing is installed; without root, the exact apt command is printed instead.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ccache
  libimgui-dev libstb-dev libglfw3-dev libgl-dev libgl1-mesa-dev libgl1-mesa-dri
  libsqlite3-dev libcurl4-openssl-dev nlohmann-json3-dev libcli11-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev libsodium-dev libxlsxwriter-dev libsecret-1-dev
  libjemalloc-dev  # the hub's and the app's allocator: a sixth less hub CPU per push than glibc's
  catch2 libbenchmark-dev
  clang-14 libclang-rt-14-dev llvm-14
  fonts-dejavu-core
  xvfb xauth x11-utils imagemagick xdotool xdg-utils unzip openssl
  sqlite3 time strace  # benchmarks: notebooks read with sqlite3, processes timed with /usr/bin/time, fsyncs counted with strace
  dpkg-dev fakeroot file lintian systemd  # packages: cpack's dpkg-shlibdeps, lintian's checks, systemd-analyze security
  postgresql-15 libpqxx-dev  # the hub's PostgreSQL backend; its tests start a throw-away cluster with initdb
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Missing packages. Run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
