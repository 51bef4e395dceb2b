#!/usr/bin/env bash
# Installs what is missing, builds Médiane in Release and opens it on a demo database.
# Usage: scripts/run.sh [data-dir]   (default: a demo notebook in ~/.local/share/mediane-demo)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$root/scripts/deps.sh"
bash "$root/scripts/build.sh" "$root/build"

data="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/mediane-demo}"
if [ ! -f "$data/mediane.sqlite" ]; then
  echo "Creating a demo notebook in $data ..."
  "$root/build/src/mediane" --data "$data" demo --scale small >/dev/null
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found (DISPLAY is not set). On a desktop session this opens the window;" >&2
  echo "to try it headless: Xvfb :99 & DISPLAY=:99 $0" >&2
  exit 1
fi
exec "$root/build/src/mediane" --data "$data"
