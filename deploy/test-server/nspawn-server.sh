#!/bin/bash
# shellcheck disable=SC2015,SC2016,SC2029  # `a && b || true` guards, a script for bash -c, ssh commands built here
# Throwaway "Debian 12 VPS" for the deploy kit's end-to-end test (e2e.sh):
# a debootstrapped bookworm rootfs booted with systemd as PID 1 under
# systemd-nspawn, on a private network (bridge + veth), reachable over SSH,
# with its own netfilter (so UFW inside it is real and isolated from the host).
#
# Works on a host whose PID 1 is NOT systemd (no machined, no system bus):
# the two flags that make that possible are --register=no and --keep-unit.
#
# Usage (as root):
#   nspawn-server.sh deps       # apt-get install debootstrap/mmdebstrap systemd-container iptables
#   nspawn-server.sh build      # bootstrap the base rootfs -> $SRV_DIR/ram/base (RAM=1) or $SRV_DIR/base
#   nspawn-server.sh up         # copy base -> instance, network, boot, wait for systemd + sshd
#   nspawn-server.sh ssh [cmd]  # ssh root@guest (key in $SRV_DIR/id_ed25519)
#   nspawn-server.sh exec cmd   # run a command in the guest via nsenter (no ssh needed)
#   nspawn-server.sh status
#   nspawn-server.sh down       # poweroff guest, remove network, NAT rule, instance dir
#   nspawn-server.sh save F.tar # tar the base rootfs (for a CI cache); `load F.tar` restores it
#   nspawn-server.sh purge      # down + remove base rootfs, cache, key
#
# Environment knobs (defaults in brackets):
#   SRV_DIR [/tmp/pur-beurre-vps]  NAME [pbvps]  BR [br-pbvps]
#   HOST_IP [10.98.6.1]  GUEST_IP [10.98.6.2]  PREFIX [24]
#   MIRROR  [first URIs: of /etc/apt/sources.list.d/debian.sources, else http://deb.debian.org/debian]
#   BOOTSTRAP [mmdebstrap|debootstrap]  (mmdebstrap is ~3x faster)
#   RAM [1]  RAM_SIZE [8g]  -> rootfs + instance live on a tmpfs at $SRV_DIR/ram (much faster here)
#   PORTS [""]  e.g. "tcp:2222:22" -> systemd-nspawn --port (DNAT from host addresses)
#   UNSAFE_IO [1]  -> guest dpkg uses force-unsafe-io (faster apt installs; fine for a throwaway server)
# The guest reaches Debian's mirror over plain HTTP through NAT; HTTPS from inside it may fail
# (it does not trust this machine's egress CA), so releases are self-contained.
set -euo pipefail

SRV_DIR=${SRV_DIR:-/tmp/pur-beurre-vps}
NAME=${NAME:-pbvps}
BR=${BR:-br-pbvps}
HOST_IP=${HOST_IP:-10.98.6.1}
GUEST_IP=${GUEST_IP:-10.98.6.2}
PREFIX=${PREFIX:-24}
BOOTSTRAP=${BOOTSTRAP:-mmdebstrap}
UNSAFE_IO=${UNSAFE_IO:-1}
SUBNET="${HOST_IP%.*}.0/${PREFIX}"
RAM=${RAM:-1}                 # 1: keep rootfs + instance on a tmpfs (disk fsync here is ~150 IOPS)
RAM_SIZE=${RAM_SIZE:-8g}
FS="$SRV_DIR"; [ "$RAM" = 1 ] && FS="$SRV_DIR/ram"
BASE="$FS/base"
INST="$FS/$NAME"
PORTS=${PORTS:-}              # e.g. "tcp:2222:22 tcp:8443:443" -> nspawn --port (host-side DNAT)
KEY="$SRV_DIR/id_ed25519"
RUNLOG="$SRV_DIR/$NAME.console.log"
LOOPPID="$SRV_DIR/$NAME.loop.pid"
STATE="$SRV_DIR/$NAME.hoststate"
# Packages a fresh Debian cloud VPS has out of the box (the kit installs the rest).
BASE_PKGS=${BASE_PKGS:-systemd,systemd-sysv,dbus,iproute2,iputils-ping,ca-certificates,python3,sudo,procps,less,curl,gnupg,openssh-server,apt-utils,locales,tzdata}

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
SSH_OPTS=(-i "$KEY" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=5)

mirror() {
  if [ -n "${MIRROR:-}" ]; then echo "$MIRROR"; return; fi
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

cmd_deps() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends debootstrap mmdebstrap systemd-container iptables iproute2 openssh-client
}

ensure_fs() {
  mkdir -p "$SRV_DIR"
  if [ "$RAM" = 1 ] && ! mountpoint -q "$FS"; then
    mkdir -p "$FS"; mount -t tmpfs -o size="$RAM_SIZE",mode=755 pbvps-ram "$FS"
  fi
}

cmd_build() {
  ensure_fs
  mkdir -p "$SRV_DIR/cache"
  [ -e "$BASE" ] && { log "base exists: $BASE (purge first to rebuild)"; return 0; }
  local t0=$SECONDS
  if [ "$BOOTSTRAP" = mmdebstrap ]; then
    log "mmdebstrap bookworm -> $BASE"
    mmdebstrap --variant=minbase --include="$BASE_PKGS" \
      --dpkgopt=force-unsafe-io \
      --aptopt='Acquire::Check-Valid-Until "false"' \
      bookworm "$BASE" "deb $(mirror) bookworm main"
  else
    log "debootstrap bookworm -> $BASE"
    debootstrap --variant=minbase --include="$BASE_PKGS" --cache-dir="$SRV_DIR/cache" \
      bookworm "$BASE" "$(mirror)"
  fi
  log "bootstrap took $((SECONDS - t0))s"
  # Same apt setup as the host: sources (incl. -updates and -security) + apt.conf tweaks
  rm -f "$BASE/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/*.sources "$BASE/etc/apt/sources.list.d/" 2>/dev/null || true
  for f in /etc/apt/apt.conf.d/99*; do [ -f "$f" ] && cp "$f" "$BASE/etc/apt/apt.conf.d/"; done
  [ "$UNSAFE_IO" = 1 ] && echo force-unsafe-io > "$BASE/etc/dpkg/dpkg.cfg.d/unsafe-io"
  guest_identity "$BASE"
  chroot "$BASE" systemctl enable systemd-networkd >/dev/null 2>&1
  # guest resolver = host resolver(s), reached through NAT
  rm -f "$BASE/etc/resolv.conf"; grep '^nameserver' /etc/resolv.conf > "$BASE/etc/resolv.conf"
  # root login by key only (like a cloud image); the kit is expected to create the non-root user
  [ -f "$KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "$NAME-ci" -f "$KEY"
  install -d -m700 "$BASE/root/.ssh"; install -m600 "$KEY.pub" "$BASE/root/.ssh/authorized_keys"
  # remove noisy units that can't work in a container
  # (nvmf-autoconnect comes with nvme-cli, a Recommends of prometheus-node-exporter-collectors; it
  #  modprobes nvme-fabrics, impossible in a container, and would leave the guest "degraded")
  chroot "$BASE" systemctl mask systemd-pstore.service e2scrub_reap.service nvmf-autoconnect.service >/dev/null 2>&1 || true
  log "build done in $((SECONDS - t0))s; $(du -sh "$BASE" | cut -f1)"
}

# The guest's name and network, from this run's knobs: written at build time and again in each
# instance, since a cached rootfs (save/load) holds those of the run that built it.
guest_identity() { # $1: root directory
  echo "$NAME" > "$1/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$NAME" > "$1/etc/hosts"
  # networking like a VPS: static address on the only NIC (host0 inside nspawn), via systemd-networkd
  mkdir -p "$1/etc/systemd/network"
  cat > "$1/etc/systemd/network/10-host0.network" <<EOF
[Match]
Name=host0

[Network]
Address=${GUEST_IP}/${PREFIX}
Gateway=${HOST_IP}
LinkLocalAddressing=no
IPv6AcceptRA=no
EOF
}

host_net_up() {
  if ! ip link show "$BR" >/dev/null 2>&1; then
    ip link add "$BR" type bridge
    ip addr add "${HOST_IP}/${PREFIX}" dev "$BR"
    ip link set "$BR" up
  fi
  # Kept from an earlier `up` when `down` left the network to another guest: the value to restore.
  [ -f "$STATE" ] || echo "ip_forward=$(sysctl -n net.ipv4.ip_forward)" > "$STATE"
  sysctl -qw net.ipv4.ip_forward=1
  iptables -t nat -C POSTROUTING -s "$SUBNET" ! -d "$SUBNET" -j MASQUERADE 2>/dev/null ||
    iptables -t nat -A POSTROUTING -s "$SUBNET" ! -d "$SUBNET" -j MASQUERADE
}

host_net_down() {
  # Another guest still on the bridge (the e2e's off-site backup machine, e2e-topology.sh's guests): leave the network up.
  # (Its saved ip_forward is kept for the next `up`, if there is anything to put back.)
  if [ -n "$(ls "/sys/class/net/$BR/brif" 2>/dev/null)" ]; then
    ! grep -qx 'ip_forward=1' "$STATE" 2>/dev/null || rm -f "$STATE"
    return 0
  fi
  iptables -t nat -D POSTROUTING -s "$SUBNET" ! -d "$SUBNET" -j MASQUERADE 2>/dev/null || true
  ip link del "$BR" 2>/dev/null || true
  if [ -f "$STATE" ]; then
    local f; f=$(sed -n 's/^ip_forward=//p' "$STATE"); [ -n "$f" ] && sysctl -qw net.ipv4.ip_forward="$f"
    rm -f "$STATE"
  fi
}

nspawn_pid() { [ -f "$LOOPPID" ] && pgrep -P "$(cat "$LOOPPID")" -x systemd-nspawn | head -1; }
leader_pid() { local n; n=$(nspawn_pid) && [ -n "$n" ] && pgrep -P "$n" | head -1; }

GENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)
cmd_exec() { local l; l=$(leader_pid); [ -n "$l" ] || { log "guest not running"; return 1; }; nsenter -t "$l" -a "${GENV[@]}" "$@"; }

cmd_up() {
  ensure_fs
  [ -d "$BASE" ] || cmd_build
  [ -f "$LOOPPID" ] && kill -0 "$(cat "$LOOPPID")" 2>/dev/null && { log "already up"; return 0; }
  local t0=$SECONDS
  rm -rf "$INST"; cp -a --reflink=auto "$BASE" "$INST"
  log "instance copy took $((SECONDS - t0))s"
  # This guest's own name and address: a base loaded from a cache (`load`) was built with the
  # defaults, and several guests boot from one base.
  guest_identity "$INST"
  host_net_up
  local t1=$SECONDS
  # --register=no --keep-unit: no machined / no host systemd needed.
  # The loop restarts the container when the guest reboots (nspawn exits 133), like a VPS reboot.
  rm -f "$LOOPPID"
  local portargs="" p
  for p in $PORTS; do portargs+=" --port=$p"; done
  setsid bash -c '
    echo $$ > "$4"
    while :; do
      systemd-nspawn --boot --directory="$1" --machine="$2" --hostname="$2" \
        --register=no --keep-unit --network-bridge="$3" --resolv-conf=off \
        --console=read-only --timezone=off --link-journal=no $5
      rc=$?; echo "== nspawn exit $rc"
      [ "$rc" -eq 133 ] || exit "$rc"
      sleep 1
    done' _ "$INST" "$NAME" "$BR" "$LOOPPID" "$portargs" > "$RUNLOG" 2>&1 < /dev/null &
  for _ in $(seq 1 50); do [ -s "$LOOPPID" ] && break; sleep 0.1; done
  local s=""
  for _ in $(seq 1 300); do
    l=$(leader_pid || true)
    if [ -n "$l" ]; then
      s=$(nsenter -t "$l" -a systemctl is-system-running 2>/dev/null || true)
      case "$s" in running|degraded) break;; esac
    fi
    sleep 0.2
  done
  log "systemd state: ${s:-unknown} after $((SECONDS - t1))s"
  for _ in $(seq 1 100); do ssh "${SSH_OPTS[@]}" "root@$GUEST_IP" true 2>/dev/null && break; sleep 0.3; done
  ssh "${SSH_OPTS[@]}" "root@$GUEST_IP" true
  log "ssh root@$GUEST_IP ok; up in $((SECONDS - t0))s total"
}

cmd_ssh() { ssh "${SSH_OPTS[@]}" "root@$GUEST_IP" "$@"; }

cmd_status() {
  local l; l=$(leader_pid || true)
  echo "loop pid: $(cat "$LOOPPID" 2>/dev/null || echo -) nspawn pid: $(nspawn_pid || echo -) guest init pid: ${l:--}"
  [ -n "$l" ] && nsenter -t "$l" -a systemctl is-system-running || true
}

cmd_down() {
  local lp n l
  if [ -f "$LOOPPID" ]; then
    lp=$(cat "$LOOPPID")
    if kill -0 "$lp" 2>/dev/null; then
      l=$(leader_pid || true)
      [ -n "$l" ] && nsenter -t "$l" -a systemctl poweroff 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$lp" 2>/dev/null || break; sleep 0.5; done
      n=$(nspawn_pid || true)
      [ -n "$n" ] && kill -TERM "$n" 2>/dev/null || true   # nspawn forwards as clean shutdown
      for _ in $(seq 1 30); do kill -0 "$lp" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$lp" 2>/dev/null && { n=$(nspawn_pid || true); [ -n "$n" ] && kill -KILL "$n"; kill -KILL "$lp"; } || true
    fi
    rm -f "$LOOPPID"
  fi
  host_net_down
  rm -rf "$INST" "/run/systemd/nspawn/propagate/$NAME"
  log "down"
}

# CI cache helpers: save the built base once, restore it in later runs (skips the ~2.5 min build)
cmd_save() { local f=${1:?tarball path}; tar -C "$BASE" --numeric-owner --xattrs -cf "$f" . ; log "saved $(du -h "$f" | cut -f1) to $f"; }
cmd_load() {
  local f=${1:?tarball path}; ensure_fs; rm -rf "$BASE"; mkdir -p "$BASE"
  tar -C "$BASE" --numeric-owner --xattrs -xf "$f"
  [ -f "$KEY" ] || { ssh-keygen -q -t ed25519 -N '' -C "$NAME-ci" -f "$KEY"; }
  install -m600 "$KEY.pub" "$BASE/root/.ssh/authorized_keys"; log "loaded $f"
}

cmd_purge() {
  cmd_down
  rm -rf "$BASE" "$SRV_DIR/cache" "$KEY" "$KEY.pub" "$RUNLOG"
  if mountpoint -q "$SRV_DIR/ram"; then umount "$SRV_DIR/ram"; rmdir "$SRV_DIR/ram"; fi
}

case "${1:-}" in
  deps|build|up|down|purge|status) "cmd_$1" ;;
  ssh)  shift; cmd_ssh "$@" ;;
  save) shift; cmd_save "$@" ;;
  load) shift; cmd_load "$@" ;;
  exec) shift; cmd_exec "$@" ;;
  *) sed -n '2,30p' "$0"; exit 2 ;;
esac
