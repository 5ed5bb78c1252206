#!/usr/bin/env bash
# Stops the session cluster started by start-session.sh and leaves no process behind.
# Idempotent: nothing running is fine. --quiet prints nothing when there was nothing to stop.
set -euo pipefail
SCRIPT_ARGS=--quiet
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
quiet="${1:-}"
stopped=0
for role in taskmanager jobmanager; do
  pidfile="$run/$role.pid"
  if alive "$pidfile"; then
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    stopped=$((stopped + 1))
  fi
  rm -f "$pidfile"
done
# the processes' working folders (start-session.sh), including those of killed TaskManagers
rm -rf "$run/work"
if [ "$stopped" -gt 0 ]; then
  echo "flink: session cluster stopped"
elif [ "$quiet" != "--quiet" ]; then
  echo "flink: no session cluster running"
fi
