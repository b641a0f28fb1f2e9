#!/usr/bin/env bash
# Installs what n8n's queue mode needs for `npm run dev:queue` and `npm run test:e2e:queue` when absent:
# Debian's PostgreSQL (database), Redis (job queue) and nginx (reverse proxy in front of the webhook
# processes). Nothing is started here; e2e/lib/services.js runs each on loopback with its own data folder.
set -euo pipefail
missing=()
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -eq 0 ]; then
  echo "queue-mode services: PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}'), $(redis-server --version | awk '{print $3}'), $( (nginx -v || /usr/sbin/nginx -v) 2>&1 | sed 's/.*: //')"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Queue mode needs ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} (apt-get)..."
start=$(date +%s)
apt-get update -qq
# policy-rc.d keeps the packages' own services from starting: the harness runs its own instances.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1
echo "installed in $(( $(date +%s) - start ))s"
