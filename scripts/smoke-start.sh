#!/usr/bin/env bash
# Starts the app the way the README says (`npm start`), waits until it serves demo data, optionally
# SIGKILLs it and starts it again on the same data folder, then stops it cleanly.
# usage: scripts/smoke-start.sh PORT [--kill-and-restart]
set -euo pipefail
port="$1"
mode="${2:-}"
log="$(mktemp)"
pid=""
# Whatever happens, leave no app behind (its PostgreSQL stops with it on SIGTERM).
stop_app() { [ -n "$pid" ] && kill -TERM -- "-$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
trap stop_app EXIT

start() {
  PORT="$port" setsid npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/api/session" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "app exited during start-up"; exit 1; fi
    sleep 1
  done
  cat "$log"; echo "app did not answer within 120 s"; exit 1
}

check_demo() {
  local jar; jar="$(mktemp)"
  curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$port/api/session" >/dev/null
  local csrf; csrf="$(awk '$6 == "yishi_csrf" { print $7 }' "$jar")"
  curl -fsS -c "$jar" -b "$jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
    -d '{"phone":"13900000004","password":"demo1234"}' "http://127.0.0.1:$port/api/auth/login/password" | grep -q '河滨社区'
  curl -fsS "http://127.0.0.1:$port/" | grep -qi '<div id="app"'
  echo "serving demo data on port $port"
}

start
check_demo
if [ "$mode" = "--kill-and-restart" ]; then
  # SIGKILL the app's processes (npm, sh, node) but not its PostgreSQL child: as a crash would.
  pkill -KILL -g "$pid" -x 'node|npm|sh' || true
  sleep 1
  start
  check_demo
  grep -q 'reusing the PostgreSQL server' "$log" && echo "the restarted app reused the running PostgreSQL"
fi
stop_app
pid=""
echo "stopped"
