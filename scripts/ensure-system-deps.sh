#!/usr/bin/env bash
# Installs what the tests need from Debian's packages when it is missing and we are root:
# chromium (Playwright drives it), postgresql (the integration tests' second database) and faketime
# (libfaketime: the unit and integration suites run again with the clock moved +45 and +400 days).
# Without root it says exactly what is missing and stops.
set -euo pipefail

missing=()
chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_bin" ] || missing+=(chromium)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
if [ -z "${TEST_DATABASE_URL_PG:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing for the tests: ${missing[*]}." >&2
  echo "Install them (e.g. sudo apt-get install -y ${missing[*]}), or set CHROMIUM_PATH / TEST_DATABASE_URL_PG." >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed ${missing[*]}."
