#!/usr/bin/env bash
# npm run test:testcontainers: the testcontainers test (test/containers/) against podman's
# Docker-compatible socket, as a machine without Docker runs it. Builds the image omnidesk-emulator:latest
# from the Dockerfile first (on the base image of scripts/container-base.sh). Ryuk, testcontainers'
# reaper, is an image from Docker Hub: with no registry it cannot be pulled, so it is turned off here
# (the test stops its containers itself). Needs root (podman).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SOCKET=${SOCKET:-/tmp/omnidesk-podman-$$.sock}
bash "$ROOT/scripts/container-base.sh"
podman build --pull=never --format docker -q -t omnidesk-emulator:latest "$ROOT" >/dev/null
podman system service --time=0 "unix://$SOCKET" &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; rm -f "$SOCKET"' EXIT
for _ in $(seq 1 100); do [ -S "$SOCKET" ] && break; sleep 0.1; done
cd "$ROOT"
DOCKER_HOST="unix://$SOCKET" TESTCONTAINERS_RYUK_DISABLED=true npx vitest run --config vitest.containers.config.ts
