#!/usr/bin/env bash
# Starts a Flink 1.19 standalone session cluster (one JobManager, one TaskManager) on 127.0.0.1
# from Maven-resolved jars; no Flink distribution needed. Idempotent: a running cluster is left
# as it is. PIDs and logs go to ops/flink/run/ (or $FLINK_RUN_DIR). Web UI: http://127.0.0.1:8081
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if alive "$run/jobmanager.pid" && alive "$run/taskmanager.pid"; then
  echo "flink: session cluster already running (web UI $rest)"
  exit 0
fi
# A JobManager whose TaskManager died (killed, out of memory): start a TaskManager only, so that
# the running jobs recover through their restart strategy (docs/operations.md).
tm_only=0
if alive "$run/jobmanager.pid"; then
  tm_only=1
else
  "$here/stop-session.sh" --quiet || true
  # Another cluster (another checkout, another user) on the same ports: our TaskManager would
  # register with its JobManager. Refuse; callers may wait and try again (exit 2).
  if overview >/dev/null; then
    echo "flink: something else answers on $rest (another Flink cluster?); stop it or wait until it is gone" >&2
    exit 2
  fi
fi

cp="$(classpath)"
# What Flink's own scripts do without flink-dist: ask BashJavaUtils for the JVM and dynamic
# memory parameters (the last two result lines), else the TaskManager fails with
# "'taskmanager.cpu.cores' is not set".
params() {
  java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf" 2>/dev/null \
    | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}
jm="$(params GET_JM_RESOURCE_PARAMS)"
jm_jvm="$(echo "$jm" | sed -n 1p)"
jm_dyn="$(echo "$jm" | sed -n 2p)"
tm="$(params GET_TM_RESOURCE_PARAMS)"
tm_jvm="$(echo "$tm" | sed -n 1p)"
tm_dyn="$(echo "$tm" | sed -n 2p)"
if [ -z "$tm_jvm" ] || [ -z "$jm_jvm" ]; then
  echo "flink: could not compute memory parameters from $conf/flink-conf.yaml" >&2
  exit 1
fi

# Working folders (Flink's default is /tmp, where a killed TaskManager leaves hundreds of MB) go
# under the run folder; stop-session.sh removes them.
work="$run/work"
mkdir -p "$work"
# Temporary files too (sort spills hold record tokens): owner-only, under the working folder,
# unless the configuration names its own io.tmp.dirs.
tmp_dirs=()
if ! grep -Eq '^[[:space:]]*io\.tmp\.dirs[[:space:]]*:' "$conf/flink-conf.yaml" 2>/dev/null; then
  mkdir -p -m 700 "$work/tmp"
  tmp_dirs=(-D "io.tmp.dirs=$work/tmp")
fi

# The REST endpoint's folder for uploaded job jars (default /tmp/flink-web-upload, left behind)
# goes there too, unless the configuration names web.tmpdir or web.upload.dir.
web_dirs=()
if ! grep -Eq '^[[:space:]]*web\.(tmpdir|upload\.dir)[[:space:]]*:' "$conf/flink-conf.yaml" 2>/dev/null; then
  mkdir -p -m 700 "$work/web"
  web_dirs=(-D "web.tmpdir=$work/web")
fi

if [ "$tm_only" -eq 0 ]; then
# shellcheck disable=SC2086
nohup java $jm_jvm -Dlog.file="$run/log/jobmanager.log" -Dlog4j.configurationFile="file:$conf/log4j.properties" \
  -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$conf" $jm_dyn -D "process.working-dir=$work" ${tmp_dirs[@]+"${tmp_dirs[@]}"} \
  ${web_dirs[@]+"${web_dirs[@]}"} >"$run/log/jobmanager.out" 2>&1 &
echo $! >"$run/jobmanager.pid"
fi
# shellcheck disable=SC2086
nohup java $tm_jvm -Dlog.file="$run/log/taskmanager.log" -Dlog4j.configurationFile="file:$conf/log4j.properties" \
  -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  --configDir "$conf" $tm_dyn -D "process.working-dir=$work" ${tmp_dirs[@]+"${tmp_dirs[@]}"} >>"$run/log/taskmanager.out" 2>&1 &
echo $! >"$run/taskmanager.pid"
if [ "$tm_only" -eq 1 ]; then
  echo "flink: the JobManager was running without a TaskManager: started a new TaskManager"
fi

# Wait until the REST API answers and the TaskManager has registered its slots.
for _ in $(seq 1 60); do
  if ov="$(overview)" && echo "$ov" | grep -q '"taskmanagers":[1-9]' \
      && echo "$ov" | grep -q '"slots-total":[1-9]'; then
    echo "flink: session cluster up: $ov"
    echo "flink: web UI $rest, logs $run/log"
    exit 0
  fi
  if ! alive "$run/jobmanager.pid" || ! alive "$run/taskmanager.pid"; then
    echo "flink: a cluster process exited; see $run/log" >&2
    "$here/stop-session.sh" --quiet || true
    exit 1
  fi
  sleep 1
done
echo "flink: the cluster did not answer on $rest within 60 s; see $run/log" >&2
"$here/stop-session.sh" --quiet || true
exit 1
