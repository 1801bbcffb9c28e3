#!/bin/bash
# shellcheck disable=SC2029,SC2016  # remote commands are built here; some are for the remote shell
# e2e-two-apps.sh -- two apps on one server (deploy/README.md, "A second app on the same
# server"), end to end on a throwaway Debian 12 server (nspawn-server.sh): Pur Beurre and a
# second instance of it, pur-beurre-demo on demo.pur-beurre.test, each with its own half of the
# catalogue, provisioned from one inventory (one host entry per app). Checks that each domain
# serves its own data; that provisioning the second app again, and releasing it, leaves the
# first's instances running untouched (same start time); that each backs up and restores apart;
# and that a third run of the playbook changes nothing. Prints per-phase timings and the guest's
# peak memory; exits non-zero if any check failed.
# Run as root: `npm run test:deploy-two-apps`. Knobs as e2e.sh: KEEP=1, E2E_CACHE, SRV_DIR,
# BR, NAME, HOST_IP, GUEST_IP (nspawn-server.sh reads them from the environment).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SRV="$HERE/nspawn-server.sh"
export SRV_DIR=${SRV_DIR:-/tmp/pur-beurre-vps-two}
export NAME=${NAME:-pbtwo} BR=${BR:-br-pbtwo} HOST_IP=${HOST_IP:-10.98.7.1} GUEST_IP=${GUEST_IP:-10.98.7.2}
G=$GUEST_IP
KEY=$SRV_DIR/id_ed25519
CACHE=${E2E_CACHE:-/var/cache/pur-beurre-e2e}
SAMPLE=${E2E_SAMPLE:-$REPO/test/fixtures/off/off-dump-min-1000.jsonl.gz}
WORK=$(mktemp -d /tmp/pur-beurre-e2e-two.XXXXXX)
# The two apps: inventory entry, app_name, domain, database, first instance's port.
A=pur-beurre A_DOMAIN=pur-beurre.test A_DB=pur_beurre A_PORT=8001
B=pur-beurre-demo B_DOMAIN=demo.pur-beurre.test B_DB=pur_beurre_demo B_PORT=8011
SSH_OPTS=(-i "$KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=5)
CI_KEY=$WORK/ci_ed25519
CI_SSH_OPTS=(-i "$CI_KEY" "${SSH_OPTS[@]:2}")
export DEPLOY_SSH_OPTS="${CI_SSH_OPTS[*]}"
# Each app's CI has its own key (sshd runs the first block that holds a key, so one key shared by
# two apps would always reach the first app's gate).
CI_KEY_B=$WORK/ci_b_ed25519
export DEPLOY_SSH_OPTS_B="-i $CI_KEY_B ${SSH_OPTS[*]:2}"
export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_NOCOLOR=1 ANSIBLE_CONFIG="$REPO/deploy/ansible.cfg"
[ $# = 0 ] || { sed -n '2,11p' "$0" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "e2e-two-apps.sh: run as root (it boots a container)" >&2; exit 1; }

declare -a TIMES
failures=0
passes=0
started=$SECONDS
phase() { local name=$1 t0=$SECONDS; shift; echo "=== $name"; "$@"; TIMES+=("$(printf '%-44s %4ds' "$name" $((SECONDS - t0)))"); }
ok() { echo "OK   $*"; passes=$((passes + 1)); }
ko() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >"$WORK/check.log" 2>&1; then ok "$what"; else ko "$what"; sed 's/^/     /' "$WORK/check.log" | tail -20; fi; }
as_admin() { ssh "${SSH_OPTS[@]}" "admin@$G" "$@"; }
# https DOMAIN PATH [curl options]: the page's status code.
status() { curl -s -o /dev/null -w '%{http_code}' --cacert "$WORK/ca.pem" --resolve "$1:443:$G" "https://$1$2"; }
psql_in() { as_admin "sudo -u postgres psql -tAX -d $1 -c \"$2\""; }

cleanup() {
  local rc=$?
  [ -z "${MEM_PID:-}" ] || kill "$MEM_PID" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then
    echo "KEEP=1: server and $WORK left ($SRV ssh; $SRV down)"
  else
    "$SRV" purge || true
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT

rootfs() {
  if [ -f "$CACHE/base.tar" ]; then "$SRV" load "$CACHE/base.tar"; return; fi
  "$SRV" build
  mkdir -p "$CACHE" && "$SRV" save "$CACHE/base.tar"
}

# The guest's memory, every 2 s: its processes' resident memory (seen from inside its PID
# namespace) plus its root file system, which lives in RAM (tmpfs, nspawn-server.sh RAM=1).
memory_sampler() {
  local rss fs
  : >"$WORK/memory"
  while :; do
    rss=$("$SRV" exec ps -eo rss= 2>/dev/null | awk '{s += $1} END {print s + 0}') || rss=0
    fs=$(df --output=used -k "$SRV_DIR/ram" 2>/dev/null | tail -1 | tr -d ' ') || fs=0
    echo "$rss ${fs:-0}" >>"$WORK/memory"
    sleep 2
  done
}

# One certificate for the three names (a local CA stands in for Let's Encrypt); one inventory
# entry per app, both naming the same server.
test_ca() {
  cd "$WORK"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=Pur Beurre test CA" -keyout ca.key -out ca.pem 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$A_DOMAIN" \
    -keyout site.key -out site.csr 2>/dev/null
  printf 'subjectAltName=DNS:%s,DNS:www.%s,DNS:%s\n' "$A_DOMAIN" "$A_DOMAIN" "$B_DOMAIN" >san.ext
  openssl x509 -req -in site.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext \
    -out site.pem 2>/dev/null
  ssh-keygen -q -t ed25519 -N '' -C pur-beurre-e2e-ci -f "$CI_KEY"
  ssh-keygen -q -t ed25519 -N '' -C pur-beurre-demo-e2e-ci -f "$CI_KEY_B"
  cat >"$WORK/inventory.ini" <<INI
[app]
$A ansible_host=$G
$B ansible_host=$G app_name=$B app_domains='["$B_DOMAIN"]' app_base_port=$B_PORT app_surge_port=8199 deploy_authorized_keys='["$(cat "$CI_KEY_B.pub")"]'

[app:vars]
ansible_ssh_private_key_file=$KEY
ansible_ssh_common_args=-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
app_domains=["$A_DOMAIN", "www.$A_DOMAIN"]
tls_mode=provided
tls_certificate_src=$WORK/site.pem
tls_certificate_key_src=$WORK/site.key
admin_authorized_keys=["$(cat "$KEY.pub")"]
deploy_authorized_keys=["$(cat "$CI_KEY.pub")"]
off_user_agent_contact=e2e@pur-beurre.test
off_static_url=http://$HOST_IP:9
INI
}

playbook() { # $1: log name, then ansible-playbook arguments
  local log=$WORK/provision-$1.log; shift
  (cd "$REPO/deploy" && ansible-playbook -i "$WORK/inventory.ini" "$@" provision.yml) >"$log" 2>&1 || true
  sed -n '/PLAY RECAP/,$p' "$log"
}
recap_ok() { # $1: log name, $2: inventory entry, $3: extra pattern for its recap line
  grep -qE "^$2 +: .*${3:-}.*failed=0" "$WORK/provision-$1.log" || { grep -E '^fatal|FAILED' "$WORK/provision-$1.log" | tail -5; false; }
}

provision_both() {
  playbook first -e ansible_user=root
  check "both apps provisioned on one server (one inventory entry each)" bash -c "$(declare -f recap_ok); WORK=$WORK; recap_ok first $A && recap_ok first $B"
}

build_release() {
  RELEASE=$(bash "$REPO/deploy/release/build-release.sh" --out "$WORK/release")
  NAME1=$(basename "$RELEASE" .tar.gz)
  # The second release: the same build under another name, its own release.env (/healthz).
  NAME2=$NAME1-dirty
  RELEASE2="$WORK/release/$NAME2.tar.gz"
  mkdir "$WORK/second"
  tar -xzf "$RELEASE" -C "$WORK/second"
  sed -i "s/^RELEASE=.*/RELEASE=$NAME2/; s/^RELEASE_NAME=.*/RELEASE_NAME=$NAME2/" "$WORK/second/release.env"
  tar -C "$WORK/second" -czf "$RELEASE2" . && rm -rf "$WORK/second"
}

deploy() { # the second app's deploys (--app $B) use its own CI key
  local opts=$DEPLOY_SSH_OPTS
  [ "${1:-}" = --app ] && [ "${2:-}" = "$B" ] && opts=$DEPLOY_SSH_OPTS_B
  DEPLOY_SSH_OPTS=$opts bash "$REPO/deploy/release/deploy.sh" --host "deploy@$G" "$@"
}

deploy_both() {
  deploy "$RELEASE"
  deploy --app "$B" "$RELEASE"
  check "the CI key lists each app's releases through its own gate" \
    bash -c "$(declare -f deploy); REPO=$REPO G=$G B=$B; deploy --list | grep -qx '\* $NAME1' && deploy --app $B --list | grep -qx '\* $NAME1'"
}

# Each app its own half of the catalogue: a product of one is not in the other.
import_catalogues() {
  gzip -dc "$SAMPLE" | sed -n '1,500p' | gzip >"$WORK/first.jsonl.gz"
  gzip -dc "$SAMPLE" | sed -n '501,$p' | gzip >"$WORK/second.jsonl.gz"
  scp -q "${SSH_OPTS[@]}" "$WORK/first.jsonl.gz" "$WORK/second.jsonl.gz" "admin@$G:/tmp/"
  as_admin "sudo $A import --file /tmp/first.jsonl.gz" | tail -1
  as_admin "sudo $B import --file /tmp/second.jsonl.gz" | tail -1
}

own_data() {
  local code_a code_b
  code_a=$(psql_in $A_DB 'select code from products order by code limit 1')
  code_b=$(psql_in $B_DB 'select code from products order by code limit 1')
  check "two databases, each with its own catalogue ($A_DB, $B_DB)" \
    bash -c "[ -n '$code_a' ] && [ -n '$code_b' ] && [ '$code_a' != '$code_b' ]"
  check "$A_DOMAIN serves its product $code_a, not $code_b" \
    bash -c "$(declare -f status); WORK=$WORK G=$G; [ \$(status $A_DOMAIN /produit/$code_a) = 200 ] && [ \$(status $A_DOMAIN /produit/$code_b) = 404 ]"
  check "$B_DOMAIN serves its product $code_b, not $code_a" \
    bash -c "$(declare -f status); WORK=$WORK G=$G; [ \$(status $B_DOMAIN /produit/$code_b) = 200 ] && [ \$(status $B_DOMAIN /produit/$code_a) = 404 ]"
  check "www.$A_DOMAIN still redirects to $A_DOMAIN; unknown hosts get no certificate (one catch-all)" \
    bash -c "[ \$(curl -s -o /dev/null -w '%{redirect_url}' --cacert $WORK/ca.pem --resolve www.$A_DOMAIN:443:$G https://www.$A_DOMAIN/) = https://$A_DOMAIN/ ] && ! curl -sk -m 5 https://$G/ -o /dev/null"
  check "each app's units, under its own name, active" \
    as_admin "systemctl is-active $A@$A_PORT $B@$B_PORT $A-backup.timer $B-backup.timer $A-update.timer $B-update.timer"
  check "Prometheus scrapes both apps, one job each" \
    as_admin "for _ in \$(seq 1 40); do curl -s '127.0.0.1:9090/api/v1/query?query=count(up%7Bjob%3D~%22$A%7C$B%22%7D%3D%3D1)' | grep -q '\"2\"\]' && exit 0; sleep 3; done; curl -s '127.0.0.1:9090/api/v1/query?query=up'; exit 1"
}

# What must not move while the other app changes: its instance (start time, PID), nginx's
# master (reloaded, never restarted), PostgreSQL's postmaster.
snapshot() { # $1: unit; with nginx's and PostgreSQL's main PIDs
  as_admin "systemctl show -p ExecMainStartTimestampMonotonic -p MainPID --value $1 nginx.service postgresql@\$(ls /etc/postgresql)-main.service | tr -s '\n' ' '"
}
unit_state() { as_admin "systemctl show -p ExecMainStartTimestampMonotonic -p MainPID --value $1 | tr -s '\n' ' '"; }

reprovision_second() {
  local a0 b0 a1 b1
  a0=$(snapshot $A@$A_PORT); b0=$(unit_state $B@$B_PORT)
  # A change for the second app only (its environment file): its handler restarts its instances.
  playbook second --limit "$B" -e ansible_user=admin -e app_rate_limit_max=12345
  a1=$(snapshot $A@$A_PORT); b1=$(unit_state $B@$B_PORT)
  echo "first app before/after:  $a0 / $a1"
  echo "second app before/after: $b0 / $b1"
  check "provisioning $B (a changed setting) succeeds and touches only its entry" \
    bash -c "$(declare -f recap_ok); WORK=$WORK; recap_ok second $B 'changed=[1-9]' && ! grep -qE '^$A +:' $WORK/provision-second.log"
  check "$B's instance was restarted with its new setting" \
    bash -c "[ -n '$b0' ] && [ '$b0' != '$b1' ] && ssh ${SSH_OPTS[*]} admin@$G 'sudo grep -qx RATE_LIMIT_MAX=12345 /etc/$B/$B.env && ! sudo grep -q 12345 /etc/$A/$A.env'"
  check "$A's instance untouched (same start time and PID), nginx and PostgreSQL not restarted" \
    bash -c "[ '$a0' = '$a1' ]"
}

release_second() {
  local a0 a1
  a0=$(snapshot $A@$A_PORT)
  deploy --app "$B" "$RELEASE2"
  a1=$(snapshot $A@$A_PORT)
  check "$B serves its new release, $A still the first" \
    bash -c "curl -sf --cacert $WORK/ca.pem --resolve $B_DOMAIN:443:$G https://$B_DOMAIN/healthz | grep -q '\"release\":\"$NAME2\"' && curl -sf --cacert $WORK/ca.pem --resolve $A_DOMAIN:443:$G https://$A_DOMAIN/healthz | grep -q '\"release\":\"$NAME1\"'"
  check "a release of $B did not restart $A (same start time and PID)" bash -c "[ '$a0' = '$a1' ]"
  check "each app's own release history" \
    bash -c "$(declare -f deploy); REPO=$REPO G=$G B=$B; deploy --list | grep -qx '\* $NAME1' && ! deploy --list | grep -q dirty && deploy --app $B --list | grep -qx '\* $NAME2'"
}

# Both back up into their own directories; the second is restored (live, maintenance and all)
# to before a change, and the first keeps the change made to it meanwhile.
backup_restore_apart() {
  local dump_b a0 a1 a_state b_state
  as_admin "sudo systemctl start $A-backup.service $B-backup.service"
  check "each app's dump in its own directory, each its own backup metric" \
    as_admin "sudo sh -c 'ls /var/backups/$A/daily/$A_DB-*.dump && ls /var/backups/$B/daily/$B_DB-*.dump' && ls /var/lib/prometheus/node-exporter/pur_beurre_backup_last_success_timestamp_seconds.prom /var/lib/prometheus/node-exporter/pur_beurre_demo_backup_last_success_timestamp_seconds.prom"
  dump_b=$(as_admin "sudo sh -c 'ls -1t /var/backups/$B/daily/*.dump' | head -1")
  # After the backups, a change in each database: the restore of the second undoes only its own.
  psql_in $A_DB 'create table after_backup (x int)' >/dev/null
  psql_in $B_DB 'create table after_backup (x int)' >/dev/null
  a0=$(snapshot $A@$A_PORT)
  as_admin "sudo $B-restore $dump_b" 2>&1 | tail -2
  a1=$(snapshot $A@$A_PORT)
  b_state=$(psql_in $B_DB "select to_regclass('after_backup') is null, count(*) > 0 from products")
  a_state=$(psql_in $A_DB "select to_regclass('after_backup') is not null")
  check "restoring $B: its change is gone, its catalogue back" bash -c "[ '$b_state' = 't|t' ]"
  check "$A's data unchanged by $B's restore (its change still there), its instance untouched" \
    bash -c "[ '$a_state' = t ] && [ '$a0' = '$a1' ]"
  check "both sites serve after the restore" \
    bash -c "$(declare -f status); WORK=$WORK G=$G; [ \$(status $A_DOMAIN /) = 200 ] && [ \$(status $B_DOMAIN /) = 200 ]"
}

provision_again() {
  playbook third -e ansible_user=admin -e app_rate_limit_max=12345 --limit "$B"
  playbook fourth -e ansible_user=admin --limit "$A"
  check "provisioning each app again changes nothing (shared files the same whichever app writes them)" \
    bash -c "$(declare -f recap_ok); WORK=$WORK; recap_ok third $B 'changed=0 ' && recap_ok fourth $A 'changed=0 '"
}

memory_report() {
  kill "$MEM_PID" 2>/dev/null || true; MEM_PID=
  awk '{p = $1 > p ? $1 : p; t = $1 + $2 > t ? $1 + $2 : t} END {printf "guest peak: processes %d MB resident; with its tmpfs root %d MB\n", p / 1024, t / 1024}' "$WORK/memory"
}

phase "rootfs (cached by e2e.sh)" rootfs
phase "boot the server" "$SRV" up
memory_sampler & MEM_PID=$!
phase "test CA and inventory (two apps)" test_ca
phase "provision both apps (first run, as root)" provision_both
phase "build the release" build_release
phase "deploy to both apps (CI key, deploy.sh --app)" deploy_both
phase "import a catalogue into each" import_catalogues
phase "each domain serves its own data" own_data
phase "provision the second app again" reprovision_second
phase "a release of the second app" release_second
phase "back up both, restore the second" backup_restore_apart
phase "provision each app again" provision_again
echo "--- timings"
printf '%s\n' "${TIMES[@]}"
printf '%-44s %4ds\n' total $((SECONDS - started))
memory_report
echo "e2e-two-apps: $passes passed, $failures failed"
[ "$failures" = 0 ]
