#!/usr/bin/env bash
# Time from check_smtp_mx's first output line to the end of the process, against the lab: the idle wait
# after the result that a Nagios/Icinga scheduler pays for nothing. The check's stdout is read through a
# pipe; the moment the first line arrives and the moment the pipe reaches end of file (the process has
# exited: the JVM replaced the launcher shell, so nothing else holds the pipe) are read from bash's
# $EPOCHREALTIME. Also prints the start -> first line time. Medians, min and max over RUNS.
#
#   lab/lab.sh up && bench/exit-latency.sh [RUNS] [CHECK ARGS...]
#       (default 9 runs of -H 127.0.0.11 -C lab/run/ca.pem -e bench.test -s 127.0.0.2)
#
# CHECK_SMTP_MX overrides the plugin under test (default: nagios-check/target/check_smtp_mx). The machine
# may be shared: the figures are noisy, quote the median. A measurement, not a test: it never fails on slow figures.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NS=${SMTPMXLAB_NS:-smtpmxlab}
if [ "$(ip netns identify $$ 2>/dev/null)" != "$NS" ]; then
  exec "$repo/lab/in-lab" "$repo/bench/exit-latency.sh" "$@"
fi
runs=${1:-9}
shift || true
ours=${CHECK_SMTP_MX:-$repo/nagios-check/target/check_smtp_mx/bin/check_smtp_mx}
ca=$repo/lab/run/ca.pem
if [ $# -eq 0 ]; then
  set -- -H 127.0.0.11 -C "$ca" -e bench.test -s 127.0.0.2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ms between two $EPOCHREALTIME values
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }

echo "exit-latency: $ours $*"
for i in $(seq "$runs"); do
  start=$EPOCHREALTIME
  # The reader: first line -> its time, then drain to end of file -> its time.
  { "$ours" "$@" || true; } | {
    IFS= read -r first || true
    t1=$EPOCHREALTIME
    cat >/dev/null
    t2=$EPOCHREALTIME
    echo "$t1 $t2 ${first:0:60}" >"$tmp/run"
  }
  read -r t1 t2 first <"$tmp/run"
  a=$(ms "$start" "$t1") b=$(ms "$t1" "$t2")
  echo "$a $b" >>"$tmp/all"
  printf '  run %2d  start->first line %7.1f ms  first line->exit %7.1f ms  %s\n' "$i" "$a" "$b" "$first"
done
stats() { # column -> "min median max"
  sort -g -k"$1","$1" "$tmp/all" | awk -v c="$1" '{ v[NR] = $c } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "min %.1f  median %.1f  max %.1f ms", v[1], m, v[NR] }'
}
echo "  start -> first line:  $(stats 1)"
echo "  first line -> exit:   $(stats 2)"
