# Sourced by the ensure-*.sh scripts: apt_install PACKAGE... installs Debian packages (as root), or says
# which command to run. The packages' own services are not started: the project runs its own instances.
apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "Missing: $*. Install with: sudo apt-get install $*" >&2
    return 1
  fi
  echo "Installing Debian's $* (apt-get)..."
  local start; start=$(date +%s)
  apt-get update -qq
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  local status=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 || status=$?
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ "$status" = 0 ] || { echo "apt-get install $* failed ($status)" >&2; return "$status"; }
  echo "$* installed in $(( $(date +%s) - start ))s"
}
