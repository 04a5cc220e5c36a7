#!/usr/bin/env bash
# Builds the Tessera image from the Dockerfile with podman, without pulling anything (the Node.js
# base comes from scripts/container-base.sh when it is not there yet), runs it with a temporary data
# volume, waits until /api/health answers {"status":"ok"}, runs the image's HEALTHCHECK, checks
# that the process is not root and that the database landed in the volume, prints the figures and
# removes the container and the volume. Exits non-zero on any failure.
#
# Environment:
#   CHECK_IMAGE          tag of the image built (default localhost/tessera:check; kept afterwards,
#                        so the next run reuses its cached layers)
#   CHECK_TIMEOUT        seconds to wait for /api/health (default 90)
#   CONTAINER_RUNTIME    OCI runtime for podman (default: see pick_runtime)
#   NPM_CA_FILE          CA bundle npm inside the build must trust (default: $NODE_EXTRA_CA_CERTS)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${CHECK_IMAGE:-localhost/tessera:check}"
TIMEOUT="${CHECK_TIMEOUT:-90}"
NAME="tessera-check-$$"
VOLUME="tessera-check-data-$$"

if ! command -v podman >/dev/null 2>&1; then
  echo "podman is not installed" >&2
  exit 1
fi

# Debian bookworm's crun (1.8) refuses hosts with cgroups in hybrid mode (v1 controllers plus a
# cgroup2 hierarchy at /sys/fs/cgroup/unified); runc runs there. Elsewhere podman's default runtime.
pick_runtime() {
  if [ -n "${CONTAINER_RUNTIME:-}" ]; then
    echo "$CONTAINER_RUNTIME"
  elif grep -qs ' /sys/fs/cgroup/unified cgroup2 ' /proc/self/mounts && command -v runc >/dev/null 2>&1; then
    echo runc
  fi
}
runtime="$(pick_runtime)"
podman_opts=()
if [ -n "$runtime" ]; then podman_opts+=(--runtime "$runtime"); fi

# Rootful podman asks for 1048576 open files and unlimited processes in every container, which a
# host with lower hard limits (containers, CI sandboxes) refuses; ask for what this host allows.
nofile="$(ulimit -Hn)"
if [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ]; then nofile=1048576; fi
limits=(--ulimit "nofile=$nofile:$nofile" --ulimit nproc=4096:4096)

# npm inside the build reaches the registry through whatever this host does; behind a
# TLS-inspecting proxy it needs that proxy's CA, given as a build secret (not kept in the image).
build_opts=()
ca_file="${NPM_CA_FILE:-${NODE_EXTRA_CA_CERTS:-}}"
if [ -n "$ca_file" ] && [ -s "$ca_file" ]; then
  build_opts+=(--secret "id=npm_ca,src=$ca_file")
fi

cleanup() {
  podman rm --force --volumes --time 2 "$NAME" >/dev/null 2>&1 || true
  podman volume rm --force "$VOLUME" >/dev/null 2>&1 || true
  rm -f "${TMPDIR:-/tmp}/$NAME-build.log" "${TMPDIR:-/tmp}/$NAME-run.log"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

echo "== base image"
scripts/container-base.sh

echo "== podman build --pull=never${runtime:+ (runtime $runtime)}"
build_start="$(now)"
# --format docker: the OCI image format has no HEALTHCHECK; podman would drop it.
podman "${podman_opts[@]}" build --pull=never --format docker "${limits[@]}" "${build_opts[@]}" \
  --tag "$IMAGE" . >"${TMPDIR:-/tmp}/$NAME-build.log" 2>&1 || {
  tail -n 40 "${TMPDIR:-/tmp}/$NAME-build.log" >&2
  echo "the image build failed" >&2
  exit 1
}
build_seconds="$(since "$build_start")"
size_mb="$(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1000000 }')"
echo "built $IMAGE in ${build_seconds}s, ${size_mb} MB"

echo "== run with a temporary data volume"
podman volume create "$VOLUME" >/dev/null
run_start="$(now)"
# --health-interval disable: podman schedules health checks with systemd timers, which a host
# without systemd (a container, a CI sandbox) lacks; the check runs once below instead.
# podman still logs that it found no systemd; that goes to a log shown only when the run fails.
run_log="${TMPDIR:-/tmp}/$NAME-run.log"
podman "${podman_opts[@]}" run --detach --name "$NAME" "${limits[@]}" --health-interval disable \
  --volume "$VOLUME:/data" --publish 127.0.0.1::3000 "$IMAGE" >/dev/null 2>"$run_log" || {
  cat "$run_log" >&2
  exit 1
}
address="$(podman port "$NAME" 3000/tcp)"

health=""
deadline=$(($(date +%s) + TIMEOUT))
while [ "$(date +%s)" -lt "$deadline" ]; do
  health="$(node -e "fetch('http://$address/api/health').then((r) => r.text()).then((t) => process.stdout.write(t), () => {})")"
  if [ "$health" = '{"status":"ok"}' ]; then break; fi
  if [ "$(podman inspect --format '{{.State.Running}}' "$NAME")" != true ]; then break; fi
  sleep 0.5
done
if [ "$health" != '{"status":"ok"}' ]; then
  echo "GET /api/health never answered {\"status\":\"ok\"} (last answer: ${health:-none}); container log:" >&2
  podman logs "$NAME" 2>&1 | tail -n 30 >&2
  exit 1
fi
start_seconds="$(since "$run_start")"
echo "GET http://$address/api/health -> $health after ${start_seconds}s"

if ! podman healthcheck run "$NAME" >/dev/null; then
  echo "the image's HEALTHCHECK failed" >&2
  exit 1
fi
echo "HEALTHCHECK: $(podman inspect --format '{{.State.Health.Status}}' "$NAME")"

uid="$(podman exec "$NAME" id -u)"
if [ "$uid" = 0 ]; then
  echo "the server runs as root" >&2
  exit 1
fi
echo "runs as uid $uid ($(podman exec "$NAME" id -un))"

if ! podman "${podman_opts[@]}" run --rm "${limits[@]}" --no-healthcheck --volume "$VOLUME:/data" --entrypoint ls "$IMAGE" /data/tessera.db /data/secret >/dev/null; then
  echo "the database and the secret are not in the /data volume" >&2
  exit 1
fi
echo "data volume holds tessera.db and secret"

echo "== figures"
printf '%-22s %s\n' "image" "$IMAGE" "image size" "${size_mb} MB" "build" "${build_seconds}s" \
  "start to healthy" "${start_seconds}s"
echo "container check passed"
