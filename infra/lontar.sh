#!/usr/bin/env bash
# The project's entry point on a fresh machine:
#   bash infra/lontar.sh start   set up what is missing, start the whole embedded system
#   bash infra/lontar.sh test    set up what is missing, run every test (exits non-zero on failure)
#   bash infra/lontar.sh check   typecheck, lint and format check
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-}"; shift || true
# shellcheck source=bootstrap.sh
source "$ROOT/infra/bootstrap.sh"
cd "$ROOT"
case "$cmd" in
  start)
    pnpm --filter @lontar/frontend build >&2
    exec node infra/src/start.ts "$@"
    ;;
  test)
    if ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ]; then
      log "installing Debian's chromium for the end-to-end tests"
      if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
      $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
    fi
    exec node infra/src/run-tests.ts "$@"
    ;;
  check)
    exec pnpm run check
    ;;
  seed)
    # The practice dataset into data/ (system stopped): seed --letters N
    exec node backend/src/cli/seed-practice.ts "$@"
    ;;
  *)
    echo "usage: bash infra/lontar.sh start|test|check" >&2; exit 2;;
esac
