#!/bin/bash
# shellcheck disable=SC2029,SC2016  # remote commands are built here; some are for the remote shell
# e2e.sh -- the deploy kit, end to end, against a throwaway Debian 12 server (nspawn-server.sh):
# provision it over SSH with two app instances, deploy a release, check it from outside as a
# visitor and as the operator, nginx's rate limits and shared page cache, back up and restore,
# kill -9 an instance under load, deploy a second release under load, roll back, ship releases
# that fail (never ready; a failed rolling restart), provision again; then the disaster-recovery drill: the server
# dies, a fresh one is provisioned and restored from the off-site machine (a second guest).
# Prints per-phase timings; exits non-zero if any check failed.
# Run as root: `npm run test:deploy-e2e`. Knobs: KEEP=1 leaves the servers up afterwards,
# E2E_CACHE (default /var/cache/pur-beurre-e2e) keeps the base rootfs between runs; BR, HOST_IP,
# GUEST_IP, NAME, SRV_DIR, E2E_* below: run two e2e's side by side.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SRV="$HERE/nspawn-server.sh"
export SRV_DIR=${SRV_DIR:-/tmp/pur-beurre-vps}
G=${GUEST_IP:-10.98.6.2}
# Open Food Facts for the guest: a static file server on the host's side of the test bridge.
OFF_HOST=${HOST_IP:-10.98.6.1}
OFF_PORT=${E2E_OFF_PORT:-18765}
# The alert receivers outside the server (a dead man's switch service, the operator's webhook):
# one local HTTP server that appends each POST to $WORK/received-alerts.
HOOK_PORT=${E2E_HOOK_PORT:-18766}
# Two more host addresses on the test bridge: visitors whose requests nginx rate-limits (the
# load phases come from $OFF_HOST, which the inventory exempts).
BR=${BR:-br-pbvps}
VISITOR_IP=${E2E_VISITOR_IP:-10.98.6.3}
VISITOR2_IP=${E2E_VISITOR2_IP:-10.98.6.4}
# The off-site backup machine: a second guest on the bridge, reached by restic over SFTP.
BACKUP_IP=${E2E_BACKUP_IP:-${G%.*}.5}
BACKUP_NAME=${NAME:-pbvps}-backup
BACKUP_REPO=sftp:restic@$BACKUP_IP:/srv/restic/pur-beurre
KEY=$SRV_DIR/id_ed25519
DOMAIN=pur-beurre.test
CACHE=${E2E_CACHE:-/var/cache/pur-beurre-e2e}
SAMPLE=${E2E_SAMPLE:-$REPO/test/fixtures/off/off-dump-min-1000.jsonl.gz}
WORK=$(mktemp -d /tmp/pur-beurre-e2e.XXXXXX)
SSH_OPTS=(-i "$KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=5)
# The CI key: it logs in as `deploy` and can only run the deploy gate; $KEY is the operator's
# (`admin`, sudo). deploy.sh uses the CI key, as the Deploy workflow does.
CI_KEY=$WORK/ci_ed25519
CI_SSH_OPTS=(-i "$CI_KEY" "${SSH_OPTS[@]:2}")
export DEPLOY_SSH_OPTS="${CI_SSH_OPTS[*]}"
export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_NOCOLOR=1 ANSIBLE_CONFIG="$REPO/deploy/ansible.cfg"
[ $# = 0 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "e2e.sh: run as root (it boots a container)" >&2; exit 1; }

declare -a TIMES
failures=0
passes=0
phase() { local name=$1 t0=$SECONDS; shift; echo "=== $name"; "$@"; TIMES+=("$(printf '%-34s %4ds' "$name" $((SECONDS - t0)))"); }
ok() { echo "OK   $*"; passes=$((passes + 1)); }
ko() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >"$WORK/check.log" 2>&1; then ok "$what"; else ko "$what"; sed 's/^/     /' "$WORK/check.log" | tail -20; fi; }
as_admin() { ssh "${SSH_OPTS[@]}" "admin@$G" "$@"; }
as_ci() { ssh "${CI_SSH_OPTS[@]}" "deploy@$G" "$@"; }
backup_srv() { NAME=$BACKUP_NAME GUEST_IP=$BACKUP_IP "$SRV" "$@"; }
https() { curl -sS --cacert "$WORK/ca.pem" --resolve "$DOMAIN:443:$G" --resolve "www.$DOMAIN:443:$G" "$@"; }

cleanup() {
  local rc=$?
  [ -z "${OFF_PID:-}" ] || kill "$OFF_PID" 2>/dev/null || true
  [ -z "${HOOK_PID:-}" ] || kill "$HOOK_PID" 2>/dev/null || true
  [ -z "${LOAD_PIDS:-}" ] || { touch "$WORK/stop"; wait "${LOAD_PIDS[@]}" 2>/dev/null || true; }
  if [ "${KEEP:-0}" = 1 ]; then
    echo "KEEP=1: servers and $WORK left ($SRV ssh; $SRV down; NAME=$BACKUP_NAME GUEST_IP=$BACKUP_IP $SRV down first)"
  else
    # The base rootfs stays cached as a tarball ($CACHE); free the RAM it holds.
    backup_srv down || true
    "$SRV" purge || true
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT

host_deps() {
  local missing=()
  for tool in mmdebstrap:mmdebstrap systemd-nspawn:systemd-container iptables:iptables ansible-playbook:ansible ssh:openssh-client curl:curl; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  [ ${#missing[@]} = 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

rootfs() {
  if [ -f "$CACHE/base.tar" ]; then "$SRV" load "$CACHE/base.tar"; return; fi
  "$SRV" build
  mkdir -p "$CACHE" && "$SRV" save "$CACHE/base.tar"
}

# A local certificate authority stands in for Let's Encrypt (unreachable from here).
test_ca() {
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
[app]
vps ansible_host=$G ansible_user=root ansible_ssh_private_key_file=$KEY

[app:vars]
ansible_ssh_common_args=-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
app_domains=["$DOMAIN", "www.$DOMAIN"]
tls_mode=provided
tls_certificate_src=$WORK/site.pem
tls_certificate_key_src=$WORK/site.key
admin_authorized_keys=["$(cat "$KEY.pub")"]
deploy_authorized_keys=["$(cat "$CI_KEY.pub")"]
off_user_agent_contact=e2e@pur-beurre.test
alert_webhook_url=http://$OFF_HOST:$HOOK_PORT/operator
alert_deadmans_switch_url=http://$OFF_HOST:$HOOK_PORT/ping/e2e-check
alert_deadmans_switch_interval=1m
backup_offsite_restic_repository=$BACKUP_REPO
off_static_url=http://$OFF_HOST:$OFF_PORT
app_instances=2
# The load phases send ~100 requests/s from this one host: nginx exempts it and the app's own
# per-instance limit is raised. The rate-limit checks come from other addresses, at the
# production defaults.
nginx_rate_limit_exempt=["$OFF_HOST"]
app_rate_limit_max=100000
INI
}

provision() { # $1: ssh user
  (cd "$REPO/deploy" && ansible-playbook -i "$WORK/inventory.ini" -e "ansible_user=$1" provision.yml) | tee "$WORK/provision-$1.log" | grep -E '^(TASK|PLAY RECAP|fatal|failed|changed|vps)' | grep -vE '^TASK' || true
  grep -qE 'vps +: .*failed=0' "$WORK/provision-$1.log" || { tail -40 "$WORK/provision-$1.log"; return 1; }
}

build_release() {
  RELEASE=$(bash "$REPO/deploy/release/build-release.sh" --out "$WORK/release")
  NAME1=$(basename "$RELEASE" .tar.gz)
  # The second release: the same build under the name of one with uncommitted changes, and its
  # own release.env, so that /healthz tells the two apart.
  NAME2=$NAME1-dirty
  RELEASE2="$WORK/release/$NAME2.tar.gz"
  mkdir "$WORK/second"
  tar -xzf "$RELEASE" -C "$WORK/second"
  sed -i "s/^RELEASE=.*/RELEASE=$NAME2/; s/^RELEASE_NAME=.*/RELEASE_NAME=$NAME2/" "$WORK/second/release.env"
  tar -C "$WORK/second" -czf "$RELEASE2" . && rm -rf "$WORK/second"
}

# /healthz of each instance (on loopback) and of the site names the release deploy.sh shipped.
serving() { # $1: release name
  check "each instance's /healthz and the site's name the release shipped ($1)" \
    as_admin "for url in http://127.0.0.1:8001/healthz http://127.0.0.1:8002/healthz; do curl -sf \$url | tee /dev/stderr | grep -q '\"release\":\"$1\"' || exit 1; done"
  check "the site's /healthz too" bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; https -f https://$DOMAIN/healthz | grep -q '\"release\":\"$1\"'"
}

# The CI key (deploy@) runs the deploy gate and nothing else: no shell, no command, no forwarding.
ci_key_gate() {
  check "the CI key cannot open a shell" bash -c "! ssh ${CI_SSH_OPTS[*]} -T deploy@$G </dev/null 2>$WORK/ci.err; grep -q 'refused: no command' $WORK/ci.err"
  check "the CI key cannot run a command (id)" bash -c "! ssh ${CI_SSH_OPTS[*]} deploy@$G id >$WORK/ci.out 2>&1; ! grep -q uid= $WORK/ci.out && grep -q refused $WORK/ci.out"
  check "the CI key cannot run shell syntax after a verb" bash -c "! ssh ${CI_SSH_OPTS[*]} deploy@$G 'pur-beurre-deploy list; id' >$WORK/ci.out 2>&1; ! grep -q uid= $WORK/ci.out && grep -q refused $WORK/ci.out"
  check "the CI key cannot name a release outside the releases" bash -c "! ssh ${CI_SSH_OPTS[*]} deploy@$G 'pur-beurre-deploy rollback ../../../etc' >$WORK/ci.out 2>&1 </dev/null; grep -q refused $WORK/ci.out"
  check "the CI key cannot run sudo" bash -c "! ssh ${CI_SSH_OPTS[*]} deploy@$G 'sudo -n id' >$WORK/ci.out 2>&1 </dev/null; ! grep -q uid= $WORK/ci.out"
  check "the CI key cannot forward a port (PostgreSQL)" bash -c "! ssh ${CI_SSH_OPTS[*]} -W 127.0.0.1:5432 deploy@$G </dev/null"
  check "the deploy account is not in the sudo group; sudo allows it the gate only" \
    as_admin 'id -nG deploy | grep -qvw sudo && sudo sudo -l -U deploy | tee /dev/stderr | grep -q "NOPASSWD: /usr/local/bin/pur-beurre-deploy" && ! sudo sudo -l -U deploy | grep -q "NOPASSWD: ALL"'
  check "the CI key lists the releases through the gate" bash -c "bash $REPO/deploy/release/deploy.sh --host deploy@$G --list | grep -qx '\* $NAME1'"
}

deploy() { bash "$REPO/deploy/release/deploy.sh" --host "deploy@$G" "$@"; }

import_catalogue() {
  scp -q "${SSH_OPTS[@]}" "$SAMPLE" "admin@$G:/tmp/catalogue.jsonl.gz"
  as_admin 'sudo pur-beurre import --file /tmp/catalogue.jsonl.gz' | tail -3
}

psql_count() { as_admin "sudo -u postgres psql -tA -d $1 -c 'select count(*) from products'"; }

# The search page is being written on another branch: check whichever route answers, and say
# so when none does yet (not a failure of the kit).
search_page() {
  local path code
  for path in "/search?q=nutella" "/recherche?q=nutella"; do
    code=$(https -o /dev/null -w '%{http_code}' "https://$DOMAIN$path" || true)
    if [ "$code" = 200 ]; then ok "search answers ($path)"; return; fi
  done
  echo "SKIP no search route on this release yet (/search and /recherche answer 404)"
}

checks_outside() {
  check "HTTPS answers the site with the test CA's certificate" bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; https -f https://$DOMAIN/ | grep -q 'Pur Beurre'"
  search_page
  check "HTTP redirects to HTTPS" bash -c "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --resolve $DOMAIN:80:$G http://$DOMAIN/x | grep -qx '301 https://$DOMAIN/x'"
  check "ACME challenges stay on HTTP" bash -c "[ \$(curl -s -o /dev/null -w '%{http_code}' --resolve $DOMAIN:80:$G http://$DOMAIN/.well-known/acme-challenge/none) = 404 ]"
  check "www redirects to the canonical domain" bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; https -o /dev/null -w '%{http_code} %{redirect_url}' https://www.$DOMAIN/ | grep -qx '301 https://$DOMAIN/'"
  check "HSTS and Referrer-Policy once each on a page (the app's, nginx adds none)" bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; https -sI https://$DOMAIN/ >$WORK/home.h; [ \$(grep -ci '^strict-transport-security: max-age=' $WORK/home.h) = 1 ] && [ \$(grep -ci '^referrer-policy:' $WORK/home.h) = 1 ]"
  check "static files from nginx with a long cache" bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; https -sI https://$DOMAIN/static/pur-beurre.css | grep -qi '^cache-control: max-age=604800'"
  check "unknown hosts get no certificate" bash -c "! curl -sk -m 5 https://$G/ -o /dev/null"
  check "/metrics is not served publicly" bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; [ \$(https -o /dev/null -w '%{http_code}' https://$DOMAIN/metrics) = 404 ]"
  check "PostgreSQL 5432 closed from outside" bash -c "! timeout 3 bash -c '</dev/tcp/$G/5432'"
  check "app port 8001 and Prometheus 9090/9100 closed from outside" bash -c "for p in 8001 9090 9100 9093; do ! timeout 3 bash -c \"</dev/tcp/$G/\$p\" || exit 1; done"
  check "root SSH refused" bash -c "! ssh ${SSH_OPTS[*]} root@$G true"
}

checks_inside() {
  check "UFW active, deny incoming" as_admin 'sudo ufw status verbose | grep -q "Status: active" && sudo ufw status verbose | grep -q "deny (incoming)"'
  check "systemd is running (no failed unit)" as_admin 'systemctl is-system-running | grep -qx running || { systemctl --failed; false; }'
  check "two instances, nginx, PostgreSQL, monitoring active" as_admin 'systemctl is-active pur-beurre@8001 pur-beurre@8002 nginx postgresql prometheus prometheus-node-exporter prometheus-alertmanager fail2ban'
  check "weekly refresh timer scheduled" as_admin 'systemctl list-timers pur-beurre-update.timer --no-legend | grep -q pur-beurre-update.timer'
  check "backup timer scheduled" as_admin 'systemctl list-timers pur-beurre-backup.timer --no-legend | grep -q pur-beurre-backup.timer'
  check "Prometheus scrapes node_exporter" as_admin 'for i in $(seq 1 30); do curl -s "127.0.0.1:9090/api/v1/query?query=up%7Bjob%3D%22node%22%7D" | grep -q "\"1\"\]" && exit 0; sleep 2; done; exit 1'
  check "pur-beurre-logs shows the instances' logs, readable, without npm" as_admin 'sudo pur-beurre-logs -n 50 | tee /dev/stderr | grep -qE "^\[[0-9-]+ [0-9:]+\] INFO"'
  check "environment file is 0600 root" as_admin 'sudo stat -c "%a %U" /etc/pur-beurre/pur-beurre.env | grep -qx "600 root"'
  check "database password generated and stored on the server only" as_admin 'sudo test -s /etc/pur-beurre/db-password'
  # The drop-in's defaults: a quarter of the RAM the server reports, (2 + 1 + 2) x 10 + 10
  # connections for two instances.
  local sql="select string_agg(name || '=' || setting, ' ' order by name) from pg_settings where name in ('max_connections', 'random_page_cost', 'shared_buffers')"
  check "PostgreSQL sized from the server's RAM: shared_buffers = RAM / 4, max_connections 60, random_page_cost 1.1" \
    as_admin "mb=\$(awk '/^MemTotal:/ {print int(int(\$2 / 1024) / 4)}' /proc/meminfo); got=\$(sudo -u postgres psql -tA -c \"$sql\"); echo \"\$got (RAM/4 = \${mb} MB)\"; [ \"\$got\" = \"max_connections=60 random_page_cost=1.1 shared_buffers=\$((mb * 1024 / 8))\" ]"
  check "SHOW shared_buffers matches the drop-in's value" \
    as_admin "v=\$(sudo sed -n 's/^shared_buffers = //p' /etc/postgresql/*/main/conf.d/pur-beurre.conf); sudo -u postgres psql -tA -c \"select current_setting('shared_buffers') || ' = \$v: ' || (pg_size_bytes(current_setting('shared_buffers')) = pg_size_bytes('\$v'))\" | tee /dev/stderr | grep -q ': true\$'"
}

# OFF's static server as the refresh reads it: the full export and the delta index with one
# delta (same JSONL format), served as plain files. The first update, having no earlier
# successful one, reads the full export.
fake_off() {
  local off=$WORK/off now
  now=$(date +%s)
  mkdir -p "$off/data/delta"
  cp "$SAMPLE" "$off/data/openfoodfacts-products.jsonl.gz"
  # sed reads to the end: head would close the pipe early and pipefail would stop the script.
  gzip -dc "$SAMPLE" | sed -n '1,20p' | gzip >"$off/data/delta/products_$((now - 86400))_$now.json.gz"
  (cd "$off/data/delta" && ls -1t products_*.json.gz >index.txt)
  python3 -m http.server --bind "$OFF_HOST" --directory "$off" "$OFF_PORT" >"$WORK/fake-off.log" 2>&1 &
  OFF_PID=$!
  for _ in $(seq 1 50); do curl -sf "http://$OFF_HOST:$OFF_PORT/data/delta/index.txt" >/dev/null && return; sleep 0.1; done
  echo "fake OFF server did not start" >&2
  return 1
}

alert_receiver() {
  cat >"$WORK/receiver.py" <<'PY'
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
        with open(sys.argv[3], "a") as out:
            out.write(self.path + " " + body.replace("\n", " ") + "\n")
        self.send_response(200)
        self.end_headers()

HTTPServer((sys.argv[1], int(sys.argv[2])), Receiver).serve_forever()
PY
  : >"$WORK/received-alerts"
  python3 "$WORK/receiver.py" "$OFF_HOST" "$HOOK_PORT" "$WORK/received-alerts" >"$WORK/receiver.log" 2>&1 &
  HOOK_PID=$!
}

# The Watchdog has been firing since provisioning: Alertmanager pinged the dead man's switch.
# A test alert, sent now, reaches the operator's webhook (checked later: group_wait is 30 s).
alerts_sent() {
  check "the dead man's switch receives the always-firing Watchdog from the server" \
    bash -c "for _ in \$(seq 1 90); do grep -q '^/ping/e2e-check .*\"alertname\":\"Watchdog\"' $WORK/received-alerts && exit 0; sleep 1; done; tail -3 $WORK/received-alerts; exit 1"
  as_admin 'amtool --alertmanager.url=http://127.0.0.1:9093 alert add E2eTestAlert severity=warning --annotation=summary=e2e-test-alert'
}
alert_received() {
  check "a test alert reaches the operator's webhook (and the Watchdog does not)" \
    bash -c "for _ in \$(seq 1 60); do grep -q '^/operator .*\"alertname\":\"E2eTestAlert\"' $WORK/received-alerts && ! grep -q '^/operator .*Watchdog' $WORK/received-alerts && exit 0; sleep 1; done; exit 1"
}

refresh_run() {
  check "the timer's service refreshes the catalogue from (fake) Open Food Facts" \
    as_admin 'sudo systemctl start pur-beurre-update.service'
  check "the refresh is recorded as a successful update" \
    as_admin "sudo -u postgres psql -tA -d pur_beurre -c \"select status from import_runs where kind = 'update' order by id desc limit 1\" | grep -qx succeeded"
  # Then Open Food Facts loses its delta index: the next run must fail loudly.
  rm -f "$WORK/off/data/delta/index.txt"
  as_admin 'sudo systemctl start pur-beurre-update.service' && ko "a refresh without its delta index should fail"
  check "a failed refresh is reported (journal + metric)" as_admin 'sleep 2; ls /var/lib/prometheus/node-exporter/ | grep -q pur_beurre_last_failure_pur_beurre_update && sudo journalctl -p err -t pur-beurre --no-pager | grep -q "pur-beurre-update.service failed"'
}

backup_restore() {
  as_admin 'sudo systemctl start pur-beurre-backup.service'
  local dump live restored
  dump=$(as_admin 'sudo sh -c "ls -1t /var/backups/pur-beurre/daily/*.dump" | head -1')
  check "a backup was taken and its metric written" as_admin "test -n '$dump' && test -f /var/lib/prometheus/node-exporter/pur_beurre_backup_last_success_timestamp_seconds.prom"
  as_admin "sudo pur-beurre-restore $dump pur_beurre_restore_check"
  live=$(psql_count pur_beurre); restored=$(psql_count pur_beurre_restore_check)
  check "restore into a scratch database: same product count ($live = $restored)" test "$live" = "$restored" -a "$live" -gt 0
}

# A live restore of the backup just taken, with visitors on the site: they get the maintenance
# page (503) meanwhile, never an error; the data is the backup's; a safety dump was taken. Then a
# dump cut short (readable table of contents, data missing): the restore fails, the live data
# stays, the site serves again.
live_restore() {
  local dump users marker="update users set first_name = 'Apres'"
  dump=$(as_admin 'sudo sh -c "ls -1t /var/backups/pur-beurre/daily/*.dump" | head -1')
  users=$(as_admin "sudo -u postgres psql -tA -d pur_beurre -c 'select count(*) from users'")
  as_admin "sudo -u postgres psql -qtA -d pur_beurre -c \"$marker\""
  : >"$WORK/restore-codes"; rm -f "$WORK/restore-stop"
  (
    while [ ! -e "$WORK/restore-stop" ]; do
      code=$(https -o "$WORK/during.html" -m 10 -w '%{http_code}' "https://$DOMAIN/" 2>/dev/null) || code=000
      echo "$code" >>"$WORK/restore-codes"
      [ "$code" != 503 ] || cp "$WORK/during.html" "$WORK/maintenance.html"
      sleep 0.2
    done
  ) &
  local poller=$!
  as_admin "sudo pur-beurre-restore $dump" || true
  sleep 1
  touch "$WORK/restore-stop"; wait "$poller"
  check "during the live restore visitors got the maintenance page, never an error ($(sort "$WORK/restore-codes" | uniq -c | awk '{printf "%s x %s ", $1, $2}'))" \
    bash -c "grep -qx 503 $WORK/restore-codes && ! grep -qvxE '200|503' $WORK/restore-codes && grep -q '<h1>Site en maintenance</h1>' $WORK/maintenance.html && tail -1 $WORK/restore-codes | grep -qx 200"
  check "the live data is the backup's: a change made after it is gone, $users users" \
    as_admin "sudo -u postgres psql -tA -d pur_beurre -c \"select count(*) filter (where first_name = 'Apres') || ' ' || count(*) from users\" | tee /dev/stderr | grep -qx '0 $users'"
  check "a safety dump of the data before the restore was taken" as_admin 'sudo sh -c "ls /var/backups/pur-beurre/pre-restore/*.dump"'
  as_admin "sudo sh -c 'head -c \$((\$(stat -c %s $dump) * 2 / 3)) $dump >/tmp/cut-short.dump' && sudo -u postgres psql -qtA -d pur_beurre -c \"$marker\""
  local kept
  if as_admin 'sudo pur-beurre-restore /tmp/cut-short.dump' >"$WORK/cut-short.log" 2>&1; then
    ko "a restore of a dump cut short must fail"; cat "$WORK/cut-short.log"
  else
    check "a restore that fails exits non-zero and says the previous data stays" grep -q 'the previous data stays' "$WORK/cut-short.log"
  fi
  kept=$(as_admin "sudo -u postgres psql -tA -d pur_beurre -c \"select count(*) from users where first_name = 'Apres'\"")
  check "and the live data is kept ($kept of $users users as changed just before), the site serving" \
    bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; [ '$kept' = '$users' ] && https -f -o /dev/null https://$DOMAIN/"
}

# A visitor from another address on the test bridge: rate-limited like anyone on the internet.
visitor_ips() {
  local ip
  for ip in "$VISITOR_IP" "$VISITOR2_IP"; do
    ip addr show dev "$BR" | grep -q "inet $ip/" || ip addr add "$ip/24" dev "$BR"
  done
}

rate_limits() {
  visitor_ips
  local from=(--interface "$VISITOR_IP") page static codes
  # Normal browsing: a page, then the static files it links, a few pages a second.
  : >"$WORK/browse"
  for page in / "/recherche?q=nutella" / "/recherche?q=chocolat" /connexion /inscription / "/recherche?q=lait"; do
    https "${from[@]}" -o /dev/null -w '%{http_code}\n' "https://$DOMAIN$page" >>"$WORK/browse"
    for static in /static/pur-beurre.css /static/vendor/bootstrap.min.css /static/autocomplete.js /static/scanner.js /static/vendor/barcode-detector/ponyfill.js /static/vendor/zxing/zxing_reader.wasm /static/favicon.svg /static/logo.svg; do
      https "${from[@]}" -o /dev/null -w '%{http_code}\n' "https://$DOMAIN$static" >>"$WORK/browse"
    done
    sleep 0.3
  done
  check "normal browsing from one address is not limited ($(wc -l <"$WORK/browse") pages and static files, all 200)" \
    bash -c "[ \$(grep -vc '^200\$' $WORK/browse) = 0 ]"
  # A burst: 120 page requests back to back from the same address (one connection), then a
  # static file and a page again, while the address is over its budget.
  {
    for _ in $(seq 1 120); do printf 'url = "https://%s/"\noutput = /dev/null\n' "$DOMAIN"; done
    printf 'url = "https://%s/static/pur-beurre.css"\noutput = /dev/null\n' "$DOMAIN"
    printf 'url = "https://%s/"\noutput = %s/burst-429.html\n' "$DOMAIN" "$WORK"
  } | https "${from[@]}" -K - -w '%{http_code} %header{retry-after}\n' >"$WORK/burst" || true
  codes=$(head -120 "$WORK/burst" | cut -d' ' -f1 | sort | uniq -c | awk '{printf "%s%s x %s", sep, $1, $2; sep=", "}')
  check "a burst of 120 pages from one address: 429 beyond the burst ($codes)" \
    bash -c "head -120 $WORK/burst | cut -d' ' -f1 | sort -u | tr '\n' ' ' | grep -qx '200 429 ' && [ \$(head -120 $WORK/burst | grep -c '^200 ') -ge 41 ]"
  check "nginx's 429 says when to retry (Retry-After: 10)" bash -c "grep '^429' $WORK/burst | sort -u | tr -d '\r' | grep -qx '429 10'"
  check "static files stay served to an address over its budget, pages do not" \
    bash -c "tail -2 $WORK/burst | cut -d' ' -f1 | tr '\n' ' ' | grep -qx '200 429 '"
  check "the 429 is nginx's French HTML page, with a link home" \
    bash -c "grep -q '^<!doctype html>' $WORK/burst-429.html && grep -q '<h1>Trop de requêtes</h1>' $WORK/burst-429.html && grep -q 'href=\"/\"' $WORK/burst-429.html"
  check "other addresses are not affected" \
    bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; [ \$(https --interface $VISITOR2_IP -o /dev/null -w '%{http_code}' https://$DOMAIN/) = 200 ]"
  # Log-in attempts: POST /connexion has its own, much lower budget (10 at once, then 10/min).
  # The app refuses these anyway (no CSRF token); what matters is where nginx starts to say 429.
  {
    printf 'data = "email=visitor%%40pur-beurre.test&password=guess"\n'
    for _ in $(seq 1 14); do printf 'url = "https://%s/connexion"\noutput = /dev/null\n' "$DOMAIN"; done
    printf 'url = "https://%s/connexion"\noutput = %s/login-429.html\n' "$DOMAIN" "$WORK"
  } | https --interface "$VISITOR2_IP" -K - -w '%{http_code} %header{retry-after}\n' | tr -d '\r' >"$WORK/login" || true
  codes=$(cut -d' ' -f1 "$WORK/login" | tr '\n' ' ')
  check "15 log-in attempts at once: the first 11 reach the app, the rest get nginx's 429 ($codes)" \
    bash -c "! head -11 $WORK/login | grep -q '^429' && [ \$(tail -n +12 $WORK/login | grep -cx '429 10') = 4 ]"
  check "a refused log-in POST gets the same HTML page" grep -q '<h1>Trop de requêtes</h1>' "$WORK/login-429.html"
  check "the log-in page itself (GET) is still served to that address" \
    bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; [ \$(https --interface $VISITOR2_IP -o /dev/null -w '%{http_code}' https://$DOMAIN/connexion) = 200 ]"
}

# nginx's shared page cache (README "Shared page cache"), from the exempt host address: a
# visitor's second request for a product sheet is answered by nginx; a signed-in user's never
# is, and the user's page never reaches a visitor.
cache_status() { sed -n 's/\r$//; s/^x-cache-status: //Ip' "$1" 2>/dev/null || true; }
shared_cache() {
  local code url csrf first second signed_up
  code=$(as_admin "sudo -u postgres psql -tA -d pur_beurre -c 'select code from products order by code desc limit 1'")
  url="https://$DOMAIN/produit/$code"
  https -o /dev/null -D "$WORK/visitor-1.h" "$url" || true
  https -o "$WORK/visitor-2.html" -D "$WORK/visitor-2.h" "$url" || true
  first=$(cache_status "$WORK/visitor-1.h"); second=$(cache_status "$WORK/visitor-2.h")
  check "a visitor's second request for a product sheet comes from nginx's cache (X-Cache-Status: $first, then $second)" \
    test "$first/$second" = MISS/HIT
  # The cached copy is the app's gzipped one: sent as it is to a browser that accepts gzip,
  # gunzipped by nginx for one that does not (curl without --compressed, above).
  https -H 'Accept-Encoding: gzip' -o "$WORK/visitor-gzip" -D "$WORK/visitor-gzip.h" "$url" || true
  check "the cached sheet reaches a browser gzipped, and one without gzip as HTML (X-Cache-Status: $(cache_status "$WORK/visitor-gzip.h"))" \
    bash -c "grep -qi '^content-encoding: gzip' $WORK/visitor-gzip.h && gzip -dc $WORK/visitor-gzip | grep -q '</html>' && grep -q '</html>' $WORK/visitor-2.html"
  # A new account: the sign-up form's CSRF token, then its POST, with the session's cookie.
  https -c "$WORK/jar" -o "$WORK/signup.html" "https://$DOMAIN/inscription" || true
  csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/signup.html" 2>/dev/null | head -1 || true)
  signed_up=$(https -b "$WORK/jar" -c "$WORK/jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" \
    --data-urlencode email=cache@pur-beurre.test --data-urlencode firstName=Colette \
    --data-urlencode password=du-beurre-demi-sel --data-urlencode passwordConfirm=du-beurre-demi-sel \
    --data-urlencode next=/ "https://$DOMAIN/inscription" || true)
  https -b "$WORK/jar" -o "$WORK/user-1.html" -D "$WORK/user-1.h" "$url" || true
  https -b "$WORK/jar" -o "$WORK/user-2.html" -D "$WORK/user-2.h" "$url" || true
  first=$(cache_status "$WORK/user-1.h"); second=$(cache_status "$WORK/user-2.h")
  check "a signed-in user's product sheet never comes from the cache (sign-up $signed_up; X-Cache-Status: $first, then $second)" \
    bash -c "[ $signed_up = 303 ] && [ $first/$second = BYPASS/BYPASS ] && grep -q 'href=\"/mon-compte\"' $WORK/user-2.html"
  https -o "$WORK/visitor-3.html" -D "$WORK/visitor-3.h" "$url" || true
  check "the user's page never reaches a visitor (X-Cache-Status: $(cache_status "$WORK/visitor-3.h"))" \
    bash -c "grep -q 'href=\"/connexion\"' $WORK/visitor-3.html && ! grep -q 'mon-compte' $WORK/visitor-3.html"
}

# Every kind of page the site serves, for the load phases: home, searches, product sheets and
# their substitutes (products from the imported catalogue).
load_urls() {
  local code
  {
    echo "https://$DOMAIN/"
    for q in nutella chocolat lait%20%C3%A9cr%C3%A9m%C3%A9 pates biscuits; do echo "https://$DOMAIN/recherche?q=$q"; done
    for code in $(as_admin "sudo -u postgres psql -tA -d pur_beurre -c 'select code from products order by code limit 8'"); do
      echo "https://$DOMAIN/produit/$code"
      echo "https://$DOMAIN/produit/$code/substituts"
    done
  } >"$WORK/urls"
  # Only pages (200): a search that finds one product redirects to it (303), for instance.
  : >"$WORK/urls-check"
  while read -r url; do https -o /dev/null -w "%{http_code} $url\n" "$url" >>"$WORK/urls-check" || true; done <"$WORK/urls"
  grep -v '^200 ' "$WORK/urls-check" | sed 's/^/     not in the load: /' || true
  sed -n 's/^200 //p' "$WORK/urls-check" >"$WORK/urls"
  check "$(wc -l <"$WORK/urls") load URLs answer 200 (home, searches, product sheets, substitutes)" \
    bash -c "[ \$(wc -l <$WORK/urls) -ge 15 ] && grep -q '/recherche' $WORK/urls && grep -q '/substituts' $WORK/urls"
}

# Three clients, each a new HTTPS connection per request, round-robin over $WORK/urls, until
# stop_load; each answer's code goes to $WORK/codes. They carry a pb_session cookie (an unknown
# session: the app treats them as visitors) so that nginx's shared cache lets every request
# through to an instance: these phases are about the instances.
start_load() {
  : >"$WORK/codes"; rm -f "$WORK/stop"; LOAD_PIDS=()
  local i
  for i in 0 1 2; do
    (
      mapfile -t urls <"$WORK/urls"
      n=$((i * 5))
      while [ ! -e "$WORK/stop" ]; do
        url=${urls[n % ${#urls[@]}]}; n=$((n + 1))
        code=$(https -o /dev/null -m 10 -b pb_session=e2e-load -w '%{http_code}' "$url" 2>/dev/null) || code=000
        echo "$code $url" >>"$WORK/codes"
      done
    ) &
    LOAD_PIDS+=($!)
  done
}

stop_load() { touch "$WORK/stop"; wait "${LOAD_PIDS[@]}"; }

check_load() { # $1: what was done under load
  local total failed
  total=$(wc -l <"$WORK/codes"); failed=$(grep -vc '^200 ' "$WORK/codes" || true)
  check "$1 under load: $failed failed of $total requests ($(cut -d' ' -f2 "$WORK/codes" | sed -E 's#https://[^/]+##; s#/produit/[0-9]+#/produit/CODE#; s#\?q=.*#?q=...#' | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}'))" \
    test "$failed" = 0 -a "$total" -gt 50
  [ "$failed" = 0 ] || grep -v '^200 ' "$WORK/codes" | sort | uniq -c | head -10
}

# Requests instance $1 answered for the load's routes since it started (its own /metrics, on
# loopback), excluding the probes (/metrics, /readyz, /healthz).
served_by() {
  as_admin "curl -s 127.0.0.1:$1/metrics" |
    awk '/^pur_beurre_http_request_duration_seconds_count/ && !/route="\/(metrics|readyz|healthz)"/ {sum += $NF} END {print sum + 0}'
}

instance_loss_under_load() {
  local unit=pur-beurre@8001.service pid0 restarts0 pid1 restarts1 active before after retried0 retried1 t0
  pid0=$(as_admin "systemctl show -p MainPID --value $unit")
  restarts0=$(as_admin "systemctl show -p NRestarts --value $unit")
  check "the instances restart on failure after 1 s, and give up after 5 starts in 2 min" \
    as_admin "systemctl show -p Restart -p RestartUSec -p StartLimitBurst -p StartLimitIntervalUSec $unit | LC_ALL=C sort | tr '\n' ' ' |
      grep -qx 'Restart=on-failure RestartUSec=1s StartLimitBurst=5 StartLimitIntervalUSec=2min '"
  # nginx logs each request it could not pass to an instance (and then passed to another).
  local refused="sudo grep -c 'upstream: \"http://127.0.0.1:8001/' /var/log/nginx/pur-beurre.error.log || true"
  retried0=$(as_admin "$refused")
  start_load
  sleep 3
  t0=$SECONDS
  as_admin "sudo kill -9 $pid0"
  if as_admin "for _ in \$(seq 1 60); do
      [ \"\$(systemctl show -p MainPID --value $unit)\" != $pid0 ] && [ \"\$(systemctl show -p MainPID --value $unit)\" != 0 ] &&
        curl -sf -o /dev/null 127.0.0.1:8001/readyz && exit 0
      sleep 0.5
    done; systemctl status $unit --no-pager; exit 1" >"$WORK/check.log" 2>&1; then
    ok "systemd restarted the killed instance (kill -9 of PID $pid0): ready again $((SECONDS - t0)) s later"
  else
    ko "systemd restarted the killed instance (kill -9 of PID $pid0)"; sed 's/^/     /' "$WORK/check.log" | tail -20
  fi
  pid1=$(as_admin "systemctl show -p MainPID --value $unit")
  restarts1=$(as_admin "systemctl show -p NRestarts --value $unit")
  active=$(as_admin "systemctl is-active $unit" || true)
  check "NRestarts went from $restarts0 to $restarts1, new PID $pid1, unit $active" \
    bash -c "[ $restarts1 = $((restarts0 + 1)) ] && [ $pid1 != $pid0 ] && [ $pid1 != 0 ] && [ $active = active ]"
  check "the journal says why: killed by SIGKILL, then restarted" \
    as_admin "sudo journalctl -u $unit --no-pager | grep -q 'code=killed, status=9/KILL' && sudo journalctl -u $unit --no-pager | grep -qE 'Scheduled restart job, restart counter is at [0-9]+'"
  before=$(served_by 8001)
  sleep 4
  after=$(served_by 8001)
  stop_load
  retried1=$(as_admin "$refused")
  check "nginx passed the dead instance's requests on to the other one ($((retried1 - retried0)) in its error log)" \
    test "$((retried1 - retried0))" -gt 0
  check "the restarted instance is back in rotation: it served $before then $after load requests" \
    test "$after" -gt "$before"
  check "the other instance served meanwhile ($(served_by 8002) requests)" test "$(served_by 8002)" -gt 0
  check_load "kill -9 of an instance"
}

second_release_under_load() {
  local pids0 pids1
  pids0=$(as_admin 'systemctl show -p MainPID --value pur-beurre@8001 pur-beurre@8002 | tr "\n" " "')
  start_load
  sleep 2
  # The weekly refresh holding a lock the migration needs, stood in for by the migrations' own
  # advisory lock, held until the migration has given up once (lock_timeout); it then retries.
  local held="select pid from pg_locks where locktype = 'advisory' and objid = 718201 and granted"
  as_admin "sudo -u postgres psql -d pur_beurre -qAt -c 'select pg_advisory_lock(718201)' -c 'select pg_sleep(300)'" >/dev/null 2>&1 &
  local holder=$!
  as_admin "for _ in \$(seq 1 50); do sudo -u postgres psql -d pur_beurre -tA -c \"$held\" | grep -q . && exit 0; sleep 0.2; done; exit 1"
  : >"$WORK/deploy-second.log"
  deploy "$RELEASE2" > >(tee -a "$WORK/deploy-second.log") 2>&1 &
  local deployer=$!
  for _ in $(seq 1 240); do grep -q 'gave up waiting for a lock' "$WORK/deploy-second.log" && break; sleep 0.5; done
  as_admin "sudo -u postgres psql -d pur_beurre -qtA -c \"select pg_terminate_backend(pid) from ($held) as holder\"" >/dev/null
  wait "$holder" || true
  wait "$deployer"
  sleep 2
  stop_load
  pids1=$(as_admin 'systemctl show -p MainPID --value pur-beurre@8001 pur-beurre@8002 | tr "\n" " "')
  check_load "rolling restart of both instances (second release)"
  check "the migration gave up waiting for a lock (lock_timeout) and succeeded on a later attempt" \
    grep -q 'migration attempt 1 of 5 gave up waiting for a lock' "$WORK/deploy-second.log"
  check "both instances were restarted (PIDs $pids0-> $pids1)" \
    bash -c "set -- $pids0 $pids1; [ \$# = 4 ] && [ \$1 != \$3 ] && [ \$2 != \$4 ] && [ \$3 != 0 ] && [ \$4 != 0 ]"
  check "current is the second release" as_admin "readlink /srv/pur-beurre/current | grep -q -- -dirty\$"
  serving "$NAME2"
}

rollback() {
  deploy --rollback
  check "rollback returned to the first release" as_admin "readlink /srv/pur-beurre/current | grep -qx /srv/pur-beurre/releases/$(basename "$RELEASE" .tar.gz)"
  check "site answers after the rollback" bash -c "$(declare -f https); WORK=$WORK DOMAIN=$DOMAIN G=$G; https -f -o /dev/null https://$DOMAIN/"
  serving "$NAME1"
  # The -dirty release is on the server: shipping another build under its name is refused.
  check "a -dirty release name already on the server is refused" \
    bash -c "bash $REPO/deploy/release/deploy.sh --host deploy@$G $RELEASE2 >$WORK/dirty.log 2>&1; rc=\$?; cat $WORK/dirty.log; [ \$rc != 0 ] && grep -q 'a -dirty name does not say what it contains' $WORK/dirty.log"
  check "and the first release still serves" as_admin "readlink /srv/pur-beurre/current | grep -qx /srv/pur-beurre/releases/$NAME1"
}

second_provision() {
  provision admin
  check "second provision run changes nothing" grep -qE 'vps +: .*changed=0 .*failed=0' "$WORK/provision-admin.log"
  (cd "$REPO/deploy" && ansible-playbook -i "$WORK/inventory.ini" -e ansible_user=admin -e '{"admin_authorized_keys": []}' provision.yml) >"$WORK/provision-nokeys.log" 2>&1 || true
  check "an empty admin_authorized_keys is refused before any change" \
    bash -c "grep -q 'admin_authorized_keys is empty' $WORK/provision-nokeys.log && grep -qE 'vps +: .*changed=0 .*failed=1' $WORK/provision-nokeys.log && ssh ${SSH_OPTS[*]} admin@$G true"
}

# Last: sshd moves to port 2222 (`ssh_port`, base role only): UFW opens it first, the playbook
# checks it answers, and the operator's key logs in there.
ssh_port_change() {
  (cd "$REPO/deploy" && ansible-playbook -i "$WORK/inventory.ini" -e ansible_user=admin -e ssh_port=2222 --tags base provision.yml) >"$WORK/provision-port.log" 2>&1 || true
  check "changing ssh_port: the playbook succeeds and checks the new port" \
    bash -c "grep -qE 'vps +: .*failed=0' $WORK/provision-port.log && grep -q 'Check that SSH answers on ssh_port' $WORK/provision-port.log || { tail -30 $WORK/provision-port.log; false; }"
  check "the operator logs in on port 2222; UFW allows it; sshd no longer listens on 22" \
    bash -c "ssh ${SSH_OPTS[*]} -p 2222 admin@$G 'sudo ufw status | grep -q \"^2222/tcp .*ALLOW\" && ! sudo ss -tlnH \"sport = :22\" | grep -q .'"
}

# A copy of the first release under the name $1 whose server exits at once when the JavaScript
# condition $2 holds (PORT: 8001, 8002, or the surge port).
broken_release() {
  local dir=$WORK/broken
  mkdir "$dir"
  tar -xzf "$RELEASE" -C "$dir"
  sed -i "s/^RELEASE=.*/RELEASE=$1/; s/^RELEASE_NAME=.*/RELEASE_NAME=$1/" "$dir/release.env"
  mv "$dir/dist/cli/main.js" "$dir/dist/cli/main-e2e.js"
  cat >"$dir/dist/cli/main.js" <<JS
// The e2e's broken release (deploy/test-server/e2e.sh).
if (process.argv[2] === 'serve' && ($2)) {
  process.stderr.write('e2e: this release does not start on port ' + process.env.PORT + '\\n');
  process.exit(1);
}
await import('./main-e2e.js');
JS
  tar -C "$dir" -czf "$WORK/release/$1.tar.gz" . && rm -rf "$dir"
}

# Under load: a release that never becomes ready (it does not start at all) is refused before
# the switch; one whose second instance never starts is ready on the surge port, so `current`
# is switched, then the rolling restart fails: the release script must put the previous release
# back everywhere and stop the surge instance. No request fails meanwhile.
failed_releases() {
  local previous
  broken_release "$NAME1-never-ready" true
  broken_release "$NAME1-half-ready" "process.env.PORT === '8002'"
  previous=$(as_admin 'readlink /srv/pur-beurre/current')
  start_load
  sleep 2
  if deploy "$WORK/release/$NAME1-never-ready.tar.gz" >"$WORK/deploy-never.log" 2>&1; then
    ko "a release that never becomes ready must fail the deploy"; tail -20 "$WORK/deploy-never.log"
  else
    check "a release that never becomes ready is refused before the switch" \
      grep -q "$NAME1-never-ready did not become ready; still serving $NAME1" "$WORK/deploy-never.log"
  fi
  check "current did not move ($previous)" as_admin "readlink /srv/pur-beurre/current | grep -qx $previous"
  if deploy "$WORK/release/$NAME1-half-ready.tar.gz" >"$WORK/deploy-half.log" 2>&1; then
    ko "a release that fails its rolling restart must fail the deploy"; tail -20 "$WORK/deploy-half.log"
  else
    check "a release whose second instance never starts fails in the rolling restart, which switches back" \
      grep -q "$NAME1-half-ready failed in the rolling restart; current is $NAME1 again" "$WORK/deploy-half.log"
  fi
  sleep 2
  stop_load
  check_load "two failed releases (one refused, one switched back)"
  check "current points at the previous release again ($previous)" \
    as_admin "readlink /srv/pur-beurre/current | grep -qx $previous"
  check "the surge instance is stopped" as_admin '! systemctl is-active --quiet pur-beurre-surge.service'
  check "both instances active" as_admin 'systemctl is-active pur-beurre@8001 pur-beurre@8002'
  serving "$NAME1"
}

# Disaster recovery, part 1, on the first server: a user (Colette, signed up in the cache phase)
# saves a favourite through the site; the nightly job's own command backs up and pushes off site;
# the operator keeps the repository's password off the server (here: in $WORK).
dr_backup() {
  local code csrf sub saved
  https -c "$WORK/dr-jar" -o "$WORK/dr-login.html" "https://$DOMAIN/connexion" || true
  csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/dr-login.html" | head -1)
  https -b "$WORK/dr-jar" -c "$WORK/dr-jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
    --data-urlencode email=cache@pur-beurre.test --data-urlencode password=du-beurre-demi-sel \
    --data-urlencode next=/ "https://$DOMAIN/connexion" || true
  for code in $(as_admin "sudo -u postgres psql -tA -d pur_beurre -c 'select code from products order by code limit 30'"); do
    https -b "$WORK/dr-jar" -o "$WORK/dr-subs.html" "https://$DOMAIN/produit/$code/substituts" || continue
    sub=$(sed -n 's/.*name="substitute" value="\([0-9]*\)".*/\1/p' "$WORK/dr-subs.html" | head -1)
    [ -z "$sub" ] || break
  done
  csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/dr-subs.html" | head -1)
  saved=$(https -b "$WORK/dr-jar" -c "$WORK/dr-jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" \
    --data-urlencode "product=$code" --data-urlencode "substitute=$sub" "https://$DOMAIN/mes-aliments" || true)
  https -b "$WORK/dr-jar" -o "$WORK/dr-favourites-1.html" "https://$DOMAIN/mes-aliments" || true
  DR_SUB=$sub
  check "a user saves a favourite on the first server ($code -> ${sub:-none}: $saved)" \
    bash -c "[ '$saved' = 303 ] && grep -q 'href=\"/produit/$sub\"' $WORK/dr-favourites-1.html"
  check "the nightly backup job pushes its dumps to the off-site machine" \
    as_admin 'sudo systemctl start pur-beurre-backup.service && sudo pur-beurre-offsite snapshots | tee /dev/stderr | grep -q "1 snapshots\|[2-9] snapshots"'
  as_admin 'sudo -u postgres psql -tA -d pur_beurre' <"$WORK/rows.sql" >"$WORK/rows-first"
  # The runbook: copy the repository's password into your password manager.
  as_admin 'sudo cat /etc/pur-beurre/restic-password' >"$WORK/restic-password"
  check "the off-site machine holds the repository, no dump in clear" \
    backup_srv ssh 'test -f /srv/restic/pur-beurre/config && ! grep -rqa PGDMP /srv/restic/pur-beurre'
}

# The runbook's "a key for root on this server in the backup account's authorized_keys, the
# host in root's known_hosts", as the operator types it.
offsite_key() {
  as_admin "sudo test -f /root/.ssh/id_ed25519 || sudo ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/id_ed25519"
  as_admin 'sudo cat /root/.ssh/id_ed25519.pub' | backup_srv ssh 'cat >>/home/restic/.ssh/authorized_keys'
  as_admin "sudo sh -c 'ssh-keyscan -t ed25519 $BACKUP_IP >>/root/.ssh/known_hosts' 2>/dev/null"
}

offsite_machine() {
  backup_srv up
  backup_srv ssh 'useradd -m -s /bin/sh restic && install -d -o restic -g restic -m 700 /srv/restic /home/restic/.ssh &&
    install -o restic -g restic -m 600 /dev/null /home/restic/.ssh/authorized_keys'
  # Users, favourites and products as rows: counts and a checksum of every row.
  cat >"$WORK/rows.sql" <<'SQL'
select 'users ' || count(*) || ' ' || md5(coalesce(string_agg(concat_ws(' ', id, email, first_name, password_hash, created_at), ',' order by id), '')) from users;
select 'favourites ' || count(*) || ' ' || md5(coalesce(string_agg(concat_ws(' ', user_id, product_id, substitute_id, created_at), ',' order by user_id, product_id, substitute_id), '')) from favourites;
select 'products ' || count(*) from products;
SQL
}

# Disaster recovery, part 2: the first server is gone. A fresh guest (same address: the DNS
# record would be pointed at the new one) is provisioned by the kit with the old repository's
# password, the release deployed, and the runbook's two commands restore the off-site copy.
dr_restore() {
  "$SRV" down
  check "the off-site machine outlives the server" backup_srv ssh true
  "$SRV" up
  printf 'backup_offsite_restic_password: %s\n' "$(cat "$WORK/restic-password")" >"$WORK/dr-vars.yml"
  (cd "$REPO/deploy" && ansible-playbook -i "$WORK/inventory.ini" -e ansible_user=root -e "@$WORK/dr-vars.yml" provision.yml) >"$WORK/provision-dr.log" 2>&1 || true
  check "the fresh server is provisioned by the kit" bash -c "grep -qE 'vps +: .*failed=0' $WORK/provision-dr.log || { tail -30 $WORK/provision-dr.log; false; }"
  deploy "$RELEASE"
  offsite_key
  as_admin 'sudo pur-beurre-offsite restore /var/tmp/offsite'
  as_admin 'sudo pur-beurre-restore "$(sudo find /var/tmp/offsite -name "*.dump" | sort | tail -1)"'
  as_admin 'sudo -u postgres psql -tA -d pur_beurre' <"$WORK/rows.sql" >"$WORK/rows-dr"
  check "the new server has the same rows ($(tr '\n' ';' <"$WORK/rows-dr"))" diff "$WORK/rows-first" "$WORK/rows-dr"
  local csrf code
  https -c "$WORK/dr-jar2" -o "$WORK/dr-login2.html" "https://$DOMAIN/connexion" || true
  csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/dr-login2.html" | head -1)
  code=$(https -b "$WORK/dr-jar2" -c "$WORK/dr-jar2" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" \
    --data-urlencode email=cache@pur-beurre.test --data-urlencode password=du-beurre-demi-sel \
    --data-urlencode next=/ "https://$DOMAIN/connexion" || true)
  https -b "$WORK/dr-jar2" -o "$WORK/dr-favourites-2.html" "https://$DOMAIN/mes-aliments" || true
  check "a user signed up on the first server logs in on the new one ($code) and sees their favourite" \
    bash -c "[ '$code' = 303 ] && grep -q 'href=\"/produit/$DR_SUB\"' $WORK/dr-favourites-2.html"
  serving "$NAME1"
}

phase "host tools" host_deps
phase "rootfs (built once, then cached)" rootfs
phase "boot the server" "$SRV" up
phase "the off-site backup machine" offsite_machine
phase "test CA and inventory" test_ca
phase "fake Open Food Facts for the guest" fake_off
phase "local alert receiver" alert_receiver
phase "provision (first run, as root)" provision root
phase "the server's key on the off-site machine" offsite_key
phase "build the release" build_release
phase "deploy the first release (CI key)" deploy "$RELEASE"
phase "the first release is serving" serving "$NAME1"
phase "the CI key can only deploy" ci_key_gate
phase "import a 1,000-product catalogue" import_catalogue
phase "checks from outside" checks_outside
phase "checks on the server" checks_inside
phase "dead man's switch, test alert sent" alerts_sent
phase "nginx rate limits" rate_limits
phase "nginx shared page cache" shared_cache
phase "manual refresh run" refresh_run
phase "backup and restore" backup_restore
phase "live restore (maintenance page, safety dump)" live_restore
phase "URLs for the load phases" load_urls
phase "instance loss under load (kill -9)" instance_loss_under_load
phase "second release under load" second_release_under_load
phase "rollback" rollback
phase "failed releases under load" failed_releases
phase "test alert received" alert_received
phase "provision again (as admin)" second_provision
phase "DR: favourite, nightly backup off site" dr_backup
phase "move SSH to another port" ssh_port_change
phase "DR: fresh server restored off site" dr_restore
echo "--- timings"
printf '%s\n' "${TIMES[@]}"
echo "e2e: $passes passed, $failures failed"
[ "$failures" = 0 ]
