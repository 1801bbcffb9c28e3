#!/bin/bash
# build-release.sh [--out DIR]
#   Builds the self-contained release of the working tree's commit: compiled JavaScript, the
#   production node_modules, public/, migrations/ and the Node.js binary running this script
#   (a 1 GB server never runs npm or a compiler, and needs no internet to get Node.js).
#   Writes DIR/pur-beurre-<commit>.tar.gz (DIR defaults to ./release) and prints its path.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=release
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?--out DIR}; shift 2 ;;
    *) sed -n '2,6p' "$0" >&2; exit 2 ;;
  esac
done

commit=$(git rev-parse HEAD)
name=pur-beurre-$(git rev-parse --short=12 HEAD)
# Uncommitted changes to tracked files are built too, and the name says so.
[ -z "$(git status --porcelain --untracked-files=no)" ] || name=$name-dirty
node_bin=$(node -p process.execPath)
node_version=$(node --version)
case $node_version in v2[0-9].*) ;; *) echo "build-release: Node.js $node_version; the release needs 20 or later" >&2; exit 1 ;; esac

work=$(mktemp -d /tmp/pur-beurre-release.XXXXXX)
trap 'rm -rf "$work"' EXIT
build=$work/build
release=$work/$name
mkdir -p "$build" "$release/node/bin" "$out"

echo "build-release: $name (Node.js $node_version)" >&2
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$build"
(
  cd "$build"
  npm ci --no-audit --no-fund --loglevel=error >&2 # also compiles dist/ (the prepare script)
  npm prune --omit=dev --no-audit --no-fund --loglevel=error >&2
)
for path in dist node_modules public migrations bin package.json package-lock.json README.md; do
  [ -e "$build/$path" ] && cp -a "$build/$path" "$release/"
done
cp "$node_bin" "$release/node/bin/node"
# RELEASE and GIT_COMMIT are what the app reads (config.ts): /healthz, /readyz, the logs and
# Sentry's release then name the commit shipped.
cat >"$release/release.env" <<ENV
RELEASE=$name
GIT_COMMIT=$commit
RELEASE_NAME=$name
RELEASE_COMMIT=$commit
RELEASE_BUILT_AT=$(date -u +%FT%TZ)
RELEASE_NODE_VERSION=$node_version
ENV
tarball=$out/$name.tar.gz
tar -C "$release" -czf "$tarball.partial" .
mv "$tarball.partial" "$tarball"
echo "build-release: $(du -h "$tarball" | cut -f1) $tarball" >&2
echo "$tarball"
