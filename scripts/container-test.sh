#!/usr/bin/env bash
# npm run test:container: builds the unmodified Dockerfile with podman (through the shared smoke test),
# then checks the running container from the host: the documented ticket with the demo key, data kept
# across a restart on the same volume, and a stop that takes less than 3 seconds.
# Prints "N passed, N failed". Needs root (podman), as on these machines and in CI.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# SMOKE: the path of the machines' shared podman smoke script (.ci/run passes it); without it, step 1 is skipped.
SMOKE=${SMOKE:-}
HPORT=${HPORT:-18099}
TAG=omnidesk-emulator:test-$$
NAME=omnidesk-test-$$
VOLUME=omnidesk-test-data-$$
KEY=omnidesk-demo-key
BASE=http://127.0.0.1:$HPORT
passed=0; failed=0
ok () { echo "ok - $1"; passed=$((passed + 1)); }
not_ok () { echo "not ok - $1"; failed=$((failed + 1)); }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

cleanup () {
  podman rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
  podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  podman rmi -f "$TAG" >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_healthy () {
  for _ in $(seq 1 100); do
    curl -fsS --max-time 1 "$BASE/_emulator/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# 0. The Dockerfile's base image (a local stand-in where no registry is reachable).
bash "$ROOT/scripts/container-base.sh" || { not_ok "the base image node:24-bookworm-slim"; echo "$passed passed, $failed failed"; exit 1; }

# 1. The shared smoke test: builds the Dockerfile as it is and probes the health endpoint.
if [ -n "$SMOKE" ]; then
  if HPORT=$HPORT bash "$SMOKE" "$ROOT" 3000 /_emulator/health; then ok "container-smoke.sh builds and probes the image"; else not_ok "container-smoke.sh builds and probes the image"; fi
else
  echo "# SMOKE not set: the shared smoke script is skipped"
fi

# 2. Our own checks, on an image built from the same Dockerfile (the layers are cached by now), in the
#    docker format, which keeps HEALTHCHECK (podman's default OCI format drops it).
podman build --pull=never --format docker -q -t "$TAG" "$ROOT" >/dev/null || { not_ok "podman build"; echo "$passed passed, $((failed)) failed"; exit 1; }
podman volume create "$VOLUME" >/dev/null
start=$(date +%s%N)
podman run -d --name "$NAME" -p "127.0.0.1:$HPORT:3000" -v "$VOLUME:/data" "$TAG" >/dev/null
check "the container becomes healthy" wait_healthy
echo "# start to first health answer: $(( ($(date +%s%N) - start) / 1000000 )) ms (includes podman's own start)"
check "GET /api/v2/ticket/858462 answers the documented ticket with the demo key" \
  "curl -fsS '$BASE/api/v2/ticket/858462' -H 'apiKey: $KEY' | grep -q '\"title\":\"vraag van Thomas\"'"
check "Swagger UI loads on first visit (the built server's lazy require)" \
  "curl -fsS '$BASE/_emulator/docs/' | grep -qi 'swagger'"
check "the image carries V8's code cache of the server" \
  "podman exec $NAME test -s /app/dist/server.cjs.cache"
check "a write is answered 200" \
  "curl -fsS -X PUT '$BASE/api/v2/ticket/858462' -H 'apiKey: $KEY' -H 'content-type: application/json' -d '{\"title\":\"Kept on the volume\"}' | grep -q 'Ticket updated.'"

t0=$(date +%s%N); podman stop -t 10 "$NAME" >/dev/null; t1=$(date +%s%N)
stop_ms=$(( (t1 - t0) / 1000000 ))
echo "# podman stop took $stop_ms ms"
check "podman stop returns in under 3 seconds" "[ $stop_ms -lt 3000 ]"
check "the emulator exits 0 on SIGTERM" "[ \"\$(podman inspect -f '{{.State.ExitCode}}' $NAME)\" = 0 ]"

podman start "$NAME" >/dev/null
check "the container is healthy again after a restart" wait_healthy
check "data written before the restart is still there" \
  "curl -fsS '$BASE/api/v2/ticket/858462' -H 'apiKey: $KEY' | grep -q 'Kept on the volume'"
check "the health check inside the image passes" "podman healthcheck run $NAME >/dev/null 2>&1"
echo "# image size: $(podman image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1000000}')"
podman rm -f -t 0 "$NAME" >/dev/null 2>&1

# 3. docker-compose.yml, with Debian's podman-compose: up gives a working demo, down stops it.
#    (Without systemd here, podman cannot schedule the compose health check; it logs that and runs on.)
if ! command -v podman-compose >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman-compose >/dev/null 2>&1 || true
fi
if command -v podman-compose >/dev/null; then
  PROJECT=omnidesk-ci-$$
  compose () { (cd "$ROOT" && podman-compose -p "$PROJECT" -f docker-compose.yml "$@") >/dev/null 2>&1; }
  if compose up -d; then ok "podman-compose up"; else not_ok "podman-compose up"; fi
  BASE=http://127.0.0.1:3000
  check "the compose service answers the documented ticket on port 3000" \
    "wait_healthy && curl -fsS '$BASE/api/v2/ticket/858462' -H 'apiKey: $KEY' | grep -q '\"id\":858462'"
  # The compose file's own health check, run as podman runs it: what depends_on: service_healthy waits for.
  SERVICE=$(podman ps -q --filter "label=io.podman.compose.project=$PROJECT" | head -1)
  check "podman healthcheck run on the compose service reports healthy" "[ -n '$SERVICE' ] && podman healthcheck run $SERVICE"
  echo "# compose health check: $(podman inspect -f '{{json .Config.Healthcheck}}' "$SERVICE" 2>/dev/null)"
  if compose down -v; then ok "podman-compose down"; else not_ok "podman-compose down"; fi
  podman rmi -f omnidesk-emulator:latest >/dev/null 2>&1 || true
else
  echo "# podman-compose is not installable here: compose file not checked"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
