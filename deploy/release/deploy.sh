#!/bin/bash
# deploy.sh [--host USER@HOST] [--app APP] TARBALL     ship a release built by build-release.sh and switch to it
# deploy.sh [--host USER@HOST] [--app APP] --rollback [NAME]  back to the previous release (or NAME)
# deploy.sh [--host USER@HOST] [--app APP] --list      the server's releases, the current one starred
#
# APP is the app_name the server was provisioned with (default pur-beurre): a server may hold
# several apps, each with its own releases. The server side is /usr/local/bin/APP-deploy
# (/usr/local/bin/pur-beurre-deploy for Pur Beurre), the only command the CI key may run
# (installed by provision.yml); it hands over to pur-beurre-release, which migrates as its own
# step, starts the new release beside the old one, waits until it is ready, switches `current`,
# restarts the instances one by one behind nginx, keeps the last releases, and holds a lock so
# that two deploys never interleave. USER is `deploy` (the CI key) or the operator's account.
# Environment: DEPLOY_HOST (instead of --host), DEPLOY_APP (instead of --app), DEPLOY_SSH_OPTS
# (extra ssh options).
set -euo pipefail
host=${DEPLOY_HOST:-}
app=${DEPLOY_APP:-pur-beurre}
action=install
arg=
while [ $# -gt 0 ]; do
  case $1 in
    --host) host=${2:?--host USER@HOST}; shift 2 ;;
    --app) app=${2:?--app APP}; shift 2 ;;
    --rollback) action=rollback; arg=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    --list) action=list; shift ;;
    -*) sed -n '2,4p' "$0" >&2; exit 2 ;;
    *) arg=$1; shift ;;
  esac
done
[ -n "$host" ] || { echo "deploy: no server (--host USER@HOST or DEPLOY_HOST)" >&2; exit 2; }
# The app's name becomes part of the remote command: letters, digits and '-' only.
[[ $app =~ ^[a-z0-9][a-z0-9-]*$ ]] || { echo "deploy: app name '$app': lower-case letters, digits and '-' only" >&2; exit 2; }
# shellcheck disable=SC2206  # options are words, as on a command line
ssh_opts=(-o BatchMode=yes -o ConnectTimeout=10 ${DEPLOY_SSH_OPTS:-})
# shellcheck disable=SC2029  # the remote command is built here on purpose
remote() { ssh "${ssh_opts[@]}" "$host" "$@"; }

started=$SECONDS
case $action in
  install)
    [ -r "$arg" ] || { echo "deploy: no release tarball '$arg' (build one with build-release.sh)" >&2; exit 2; }
    # The release is named after its file; the tarball goes over the same connection (stdin).
    name=$(basename "$arg"); name=${name%.tar.gz}
    echo "deploy: uploading $name to $app on $host" >&2
    remote "$app-deploy deploy $name" <"$arg"
    ;;
  rollback) remote "$app-deploy rollback${arg:+ $arg}" </dev/null ;;
  list) remote "$app-deploy list" </dev/null ;;
esac
echo "deploy: $action done in $((SECONDS - started))s" >&2
