#!/usr/bin/env bash
# Installs Debian's Chromium when absent (browser tests use it through playwright-core; no browser is downloaded).
set -euo pipefail
source "$(dirname "$0")/apt-install.sh"
if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi
echo "chromium: $(chromium --version 2>/dev/null | head -1)"
