#!/usr/bin/env bash
# Renders the PNG sizes of the icon from mediane.svg (the menus of older desktops want bitmaps).
# Run after changing the SVG; needs rsvg-convert (Debian package librsvg2-bin), not needed to build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 32 48 64 128 256; do
  rsvg-convert --width "$size" --height "$size" mediane.svg > "mediane-$size.png"
done
