# Shared by start-session.sh, stop-session.sh and status.sh.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# -h/--help prints the script's header comment; an argument it does not take is refused (exit 2),
# so that "start-session.sh --help" never starts a cluster. A script that takes one sets
# SCRIPT_ARGS (e.g. --quiet) before sourcing this file.
for arg in "$@"; do
  case "$arg" in
    -h | --help)
      awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
      exit 0
      ;;
    *)
      if [ -z "${SCRIPT_ARGS:-}" ] || [ "$arg" != "$SCRIPT_ARGS" ]; then
        echo "$(basename "$0"): unknown argument '$arg'; see $(basename "$0") --help" >&2
        exit 2
      fi
      ;;
  esac
done

# Another configuration folder (flink-conf.yaml, log4j.properties) with FLINK_SESSION_CONF.
conf="${FLINK_SESSION_CONF:-$here/conf}"
run="${FLINK_RUN_DIR:-$here/run}"
rest="http://127.0.0.1:8081"
# The cluster's logs can quote job data: owner-only, as docs/operations.md says.
umask 077
mkdir -p "$run/log"
chmod 700 "$run" "$run/log"

# The cluster's classpath, resolved from Maven once (about 40 jars, 68 MB).
classpath() {
  if [ ! -s "$run/classpath.txt" ] || [ "$here/pom.xml" -nt "$run/classpath.txt" ]; then
    echo "flink: resolving the Flink 1.19 jars with Maven (first run)..." >&2
    mvn -q -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$run/classpath.txt" >&2
  fi
  cat "$run/classpath.txt"
}

# Is the process in PID file $1 alive?
alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

overview() {
  curl -fsS --max-time 2 "$rest/overview" 2>/dev/null
}
