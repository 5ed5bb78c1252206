#!/usr/bin/env bash
# Prints whether the session cluster runs, its PIDs and the REST /overview. Exit 0 when up.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
up=0
for role in jobmanager taskmanager; do
  if alive "$run/$role.pid"; then
    echo "$role: running (pid $(cat "$run/$role.pid"))"
    up=$((up + 1))
  else
    echo "$role: not running"
  fi
done
if ov="$(overview)"; then
  echo "overview: $ov"
fi
[ "$up" -eq 2 ]
