#!/usr/bin/env bash
# Tests docs/deploy/nginx.conf for real: `nginx -t` on it with a throw-away self-signed certificate,
# then a private nginx (own prefix, pid, logs and temp folders under a temp dir; never the system's)
# on spare ports in front of a running app, and checks through it: the API answers over HTTPS, the
# app sees the client's address (not one a client forged), HTTP redirects to HTTPS, /metrics is
# refused, a 20 MB upload passes and a 40 MB one does not, except a roster import (up to 100 MB).
#
#   scripts/check-nginx.sh                 starts the app itself (DATABASE_URL if set, else an
#                                          embedded PostgreSQL in the temp dir) and stops it after
#   YISHI_CHECK_APP_PORT=3000 scripts/check-nginx.sh
#                                          uses an app already listening there (its log is not
#                                          read, so the forwarded-address check is skipped)
#
# Needs nginx (Debian: apt-get install -y nginx-light), openssl and curl. Exit 0 = all checks passed.
set -euo pipefail

cd "$(dirname "$0")/.."
if ! command -v nginx >/dev/null; then
  echo "check-nginx: nginx is not installed (apt-get install -y nginx-light); nothing checked" >&2
  exit 0
fi

work=$(mktemp -d /tmp/yishi-nginx-check.XXXXXX)
chmod 755 "$work" # nginx workers (www-data) read and write their temp folders in here
app_pid=""
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "  ok    $1"; }
fail() {
  echo "  FAIL  $1" >&2
  failures=$((failures + 1))
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
http_port=$(free_port)
https_port=$(free_port)

# The app: the operator's own, or one started here the way the systemd unit starts it.
if [ -n "${YISHI_CHECK_APP_PORT:-}" ]; then
  app_port=$YISHI_CHECK_APP_PORT
else
  npx tsx scripts/build-server.ts >/dev/null
  app_port=$(free_port)
  (
    export NODE_ENV=production HOST=127.0.0.1 PORT=$app_port YISHI_TRUST_PROXY=127.0.0.1 YISHI_SMS_PROVIDER=none
    # Every request logged, so the forwarded-address check below finds the line (production samples 0).
    export LOG_LEVEL=info YISHI_LOG_SAMPLE=1 YISHI_DATA_DIR="$work/data"
    export YISHI_PG_PORT=$(free_port)
    # Production needs the chain anchors' signing key outside the database (docs/deploy.md).
    openssl genpkey -algorithm ed25519 -out "$work/anchor-key.pem" 2>/dev/null
    export YISHI_ANCHOR_KEY_FILE="$work/anchor-key.pem"
    exec node build/server/main.mjs
  ) >"$work/app.log" 2>&1 &
  app_pid=$!
fi
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$app_port/api/session" && break
  if [ -n "$app_pid" ] && ! kill -0 "$app_pid" 2>/dev/null; then
    echo "check-nginx: the app did not start:" >&2
    tail -20 "$work/app.log" >&2
    exit 1
  fi
  sleep 1
done

# A self-signed certificate for the sample's server_name.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=yishi.example.gov.cn" \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null

# The sample, with only ports, certificate paths and the upstream changed.
sed -e "s#listen 80;#listen 127.0.0.1:$http_port;#" \
  -e "s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" \
  -e "s#/etc/ssl/yishi/#$work/#g" \
  -e "s#server 127.0.0.1:3000;#server 127.0.0.1:$app_port;#" \
  docs/deploy/nginx.conf >"$work/yishi.conf"
if [ "$(grep -c "$work\|:$http_port\|:$https_port\|:$app_port" "$work/yishi.conf")" -lt 5 ]; then
  echo "check-nginx: the substitutions no longer match docs/deploy/nginx.conf" >&2
  exit 1
fi
mime=/etc/nginx/mime.types
cat >"$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/error.log warn;
worker_processes 1;
events { worker_connections 256; }
http {
  include $mime;
  access_log $work/access.log;
  client_body_temp_path $work/client_body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  include $work/yishi.conf;
}
EOF

echo "check-nginx: nginx -t on docs/deploy/nginx.conf"
if nginx -t -q -p "$work" -e "$work/error.log" -c "$work/nginx.conf"; then pass "nginx -t"; else
  fail "nginx -t"
  exit 1
fi
nginx -p "$work" -e "$work/error.log" -c "$work/nginx.conf"
for _ in $(seq 1 50); do [ -f "$work/nginx.pid" ] && break; sleep 0.1; done

https="https://yishi.example.gov.cn:$https_port"
resolve=(--resolve "yishi.example.gov.cn:$https_port:127.0.0.1" --resolve "yishi.example.gov.cn:$http_port:127.0.0.1")
# Through nginx from 127.0.0.2, so the address the app sees can only have come from X-Forwarded-For.
client=(curl -s --interface 127.0.0.2 --cacert "$work/fullchain.pem" "${resolve[@]}")

echo "check-nginx: through nginx on 127.0.0.1:$https_port (HTTPS) and :$http_port (HTTP) to the app on :$app_port"
status=$("${client[@]}" -o "$work/session.json" -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.9' "$https/api/session")
if [ "$status" = 200 ] && grep -q '"isDemo"' "$work/session.json"; then pass "GET /api/session over HTTPS: 200"; else
  fail "GET /api/session over HTTPS: $status"
fi

if [ -z "$app_pid" ]; then
  echo "  skip  forwarded client address (the app's log is not ours)"
else
  sleep 0.5
  seen=$(grep '"path":"/api/session"' "$work/app.log" | grep -o '"remoteAddress":"[^"]*"' | tail -1 || true)
  if [ "$seen" = '"remoteAddress":"127.0.0.2"' ]; then pass "the app sees the client's address (127.0.0.2), not a forged one"; else
    fail "the app saw ${seen:-nothing} instead of 127.0.0.2"
  fi
fi

redirect=$("${client[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://yishi.example.gov.cn:$http_port/matters?x=1")
if [[ "$redirect" == "301 https://yishi.example.gov.cn/matters?x=1" ]]; then pass "HTTP redirects to HTTPS ($redirect)"; else
  fail "HTTP → HTTPS redirect: $redirect"
fi

metrics=$("${client[@]}" -o "$work/metrics.txt" -w '%{http_code}' "$https/metrics")
if [ "$metrics" = 404 ] && ! grep -q '# HELP' "$work/metrics.txt"; then pass "/metrics refused from outside (404)"; else
  fail "/metrics answered $metrics"
fi

head -c $((20 * 1024 * 1024)) /dev/zero >"$work/20mb.bin"
head -c $((40 * 1024 * 1024)) /dev/zero >"$work/40mb.bin"
head -c $((110 * 1024 * 1024)) /dev/zero >"$work/110mb.bin"
upload() {
  "${client[@]}" -o /dev/null -w '%{http_code}' -H 'content-type: application/octet-stream' \
    --data-binary "@$2" "$https$1"
}
# Photos and letters (a raise with photos here): 32 MB through nginx.
small=$(upload /api/matters "$work/20mb.bin")
if [ "$small" != 413 ] && [ "$small" != 000 ]; then pass "a 20 MB upload reaches the app ($small from the app)"; else
  fail "a 20 MB upload: $small"
fi
large=$(upload /api/matters "$work/40mb.bin")
if [ "$large" = 413 ]; then pass "a 40 MB upload is refused by nginx (413)"; else fail "a 40 MB upload: $large"; fi
# A whole city's roster: up to 101 MB, streamed to the app.
roster=$(upload /api/roster/imports "$work/40mb.bin")
if [ "$roster" != 413 ] && [ "$roster" != 000 ]; then pass "a 40 MB roster import reaches the app ($roster from the app)"; else
  fail "a 40 MB roster import: $roster"
fi
huge=$(upload /api/roster/imports "$work/110mb.bin")
if [ "$huge" = 413 ]; then pass "a 110 MB roster import is refused by nginx (413)"; else fail "a 110 MB roster import: $huge"; fi

if [ "$failures" -gt 0 ]; then
  echo "check-nginx: $failures check(s) failed; nginx error log:" >&2
  tail -20 "$work/error.log" >&2 || true
  exit 1
fi
echo "check-nginx: all checks passed"
