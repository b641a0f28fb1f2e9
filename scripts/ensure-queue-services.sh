#!/usr/bin/env bash
# Installs what n8n's queue mode needs for `npm run dev:queue` and `npm run test:e2e:queue` when absent:
# Debian's PostgreSQL (database), Redis (job queue) and nginx (reverse proxy in front of the webhook
# processes). Nothing is started here; e2e/lib/services.js runs each on loopback with its own data folder.
set -euo pipefail
source "$(dirname "$0")/apt-install.sh"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi
echo "queue-mode services: PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}'), Redis $(redis-server --version | awk '{print $3}' | sed 's/^v=//'), $( (nginx -v || /usr/sbin/nginx -v) 2>&1 | sed 's/.*: //')"
