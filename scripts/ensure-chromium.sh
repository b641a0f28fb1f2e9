#!/usr/bin/env bash
# Installs Debian's Chromium when absent (browser tests use it through playwright-core; no browser is downloaded).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null | head -1)"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing. Install it with: sudo apt-get install chromium" >&2
  exit 1
fi
echo "Installing Debian's chromium (apt-get)..."
start=$(date +%s)
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
echo "chromium installed in $(( $(date +%s) - start ))s: $(chromium --version 2>/dev/null | head -1)"
