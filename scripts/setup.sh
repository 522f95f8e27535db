#!/usr/bin/env bash
# Brings a fresh machine to where salt-ts runs and its tests pass: the nats-server
# broker and the system tools the execution modules drive (Debian packages), the
# npm dependencies, and a build. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# command the project needs -> the Debian package that provides it
declare -A PACKAGE_OF=(
  [nats-server]=nats-server
  [ping]=iputils-ping
  [ip]=iproute2
  [free]=procps
  [setpriv]=util-linux
  [git]=git
  [crontab]=cron
  [supervisord]=supervisor
  [haproxy]=haproxy
)
missing=()
for cmd in "${!PACKAGE_OF[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || [ -x "/sbin/$cmd" ] || missing+=("${PACKAGE_OF[$cmd]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} (Debian packages)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: missing ${missing[*]}; install as root with: apt-get install ${missing[*]}" >&2; exit 1
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

npm run --silent build
