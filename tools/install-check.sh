#!/usr/bin/env bash
# `score` on PATH from the packed package, as a clerk's machine gets it: npm pack → npm install -g
# into a temporary prefix → $prefix/bin/score --version, then two real commands from another folder
# (the built-in schemes and the templates must be in the package). Run by test/install.test.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/bundle/main.js ] || { echo "install check: build first (npm run build)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# --ignore-scripts: pack the dist/ already built (prepare would rebuild it while tests run).
npm pack --ignore-scripts --silent --pack-destination "$tmp" >/dev/null
tgz=$(ls "$tmp"/score-*.tgz)
npm install -g --prefix "$tmp/prefix" --no-audit --no-fund --prefer-offline --loglevel=error "$tgz" >/dev/null
expected=$(node -p 'require("./package.json").version')
v=$("$tmp/prefix/bin/score" --version)
[ "$v" = "$expected" ] || { echo "install check: score --version printed '$v', expected $expected" >&2; exit 1; }
cd "$tmp"
PATH="$tmp/prefix/bin:$PATH" score schemes --json >/dev/null
PATH="$tmp/prefix/bin:$PATH" score scheme init --out "$tmp/frame.json" >/dev/null
[ -f "$tmp/score-scheme.schema.json" ] || { echo "install check: scheme init wrote no schema file" >&2; exit 1; }
echo "score $v installed from $(basename "$tgz") into a temporary prefix and on PATH"
