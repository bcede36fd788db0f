#!/usr/bin/env bash
# Installs, from apt, the Chromium that the browser tests (scripts/test.sh) and the staff UI harness (scripts/bench-ui.sh)
# drive: the full browser and its headless shell (Debian's chromium-headless-shell, the old headless mode, which both
# prefer: tests/Shared/TestBrowser.cs). Does nothing when CLINIC_CHROMIUM names a browser or both are installed.
#
#   scripts/install-chromium.sh [LOG]     apt's output goes to LOG (default: standard error)
#
# Without the shell the browser tests use the full browser: slower, not wrong. Exit code 1 when no browser is left.
set -uo pipefail
APT_GET=$(dirname -- "${BASH_SOURCE[0]}")/apt-get.sh # one apt-get at a time
LOG=${1:-/dev/stderr}
SHELL_PATH=/usr/lib/chromium/chromium-headless-shell
[[ -n "${CLINIC_CHROMIUM:-}" ]] && exit 0
[[ -x /usr/bin/chromium && -x $SHELL_PATH ]] && exit 0
echo "installing Chromium and its headless shell (apt) for the browser tests and the UI harness..." >&2
"$APT_GET" update -qq >>"$LOG" 2>&1
[[ -x /usr/bin/chromium ]] || DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y -qq chromium >>"$LOG" 2>&1 \
    || echo "could not install chromium; see $LOG" >&2
DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y -qq chromium-headless-shell >>"$LOG" 2>&1 \
    || echo "could not install chromium-headless-shell (the full browser is used instead); see $LOG" >&2
[[ -x /usr/bin/chromium || -x $SHELL_PATH ]]
