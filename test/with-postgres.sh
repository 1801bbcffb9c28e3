#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a PostgreSQL server that accepts
# CREATE DATABASE. Uses the one given, or starts a throwaway cluster on loopback (Debian's
# postgresql packages) for the duration of the command, then prepares the migrated templates.
set -euo pipefail
cd "$(dirname "$0")/.."

cleanup() { :; }
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "npm test needs PostgreSQL server binaries (Debian: apt-get install postgresql), or TEST_DATABASE_URL set to a server where it may create databases." >&2
    exit 1
  fi
  dir=$(mktemp -d /tmp/pur-beurre-test-pg.XXXXXX)
  port=$((20000 + RANDOM % 20000))
  as_owner=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root.
    chown postgres: "$dir"
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >/dev/null
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  cleanup() { "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
  trap cleanup EXIT
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
fi

TEST_TEMPLATES_DIR=$(mktemp -d /tmp/pur-beurre-test-templates.XXXXXX)
export TEST_TEMPLATES_DIR
trap 'cleanup; rm -rf "$TEST_TEMPLATES_DIR"' EXIT
node --import tsx test/support/prepare-templates.ts
"$@"
