#!/bin/bash
# shellcheck disable=SC2029,SC2016  # remote commands are built here; some are for the remote shell
# e2e-topology.sh -- the deploy kit beyond one server, end to end: two web guests and one
# database guest (nspawn-server.sh, one bridge), provisioned by one inventory ([web], [db]),
# behind a load balancer on the host's side of the bridge (HAProxy, deploy/front/haproxy.cfg.j2).
# Checks: the site serves through both web servers; PostgreSQL answers the web guests only, over
# TLS; a rolling release across both under load fails no request through the front; stopping
# one web guest under load loses no request; the refresh is scheduled on one host and runs
# there; the backup runs on the database host. Prints timings and the host's peak memory.
# Run as root: `npm run test:deploy-topology`. Knobs: KEEP=1 leaves the guests up afterwards,
# E2E_CACHE (default /var/cache/pur-beurre-e2e) holds the base rootfs (read only here).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SRV="$HERE/nspawn-server.sh"
# A network and directory of its own: runs beside e2e.sh without a clash.
export SRV_DIR=${SRV_DIR:-/tmp/pur-beurre-topology}
export BR=${BR:-br-pbtopo} HOST_IP=${HOST_IP:-10.98.16.1}
NET=${HOST_IP%.*}
DB=$NET.2 WEB1=$NET.3 WEB2=$NET.4 OTHER=$NET.5
GUESTS=(db web1 web2)
declare -A ADDR=([db]=$DB [web1]=$WEB1 [web2]=$WEB2)
PREFIX_NAME=${E2E_NAME_PREFIX:-pbtopo}
FRONT_PORT=${E2E_FRONT_PORT:-18761}
OFF_PORT=${E2E_OFF_PORT:-18762}
KEY=$SRV_DIR/id_ed25519
DOMAIN=pur-beurre.test
CACHE=${E2E_CACHE:-/var/cache/pur-beurre-e2e}
SAMPLE=${E2E_SAMPLE:-$REPO/test/fixtures/off/off-dump-min-1000.jsonl.gz}
WORK=$(mktemp -d /tmp/pur-beurre-topology.XXXXXX)
SSH_OPTS=(-i "$KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=5)
CI_KEY=$WORK/ci_ed25519
CI_SSH_OPTS=(-i "$CI_KEY" "${SSH_OPTS[@]:2}")
export DEPLOY_SSH_OPTS="${CI_SSH_OPTS[*]}"
export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_NOCOLOR=1 ANSIBLE_CONFIG="$REPO/deploy/ansible.cfg"
[ $# = 0 ] || { sed -n '2,11p' "$0" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "e2e-topology.sh: run as root (it boots containers)" >&2; exit 1; }

declare -a TIMES
failures=0
passes=0
phase() { local name=$1 t0=$SECONDS; shift; echo "=== $name"; "$@"; TIMES+=("$(printf '%-40s %4ds' "$name" $((SECONDS - t0)))"); }
ok() { echo "OK   $*"; passes=$((passes + 1)); }
ko() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >"$WORK/check.log" 2>&1; then ok "$what"; else ko "$what"; sed 's/^/     /' "$WORK/check.log" | tail -20; fi; }
guest() { local g=$1; shift; NAME=$PREFIX_NAME-$g GUEST_IP=${ADDR[$g]} "$SRV" "$@"; }
on() { local g=$1; shift; ssh "${SSH_OPTS[@]}" "admin@${ADDR[$g]}" "$@"; }
# Through the load balancer, as a visitor would.
front() { curl -sS --cacert "$WORK/ca.pem" --resolve "$DOMAIN:$FRONT_PORT:$HOST_IP" "$@"; }
db_sql() { on db "sudo -u postgres psql -tA -d pur_beurre -c \"$1\""; }

# The host's memory in use (MB), sampled every 2 s; the peak goes in the report.
memory_sampler() {
  ( while [ ! -e "$WORK/done" ]; do free -m | awk '/^Mem:/ {print $3 + $5}' >>"$WORK/memory"; sleep 2; done ) &
  MEM_PID=$!
}

cleanup() {
  local rc=$?
  touch "$WORK/done"
  [ -z "${OFF_PID:-}" ] || kill "$OFF_PID" 2>/dev/null || true
  [ -z "${MEM_PID:-}" ] || kill "$MEM_PID" 2>/dev/null || true
  [ -z "${LOAD_PIDS:-}" ] || { touch "$WORK/stop"; wait "${LOAD_PIDS[@]}" 2>/dev/null || true; }
  if [ "${KEEP:-0}" = 1 ]; then
    echo "KEEP=1: guests, front and $WORK left (NAME=$PREFIX_NAME-web1 GUEST_IP=$WEB1 $SRV ssh; kill \$(cat $WORK/front.pid))"
  else
    [ ! -s "$WORK/front.pid" ] || kill "$(cat "$WORK/front.pid")" 2>/dev/null || true
    ip addr del "$OTHER/24" dev "$BR" 2>/dev/null || true
    local g
    for g in "${GUESTS[@]}"; do guest "$g" down || true; done
    guest db purge || true
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT

host_deps() {
  local missing=()
  for tool in mmdebstrap:mmdebstrap systemd-nspawn:systemd-container iptables:iptables ansible-playbook:ansible ssh:openssh-client curl:curl haproxy:haproxy; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  [ ${#missing[@]} = 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

guests_up() {
  if [ -f "$CACHE/base.tar" ]; then
    guest db load "$CACHE/base.tar"
  else
    guest db build && mkdir -p "$CACHE" && guest db save "$CACHE/base.tar"
  fi
  local g
  for g in "${GUESTS[@]}"; do guest "$g" up; done
}

# A local CA for the site (Let's Encrypt is unreachable here), the CI key, and the inventory.
inventory() {
  cd "$WORK"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=Pur Beurre test CA" -keyout ca.key -out ca.pem 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$DOMAIN" \
    -keyout site.key -out site.csr 2>/dev/null
  printf 'subjectAltName=DNS:%s,DNS:www.%s\n' "$DOMAIN" "$DOMAIN" >san.ext
  openssl x509 -req -in site.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext \
    -out site.pem 2>/dev/null
  ssh-keygen -q -t ed25519 -N '' -C pur-beurre-e2e-ci -f "$CI_KEY"
  cat >"$WORK/inventory.ini" <<INI
[web]
web1 ansible_host=$WEB1
web2 ansible_host=$WEB2

[db]
db ansible_host=$DB

[all:vars]
ansible_user=root
ansible_ssh_private_key_file=$KEY
ansible_ssh_common_args=-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
app_domains=["$DOMAIN", "www.$DOMAIN"]
tls_mode=provided
tls_certificate_src=$WORK/site.pem
tls_certificate_key_src=$WORK/site.key
admin_authorized_keys=["$(cat "$KEY.pub")"]
deploy_authorized_keys=["$(cat "$CI_KEY.pub")"]
off_user_agent_contact=e2e@pur-beurre.test
off_static_url=http://$HOST_IP:$OFF_PORT
app_instances=2
# The load comes from the host (the front's address): exempt from nginx's per-address limits.
nginx_rate_limit_exempt=["$HOST_IP"]
app_rate_limit_max=100000
INI
}

provision() {
  (cd "$REPO/deploy" && ansible-playbook -i "$WORK/inventory.ini" provision.yml) >"$WORK/provision.log" 2>&1 || true
  grep -A6 '^PLAY RECAP' "$WORK/provision.log"
  local g
  for g in "${GUESTS[@]}"; do
    grep -qE "^$g +: .*unreachable=0 +failed=0" "$WORK/provision.log" || { grep -E '^(fatal|failed)' -A3 "$WORK/provision.log" | tail -40; return 1; }
  done
}

build_release() {
  RELEASE=$(bash "$REPO/deploy/release/build-release.sh" --out "$WORK/release")
  NAME1=$(basename "$RELEASE" .tar.gz)
  NAME2=$NAME1-dirty
  RELEASE2="$WORK/release/$NAME2.tar.gz"
  mkdir "$WORK/second"
  tar -xzf "$RELEASE" -C "$WORK/second"
  sed -i "s/^RELEASE=.*/RELEASE=$NAME2/; s/^RELEASE_NAME=.*/RELEASE_NAME=$NAME2/" "$WORK/second/release.env"
  tar -C "$WORK/second" -czf "$RELEASE2" . && rm -rf "$WORK/second"
  # Built in the background while the guests provision: the names reach the main shell in a file.
  declare -p RELEASE NAME1 NAME2 RELEASE2 >"$WORK/release.vars"
}

deploy() { bash "$REPO/deploy/release/deploy.sh" --host "deploy@$WEB1" --host "deploy@$WEB2" "$@"; }

fake_off() {
  local off=$WORK/off now
  now=$(date +%s)
  mkdir -p "$off/data/delta"
  cp "$SAMPLE" "$off/data/openfoodfacts-products.jsonl.gz"
  gzip -dc "$SAMPLE" | sed -n '1,20p' | gzip >"$off/data/delta/products_$((now - 86400))_$now.json.gz"
  (cd "$off/data/delta" && ls -1t products_*.json.gz >index.txt)
  python3 -m http.server --bind "$HOST_IP" --directory "$off" "$OFF_PORT" >"$WORK/fake-off.log" 2>&1 &
  OFF_PID=$!
  for _ in $(seq 1 50); do curl -sf "http://$HOST_IP:$OFF_PORT/data/delta/index.txt" >/dev/null && return; sleep 0.1; done
  echo "fake OFF server did not start" >&2
  return 1
}

# The load balancer: the kit's HAProxy template, rendered for the two web guests.
front_up() {
  printf '{"front_web_servers": [{"name": "web1", "address": "%s"}, {"name": "web2", "address": "%s"}], "front_bind": "%s", "front_ports": [{"listen": %s, "to": 443}], "front_pidfile": "%s"}\n' \
    "$WEB1" "$WEB2" "$HOST_IP" "$FRONT_PORT" "$WORK/front.pid" >"$WORK/front.json"
  ansible localhost -c local -m template -a "src=$REPO/deploy/front/haproxy.cfg.j2 dest=$WORK/haproxy.cfg" -e "@$WORK/front.json" >/dev/null
  haproxy -c -q -f "$WORK/haproxy.cfg"
  haproxy -D -f "$WORK/haproxy.cfg"
}

import_catalogue() {
  scp -q "${SSH_OPTS[@]}" "$SAMPLE" "admin@$WEB1:/tmp/catalogue.jsonl.gz"
  on web1 'sudo pur-beurre import --file /tmp/catalogue.jsonl.gz' | tail -2
}

runs_release() { # $1: release name; each instance of both web servers
  local g
  for g in web1 web2; do
    on "$g" "for p in 8001 8002; do curl -sf 127.0.0.1:\$p/healthz | grep -q '\"release\":\"$1\"' || exit 1; done" || return 1
  done
}
serving() { check "both web servers' instances run $1" runs_release "$1"; }

front_home() { front -f "https://$DOMAIN:$FRONT_PORT/" | grep -q 'Pur Beurre'; }
front_hits() { on "$1" 'sudo grep -c "GET /healthz?e2e-front-check " /var/log/nginx/pur-beurre.access.log' || true; }
through_front() {
  check "the site answers through the load balancer" front_home
  local i n1 n2
  for i in $(seq 1 20); do front -o /dev/null "https://$DOMAIN:$FRONT_PORT/healthz?e2e-front-check" || true; done
  n1=$(front_hits web1); n2=$(front_hits web2)
  check "20 requests through the front reach both web servers (web1 $n1, web2 $n2)" \
    test "${n1:-0}" -ge 5 -a "${n2:-0}" -ge 5 -a "$((${n1:-0} + ${n2:-0}))" = 20
}

listens_private_only() {
  local addresses
  addresses=$(on db "ss -Hltn 'sport = :5432'" | awk '{print $4}' | sort | tr '\n' ' ')
  echo "listening: $addresses"
  grep -q "$DB:5432" <<<"$addresses" && ! tr ' ' '\n' <<<"$addresses" | grep -vE "^(127\.0\.0\.1|\[::1\]|$DB):5432\$" | grep -q .
}
connect_from() { # $1: source address; succeeds if PostgreSQL's port accepts the connection
  python3 -c "import socket; s = socket.socket(); s.bind(('$1', 0)); s.settimeout(3); s.connect(('$DB', 5432))"
}
closed_from() { ! connect_from "$1"; }
hba_rules() {
  db_sql "select string_agg(type || ' ' || array_to_string(database, ',') || ' ' || array_to_string(user_name, ',') || ' ' || address || ' ' || auth_method, ';' order by line_number) from pg_hba_file_rules where address like '$NET.%'" |
    tee /dev/stderr | grep -qx "hostssl pur_beurre pur_beurre $WEB1 scram-sha-256;hostssl pur_beurre pur_beurre $WEB2 scram-sha-256"
}
all_encrypted() {
  # Each web server's instances open connections (their pools close idle ones after 10 s).
  on web1 'curl -sf 127.0.0.1:8001/readyz && curl -sf 127.0.0.1:8002/readyz' >/dev/null
  on web2 'curl -sf 127.0.0.1:8001/readyz && curl -sf 127.0.0.1:8002/readyz' >/dev/null
  db_sql "select count(distinct client_addr) || ' ' || count(*) filter (where not ssl) from pg_stat_activity join pg_stat_ssl using (pid) where client_addr is not null" |
    tee /dev/stderr | grep -qx '2 0'
}
verify_full() {
  # As the release script and the pur-beurre command read it (bash; systemd reads it the same way).
  on web1 "sudo bash -c '. /etc/pur-beurre/pur-beurre.env && echo DATABASE_URL=\$DATABASE_URL'" | sed 's/:[0-9a-f]*@/:PASSWORD@/' | tee /dev/stderr |
    grep -qx "DATABASE_URL=postgres://pur_beurre:PASSWORD@$DB:5432/pur_beurre?sslmode=verify-full&sslrootcert=/etc/ssl/certs/pur-beurre-db-ca.pem"
}
no_tls_refused() {
  on web1 'sudo bash -s' <<'SH'
set -a; . /etc/pur-beurre/pur-beurre.env; set +a
cd /srv/pur-beurre/current
if out=$(DATABASE_URL="${DATABASE_URL%%\?*}?sslmode=disable" timeout 30 node/bin/node dist/cli/main.js migrate 2>&1); then
  echo "connected without TLS: $out"; exit 1
fi
echo "$out" | tail -3
grep -q 'no pg_hba.conf entry' <<<"$out"
SH
}
database_closed() {
  check "PostgreSQL listens on loopback and the private address only" listens_private_only
  check "the web guests reach PostgreSQL's port" on web1 "timeout 3 bash -c '</dev/tcp/$DB/5432'"
  check "PostgreSQL's port is closed to the host ($HOST_IP)" bash -c "! timeout 4 bash -c '</dev/tcp/$DB/5432'"
  ip addr show dev "$BR" | grep -q "inet $OTHER/" || ip addr add "$OTHER/24" dev "$BR"
  check "and to another address on the private network ($OTHER)" closed_from "$OTHER"
  check "pg_hba.conf: TLS and scram-sha-256 from each web server, for the app's database and role only" hba_rules
  check "every connection from the web servers is encrypted (pg_stat_ssl), from both" all_encrypted
  check "the app verifies the server's certificate (sslmode=verify-full with the CA)" verify_full
  check "the app's login without TLS is refused (no pg_hba.conf entry)" no_tls_refused
}

# Scheduled and active on that host only (a unit that is absent elsewhere is neither).
scheduled_only_on() { # $1: host, $2: timer
  local g
  on "$1" "systemctl is-enabled --quiet $2 && systemctl is-active --quiet $2" || { echo "$2 not scheduled on $1"; return 1; }
  for g in "${GUESTS[@]}"; do
    [ "$g" != "$1" ] || continue
    if on "$g" "systemctl is-enabled --quiet $2 || systemctl is-active --quiet $2"; then echo "$2 also on $g"; return 1; fi
  done
}
refresh_from_web1() {
  on web1 'sudo systemctl start pur-beurre-update.service' &&
    db_sql "select count(*) || ' ' || max(status) from import_runs where kind = 'update'" | tee /dev/stderr | grep -qx '1 succeeded'
}
# Refresh: scheduled on web1 only (app_refresh_host), runs from there; backups on the db host.
jobs_once() {
  check "the refresh timer is scheduled on web1 and on no other host" scheduled_only_on web1 pur-beurre-update.timer
  check "the refresh unit runs from web1 (fake Open Food Facts) and is recorded once" refresh_from_web1
  check "the backup timer is scheduled on the database host only" scheduled_only_on db pur-beurre-backup.timer
  check "the backup runs on the database host" on db 'sudo systemctl start pur-beurre-backup.service && sudo sh -c "ls /var/backups/pur-beurre/daily/*.dump"'
  check "the database host answers SSH only: 80 and 443 closed" bash -c "for p in 80 443; do ! timeout 3 bash -c \"</dev/tcp/$DB/\$p\" || exit 1; done"
}

load_urls() {
  {
    echo "https://$DOMAIN:$FRONT_PORT/"
    for q in nutella chocolat lait; do echo "https://$DOMAIN:$FRONT_PORT/recherche?q=$q"; done
    for code in $(db_sql 'select code from products order by code limit 6'); do
      echo "https://$DOMAIN:$FRONT_PORT/produit/$code"
    done
  } >"$WORK/urls"
}

# Three clients through the front, a new connection per request, with an unknown session
# cookie so that every request reaches an instance (nginx's page cache skips it).
start_load() {
  : >"$WORK/codes"; rm -f "$WORK/stop"; LOAD_PIDS=()
  local i
  for i in 0 1 2; do
    (
      mapfile -t urls <"$WORK/urls"
      n=$((i * 3))
      while [ ! -e "$WORK/stop" ]; do
        url=${urls[n % ${#urls[@]}]}; n=$((n + 1))
        code=$(front -o /dev/null -m 15 -b pb_session=e2e-load -w '%{http_code}' "$url" 2>/dev/null) || code=000
        echo "$code $url" >>"$WORK/codes"
      done
    ) &
    LOAD_PIDS+=($!)
  done
}
stop_load() { touch "$WORK/stop"; wait "${LOAD_PIDS[@]}"; LOAD_PIDS=(); }
load_summary() { cut -d' ' -f1 "$WORK/codes" | sort | uniq -c | awk '{printf "%s%s x %s", sep, $1, $2; sep=", "}'; }

rolling_release() {
  start_load
  sleep 3
  local rc=0
  deploy "$RELEASE2" >"$WORK/deploy2.log" 2>&1 || rc=$?
  sleep 2
  stop_load
  check "deploy.sh ships to web1 then web2, migrating once (exit $rc)" \
    bash -c "[ $rc = 0 ] && grep -c 'migrating the database' $WORK/deploy2.log | grep -qx 1 && grep -q 'not migrating' $WORK/deploy2.log"
  check "a rolling release across both web servers under load: no failed request through the front ($(load_summary))" \
    bash -c "[ \$(wc -l <$WORK/codes) -ge 20 ] && ! grep -qv '^200 ' $WORK/codes"
  serving "$NAME2"
}

# A third release that web2 cannot install (a file stands where it would unpack): web1,
# already switched to it, goes back to the release it served before.
rollback_across() {
  local name3=$NAME1-third rc=0
  mkdir "$WORK/third"
  tar -xzf "$RELEASE" -C "$WORK/third"
  sed -i "s/^RELEASE=.*/RELEASE=$name3/; s/^RELEASE_NAME=.*/RELEASE_NAME=$name3/" "$WORK/third/release.env"
  tar -C "$WORK/third" -czf "$WORK/release/$name3.tar.gz" . && rm -rf "$WORK/third"
  on web2 "sudo touch /srv/pur-beurre/releases/$name3"
  deploy "$WORK/release/$name3.tar.gz" >"$WORK/deploy3.log" 2>&1 || rc=$?
  check "a release failing on web2 fails the deploy (exit $rc) and takes web1 back" \
    bash -c "[ $rc != 0 ] && grep -q 'deploy@$WEB1 back to $NAME2' $WORK/deploy3.log && grep -q 'deployed $name3' $WORK/deploy3.log"
  serving "$NAME2"
  on web2 "sudo rm -f /srv/pur-beurre/releases/$name3"
}

# web2 powers off under load: the front takes it out; not one request fails.
stop_one() {
  start_load
  sleep 3
  guest web2 down >/dev/null 2>&1
  sleep 5
  stop_load
  check "web2 powered off under load: no request lost through the front ($(load_summary))" \
    bash -c "[ \$(wc -l <$WORK/codes) -ge 20 ] && ! grep -qv '^200 ' $WORK/codes"
}

report() {
  echo
  echo "=== timings"
  printf '%s\n' "${TIMES[@]}"
  local base peak
  base=$(head -1 "$WORK/memory" 2>/dev/null || echo 0)
  peak=$(sort -n "$WORK/memory" 2>/dev/null | tail -1 || echo 0)
  # used + shared (the guests' tmpfs); the machine runs other jobs too: an upper bound.
  echo "host memory in use (used + shared): ${base} MB before, ${peak} MB at the peak (+$((peak - base)) MB); guests' tmpfs at the end: $(df -m --output=used "$SRV_DIR/ram" 2>/dev/null | tail -1 | tr -d ' ') MB"
  echo "total: ${SECONDS}s; ${passes} passed, ${failures} failed"
}

memory_sampler
phase "host tools" host_deps
phase "boot three guests" guests_up
phase "inventory, test CA, CI key" inventory
build_release >"$WORK/build.log" 2>&1 &
BUILD_PID=$!
phase "provision db + web1 + web2" provision
phase "wait for the release build" wait "$BUILD_PID"
# shellcheck source=/dev/null
. "$WORK/release.vars"
phase "deploy release 1 to both" deploy "$RELEASE"
phase "import the catalogue (from web1)" import_catalogue
phase "load balancer (HAProxy)" front_up
phase "fake Open Food Facts" fake_off
serving "$NAME1"
phase "through the front" through_front
phase "the database's network" database_closed
phase "refresh and backup run once" jobs_once
load_urls
phase "rolling release under load" rolling_release
phase "failed release, rolled back across" rollback_across
phase "stop one web guest under load" stop_one
report
[ "$failures" = 0 ]
