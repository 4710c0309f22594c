#!/usr/bin/env bash
# Installs the real MCP servers the protocol integration tests talk to
# (crates/protocol/tests/real_servers.rs) into target/test-servers/.
#
# It is a cache: when the pinned versions are already installed it does nothing.
# Versions are pinned exactly so a new upstream release cannot change what the
# tests see without a commit here. Bump them together with the stamp below.
#
# Needs: node + npm (v20 or newer) and python3 (3.10 or newer) with venv.
# Usage: scripts/install-test-servers.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."

DEST="target/test-servers"
NPM_PACKAGES=(
  "@modelcontextprotocol/server-everything@2026.8.31"
  "@modelcontextprotocol/server-filesystem@2026.8.31"
  "@modelcontextprotocol/server-memory@2026.8.31"
)
PIP_PACKAGES=(
  "mcp-server-time==2026.10.19"
)

force=0
if [ "${1:-}" = "--force" ]; then
  force=1
fi

mkdir -p "$DEST"

# The stamp records exactly what was asked for; any change of a pin reinstalls.
npm_want="$(printf '%s\n' "${NPM_PACKAGES[@]}")"
pip_want="$(printf '%s\n' "${PIP_PACKAGES[@]}")"
npm_stamp="$DEST/npm/.mcpward-installed"
pip_stamp="$DEST/venv/.mcpward-installed"

if [ "$force" = 0 ] && [ -f "$npm_stamp" ] && [ "$(cat "$npm_stamp")" = "$npm_want" ] \
  && [ -f "$DEST/npm/node_modules/@modelcontextprotocol/server-everything/dist/index.js" ]; then
  echo "npm test servers: up to date"
else
  command -v npm >/dev/null 2>&1 || { echo "install-test-servers: npm not found (need node >= 20)" >&2; exit 1; }
  echo "npm test servers: installing ${NPM_PACKAGES[*]}"
  rm -rf "$DEST/npm"
  mkdir -p "$DEST/npm"
  # A package.json of our own keeps npm from walking up into the repository.
  printf '{"name":"mcpward-test-servers","private":true}\n' > "$DEST/npm/package.json"
  npm install --prefix "$DEST/npm" --no-audit --no-fund --save-exact --loglevel=error "${NPM_PACKAGES[@]}"
  printf '%s\n' "${NPM_PACKAGES[@]}" > "$npm_stamp"
fi

if [ "$force" = 0 ] && [ -f "$pip_stamp" ] && [ "$(cat "$pip_stamp")" = "$pip_want" ] \
  && [ -x "$DEST/venv/bin/mcp-server-time" ]; then
  echo "python test servers: up to date"
else
  command -v python3 >/dev/null 2>&1 || { echo "install-test-servers: python3 not found" >&2; exit 1; }
  echo "python test servers: installing ${PIP_PACKAGES[*]}"
  rm -rf "$DEST/venv"
  python3 -m venv "$DEST/venv"
  "$DEST/venv/bin/python" -m pip install --quiet --disable-pip-version-check "${PIP_PACKAGES[@]}"
  printf '%s\n' "${PIP_PACKAGES[@]}" > "$pip_stamp"
fi

abs="$(cd "$DEST" && pwd)"
echo "test servers installed under $abs:"
for p in server-everything server-filesystem server-memory; do
  echo "  $p: $abs/npm/node_modules/@modelcontextprotocol/$p/dist/index.js"
done
echo "  mcp-server-time: $abs/venv/bin/mcp-server-time"
