#!/usr/bin/env bash
# Installs the real MCP servers the protocol integration tests talk to
# (crates/protocol/tests/real_servers.rs) into target/test-servers/.
#
# It is a cache: when the locked versions are already installed it does nothing.
# Everything is locked, not only the servers: scripts/test-servers/package-lock.json
# (installed with `npm ci`) and scripts/test-servers/requirements.txt (every Python
# package, pinned), so a new upstream release of a server or of anything it depends
# on cannot change what the tests see without a commit here. To move a version:
# edit package.json (or the requirement), run `npm install` in a scratch copy of
# scripts/test-servers (or pip install in a fresh venv and pip freeze), and commit
# the new lock.
#
# Needs: node + npm (v20 or newer) and python3 (3.10 or newer) with venv.
# Usage: scripts/install-test-servers.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."

DEST="target/test-servers"
LOCKS="scripts/test-servers"

force=0
if [ "${1:-}" = "--force" ]; then
  force=1
fi

mkdir -p "$DEST"

# The stamps record the locks installed; any change of a lock reinstalls.
npm_want="$(cat "$LOCKS/package.json" "$LOCKS/package-lock.json" | cksum)"
pip_want="$(cksum < "$LOCKS/requirements.txt")"
npm_stamp="$DEST/npm/.mcpward-installed"
pip_stamp="$DEST/venv/.mcpward-installed"

if [ "$force" = 0 ] && [ -f "$npm_stamp" ] && [ "$(cat "$npm_stamp")" = "$npm_want" ] \
  && [ -f "$DEST/npm/node_modules/@modelcontextprotocol/server-everything/dist/index.js" ]; then
  echo "npm test servers: up to date"
else
  command -v npm >/dev/null 2>&1 || { echo "install-test-servers: npm not found (need node >= 20)" >&2; exit 1; }
  echo "npm test servers: installing from $LOCKS/package-lock.json"
  rm -rf "$DEST/npm"
  mkdir -p "$DEST/npm"
  # A package.json of our own keeps npm from walking up into the repository.
  cp "$LOCKS/package.json" "$LOCKS/package-lock.json" "$DEST/npm/"
  npm ci --prefix "$DEST/npm" --no-audit --no-fund --loglevel=error
  printf '%s\n' "$npm_want" > "$npm_stamp"
fi

if [ "$force" = 0 ] && [ -f "$pip_stamp" ] && [ "$(cat "$pip_stamp")" = "$pip_want" ] \
  && [ -x "$DEST/venv/bin/mcp-server-time" ]; then
  echo "python test servers: up to date"
else
  command -v python3 >/dev/null 2>&1 || { echo "install-test-servers: python3 not found" >&2; exit 1; }
  echo "python test servers: installing from $LOCKS/requirements.txt"
  rm -rf "$DEST/venv"
  python3 -m venv "$DEST/venv"
  "$DEST/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$LOCKS/requirements.txt"
  printf '%s\n' "$pip_want" > "$pip_stamp"
fi

abs="$(cd "$DEST" && pwd)"
echo "test servers installed under $abs:"
for p in server-everything server-filesystem server-memory; do
  echo "  $p: $abs/npm/node_modules/@modelcontextprotocol/$p/dist/index.js"
done
echo "  mcp-server-time: $abs/venv/bin/mcp-server-time"
