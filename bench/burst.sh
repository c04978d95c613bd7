#!/usr/bin/env bash
# Burst benchmark: N runs of check_smtp_mx -D multi.test -t 30 started at once against the lab, as a monitoring
# host does after a restart or a reschedule. For each N (default 20, 60 and 120) it prints how many runs ended in
# which state (OK, WARNING, CRITICAL, UNKNOWN, and how many of those were "check did not finish" timeouts), the
# CPU of all runs together (user + system, GNU time), the wall time from the start of the burst to the end of the
# last run, and the median and largest wall time of one run. The goal on a 2-core machine: every run of the
# 60-run burst OK within -t 30.
#
#   lab/lab.sh up && bench/burst.sh [N...]          (as root; re-enters the lab namespace)
#
# CHECK_SMTP_MX overrides the plugin under test (default: nagios-check/target/check_smtp_mx); ARGS overrides the
# check's arguments (default: -D multi.test -t 30 -s 127.0.0.2 -C lab/run/ca.pem -e bench.test). The machine may be
# shared: say how loaded it was (the load average is printed). A measurement, not a test: it never fails.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NS=${SMTPMXLAB_NS:-smtpmxlab}
if [ "$(ip netns identify $$ 2>/dev/null)" != "$NS" ]; then
  exec "$repo/lab/in-lab" "$repo/bench/burst.sh" "$@"
fi
ours=${CHECK_SMTP_MX:-$repo/nagios-check/target/check_smtp_mx/bin/check_smtp_mx}
gnutime=/usr/bin/time
[ -x "$ours" ] || { echo "burst: missing $ours (mvn package)" >&2; exit 2; }
[ -x "$gnutime" ] || { echo "burst: missing $gnutime (apt-get install time)" >&2; exit 2; }
read -r -a args <<<"${ARGS:--D multi.test -t 30 -s 127.0.0.2 -C $repo/lab/run/ca.pem -e bench.test}"
[ $# -gt 0 ] || set -- 20 60 120
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "burst: machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "burst: check_smtp_mx: $ours ${args[*]}"
for n in "$@"; do
  rm -f "$tmp"/run.*
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$EPOCHREALTIME
  for i in $(seq "$n"); do
    ( rc=0
      "$gnutime" -q -f '%e %U %S' -o "$tmp/run.$i.time" "$ours" "${args[@]}" >"$tmp/run.$i.out" 2>&1 || rc=$?
      echo "$rc" >"$tmp/run.$i.rc"
      echo "$EPOCHREALTIME" >"$tmp/run.$i.end" ) &
  done
  wait
  last=$(cat "$tmp"/run.*.end | sort -g | tail -n 1)
  # state of each run: the word after "SMTP MX" on its first line; timeouts counted apart
  states=$(for i in $(seq "$n"); do head -n 1 "$tmp/run.$i.out" | awk '{ print ($3 == "" ? "NONE" : $3) }'; done | sort | uniq -c | awk '{ printf "%s %s  ", $2, $1 }')
  timeouts=$(cat "$tmp"/run.*.out | grep -c 'did not finish within' || true)
  # GNU time writes "Command exited with non-zero status N" before the figures: take the last line
  cpu=$(for i in $(seq "$n"); do tail -n 1 "$tmp/run.$i.time"; done | awk '{ c += $2 + $3 } END { printf "%.1f", c }')
  walls=$(for i in $(seq "$n"); do tail -n 1 "$tmp/run.$i.time" | cut -d' ' -f1; done | sort -g)
  median=$(echo "$walls" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  max=$(echo "$walls" | tail -n 1)
  printf '\n== %d runs at once (load average before: %s)\n' "$n" "$load"
  printf '  states: %s(of which "did not finish" timeouts: %d)\n' "$states" "$timeouts"
  printf '  CPU of all runs: %s s (%s s a run); burst wall: %.1f s; one run: median %s s, max %s s\n' "$cpu" \
    "$(awk -v c="$cpu" -v n="$n" 'BEGIN { printf "%.2f", c / n }')" \
    "$(awk -v a="$start" -v b="$last" 'BEGIN { print b - a }')" "$median" "$max"
  other=$(for i in $(seq "$n"); do head -n 1 "$tmp/run.$i.out"; done | grep -v '^SMTP MX OK' | sort | uniq -c | sort -rn | head -n 3 || true)
  [ -z "$other" ] || printf '  not OK, most frequent first lines:\n%s\n' "$(echo "$other" | cut -c1-150 | sed 's/^/   /')"
done
