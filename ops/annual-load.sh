#!/usr/bin/env bash
# The annual load as ops schedule it (ops/systemd/monitor-load.timer or ops/cron/monitor-load.cron):
# load the deliveries into a new warehouse version on the Flink cluster (or the embedded Flink),
# then list the versions. Prints progress only (no record contents); the exit code is the load's
# (README "Exit codes"): 0 ok, 3 a delivery was rejected, 5 the job failed or no cluster answered
# (nothing published: retry), others need a person. See docs/operations.md.
#
# Settings (environment; under systemd from /etc/victim-monitor/load.env):
#   MONITOR_DELIVERIES    root folder of the deliveries                       (required)
#   MONITOR_WAREHOUSE     warehouse folder                                     (required)
#   MONITOR_FLINK_MASTER  HOST:PORT of the Flink REST API, or [local]          (default [local])
#   MONITOR_YEAR          load year                                 (default: the latest delivered)
#   MONITOR_PARALLELISM   parallelism of the job                     (default: the cores here)
#   MONITOR_CLI_JAR       the CLI jar        (default: pipelines/target/monitor-cli.jar here)
#   MONITOR_JOB_JAR       the job jar for a cluster   (default: monitor-job.jar beside the CLI jar)
#   MONITOR_JAVA_OPTS     JVM options of the CLI                                (default -Xmx2g)
#   FLINK_CONF_DIR        client-side Flink configuration (optional; the restart strategy is the
#                         cluster's, see docs/operations.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Settings come from the environment only: -h/--help prints the above, anything else is refused,
# so that "annual-load.sh --help" never starts a load.
for arg in "$@"; do
  case "$arg" in
    -h | --help)
      awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
      exit 0
      ;;
    *)
      echo "annual-load: unknown argument '$arg'; the settings are environment variables, see --help" >&2
      exit 2
      ;;
  esac
done
: "${MONITOR_DELIVERIES:?set MONITOR_DELIVERIES (root folder of the deliveries)}"
: "${MONITOR_WAREHOUSE:?set MONITOR_WAREHOUSE (warehouse folder)}"
jar="${MONITOR_CLI_JAR:-$root/pipelines/target/monitor-cli.jar}"
if [ ! -f "$jar" ]; then
  echo "annual-load: no CLI jar at $jar; build it with 'mvn -B -DskipTests package'" >&2
  exit 2
fi
args=(load --deliveries "$MONITOR_DELIVERIES" --warehouse "$MONITOR_WAREHOUSE"
  --runner FlinkRunner --flinkMaster "${MONITOR_FLINK_MASTER:-[local]}")
[ -n "${MONITOR_YEAR:-}" ] && args+=(--year "$MONITOR_YEAR")
[ -n "${MONITOR_PARALLELISM:-}" ] && args+=(--parallelism "$MONITOR_PARALLELISM")
echo "annual-load: $(date -u +%FT%TZ) loading $MONITOR_DELIVERIES into $MONITOR_WAREHOUSE on ${MONITOR_FLINK_MASTER:-[local]}"
# shellcheck disable=SC2086
java ${MONITOR_JAVA_OPTS:--Xmx2g} -jar "$jar" "${args[@]}"
# shellcheck disable=SC2086
java ${MONITOR_JAVA_OPTS:--Xmx2g} -jar "$jar" versions --warehouse "$MONITOR_WAREHOUSE"
