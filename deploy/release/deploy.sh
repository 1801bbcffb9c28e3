#!/bin/bash
# deploy.sh [--host USER@HOST]... [--app APP] TARBALL     ship a release built by build-release.sh and switch to it
# deploy.sh [--host USER@HOST]... [--app APP] --rollback [NAME]  back to the previous release (or NAME)
# deploy.sh [--host USER@HOST]... [--app APP] --list      each server's releases, the current one starred
#
# APP is the app_name the server was provisioned with (default pur-beurre): a server may hold
# several apps, each with its own releases. The server side is /usr/local/bin/APP-deploy
# (/usr/local/bin/pur-beurre-deploy for Pur Beurre), the only command the CI key may run
# (installed by provision.yml); it hands over to pur-beurre-release, which migrates as its own
# step, starts the new release beside the old one, waits until it is ready, switches `current`,
# restarts the instances one by one behind nginx, keeps the last releases, and holds a lock so
# that two deploys never interleave. USER is `deploy` (the CI key) or the operator's account.
# Several web servers (--host repeated, or DEPLOY_HOST="a b"): one at a time, behind the load
# balancer; the first one migrates the shared database, the others skip it; each one checks its
# own instances' readiness. If one fails, the servers already switched go back to the release
# they served before, so that all of them serve the same one.
# Environment: DEPLOY_HOST (instead of --host), DEPLOY_APP (instead of --app), DEPLOY_SSH_OPTS
# (extra ssh options).
set -euo pipefail
app=${DEPLOY_APP:-pur-beurre}
# shellcheck disable=SC2206  # host names are words
hosts=(${DEPLOY_HOST:-})
given=0
action=install
arg=
while [ $# -gt 0 ]; do
  case $1 in
    --host)
      [ "$given" = 1 ] || { hosts=(); given=1; }
      hosts+=("${2:?--host USER@HOST}"); shift 2 ;;
    --app) app=${2:?--app APP}; shift 2 ;;
    --rollback) action=rollback; arg=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    --list) action=list; shift ;;
    -*) sed -n '2,4p' "$0" >&2; exit 2 ;;
    *) arg=$1; shift ;;
  esac
done
[ ${#hosts[@]} -gt 0 ] || { echo "deploy: no server (--host USER@HOST or DEPLOY_HOST)" >&2; exit 2; }
# The app's name becomes part of the remote command: letters, digits and '-' only.
[[ $app =~ ^[a-z0-9][a-z0-9-]*$ ]] || { echo "deploy: app name '$app': lower-case letters, digits and '-' only" >&2; exit 2; }
# shellcheck disable=SC2206  # options are words, as on a command line
ssh_opts=(-o BatchMode=yes -o ConnectTimeout=10 ${DEPLOY_SSH_OPTS:-})
# shellcheck disable=SC2029  # the remote command is built here on purpose
remote() { local host=$1; shift; ssh "${ssh_opts[@]}" "$host" "$@"; }
current_on() { remote "$1" "$app-deploy list" </dev/null | sed -n 's/^\* //p'; }

# Back to what each already-switched server served before this deploy.
undo() {
  local i=$1 h
  for ((h = 0; h < i; h++)); do
    if [ -n "${before[h]}" ] && [ "${before[h]}" != "$name" ]; then
      echo "deploy: ${hosts[h]} back to ${before[h]}" >&2
      remote "${hosts[h]}" "$app-deploy rollback ${before[h]}" </dev/null ||
        echo "deploy: ${hosts[h]} could not go back to ${before[h]}: look at it now" >&2
    fi
  done
}

started=$SECONDS
case $action in
  install)
    [ -r "$arg" ] || { echo "deploy: no release tarball '$arg' (build one with build-release.sh)" >&2; exit 2; }
    # The release is named after its file; the tarball goes over the same connection (stdin).
    name=$(basename "$arg"); name=${name%.tar.gz}
    before=()
    for i in "${!hosts[@]}"; do before[i]=$(current_on "${hosts[i]}"); done
    for i in "${!hosts[@]}"; do
      skip=
      [ "$i" = 0 ] || skip=' skip-migrations'
      echo "deploy: uploading $name to $app on ${hosts[i]} ($((i + 1)) of ${#hosts[@]})" >&2
      if ! remote "${hosts[i]}" "$app-deploy deploy $name$skip" <"$arg"; then
        echo "deploy: $name failed on ${hosts[i]} (which still serves ${before[i]:-nothing})" >&2
        undo "$i"
        exit 1
      fi
    done
    ;;
  rollback) for host in "${hosts[@]}"; do remote "$host" "$app-deploy rollback${arg:+ $arg}" </dev/null; done ;;
  list)
    for host in "${hosts[@]}"; do
      [ ${#hosts[@]} = 1 ] || echo "$host:"
      remote "$host" "$app-deploy list" </dev/null
    done
    ;;
esac
echo "deploy: $action done in $((SECONDS - started))s" >&2
