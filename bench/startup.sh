#!/usr/bin/env bash
# Start-up and cost benchmark of check_smtp_mx against the local Postfix lab, side by side with the
# Monitoring Plugins peers that Nagios users run today on the same host:
#   check_smtp -S            (monitoring-plugins-standard: EHLO, STARTTLS, certificate expiry)
#   check_ssl_cert -P smtp   (monitoring-plugins-contrib: STARTTLS, chain, expiry; a shell script over openssl)
# For each it prints every invocation's wall time, CPU seconds (user+sys), peak RSS (GNU time), peak USS and
# PSS (/proc/PID/smaps_rollup), the medians, ours/peer ratios and whether the targets of performance.adoc are met. Then the time to a verdict for multi.test (3 MX hosts x 2 addresses):
# check_smtp_mx once (it probes the 6 addresses concurrently) against each peer once per address.
#
#   lab/lab.sh up && bench/startup.sh [RUNS]          (default 5 runs; as root, re-enters the lab namespace)
#
# CHECK_SMTP_MX overrides the plugin under test (default: the build, nagios-check/target/check_smtp_mx),
# e.g. CHECK_SMTP_MX=/usr/lib/nagios/plugins/check_smtp_mx after installing the .deb. BASELINE=<launcher>
# adds a second build of check_smtp_mx (e.g. one from before a change), run interleaved with the first,
# so that a before/after comparison sees the same machine load.
# This is a measurement, not a test: it never fails on slow figures. See src-docs performance.adoc.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NS=${SMTPMXLAB_NS:-smtpmxlab}
if [ "$(ip netns identify $$ 2>/dev/null)" != "$NS" ]; then
  exec "$repo/lab/in-lab" "$repo/bench/startup.sh" "$@"
fi
runs=${1:-5}
ours=${CHECK_SMTP_MX:-$repo/nagios-check/target/check_smtp_mx/bin/check_smtp_mx}
plugins=/usr/lib/nagios/plugins
ca=$repo/lab/run/ca.pem
gnutime=/usr/bin/time
for t in "$ours" "$plugins/check_smtp" "$plugins/check_ssl_cert" "$gnutime"; do
  [ -x "$t" ] || { echo "bench: missing $t (mvn package; apt-get install monitoring-plugins-standard monitoring-plugins-contrib time)" >&2; exit 2; }
done
[ -r "$ca" ] || { echo "bench: $ca missing; run lab/lab.sh up" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A class-data archive written moments ago (a fresh build) sits in the page cache as dirty pages until the kernel
# writes it back, and smaps counts the mapped ones as Private_Dirty: flush it first, or DIRTY is ~17 MB too high.
for jsa in "$(dirname "$ours")/../lib/check_smtp_mx.jsa" ${BASELINE:+"$(dirname "$BASELINE")/../lib/check_smtp_mx.jsa"}; do
  [ ! -f "$jsa" ] || sync "$jsa"
done

# measure LABEL CMD... -> appends "wall cpu rss_kb exit uss_kb pss_kb dirty_kb" to $tmp/LABEL, prints one line.
# RSS is GNU time's peak resident set; it counts the pages of the shared class-data archive and of the JDK's
# libraries that every JVM on the host shares. USS (private pages: what this run alone costs) and PSS (private
# pages plus a share of the shared ones) are the largest values read from /proc/PID/smaps_rollup of the
# command's process, sampled every 20 ms while it runs (for a shell script peer: of the script's shell only).
# DIRTY is the largest Private_Dirty: pages this process wrote and no other can share (heap, stacks, JIT code,
# written archive pages). USS of a lone JVM also counts the clean pages of libjvm.so and of the class-data archive
# that no other process maps at that moment; beside a second check they are shared and USS falls to about DIRTY.
measure() {
  local label=$1; shift
  local rc=0 tpid cpid="" uss=0 pss=0 dirty=0 u p d
  "$gnutime" -q -f '%e %U %S %M' -o "$tmp/one" "$@" >"$tmp/out" 2>&1 &
  tpid=$!
  while kill -0 "$tpid" 2>/dev/null; do
    [ -n "$cpid" ] || cpid=$(awk '{ print $1 }' "/proc/$tpid/task/$tpid/children" 2>/dev/null || true)
    if [ -n "$cpid" ] && read -r p u d < <(awk '/^Pss:/ { p = $2 } /^Private_(Clean|Dirty):/ { u += $2 } /^Private_Dirty:/ { d += $2 } END { if (p != "") print p, u, d + 0 }' "/proc/$cpid/smaps_rollup" 2>/dev/null); then
      [ "$u" -le "$uss" ] || uss=$u
      [ "$p" -le "$pss" ] || pss=$p
      [ "$d" -le "$dirty" ] || dirty=$d
    fi
    sleep 0.02
  done
  wait "$tpid" || rc=$?
  # GNU time writes "Command exited with non-zero status N" first when the status is not 0.
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$tmp/one")
  local cpu
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$wall $cpu $rss $rc $uss $pss $dirty" >>"$tmp/$label"
  printf '  %-20s wall %6.2f s  cpu %6.2f s  rss %6.1f MB  uss %6.1f MB  pss %6.1f MB  dirty %6.1f MB  exit %d  %s\n' "$label" "$wall" "$cpu" \
    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(awk -v k="$uss" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="$pss" 'BEGIN { print k / 1024 }')" "$(awk -v k="$dirty" 'BEGIN { print k / 1024 }')" "$rc" "$(head -c 60 "$tmp/out" | head -n 1)"
}

# median LABEL COLUMN -> the median of that column over the label's runs
median() {
  sort -g -k"$2","$2" "$tmp/$1" | awk -v c="$2" '{ v[NR] = $c } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

# target WHAT OURS PEER LIMIT UNIT -> "WHAT: OURS/PEER = R (target <= LIMIT UNIT): met|NOT met"
target() {
  awk -v w="$1" -v a="$2" -v b="$3" -v l="$4" -v u="$5" 'BEGIN {
    r = (b > 0) ? a / b : 0
    printf "  target %-18s %8.3f %s %-9s (<= %s%s): %s\n", w, r, (u == "" ? "" : "="), (u == "" ? "" : sprintf("%.2f/%.2f", a, b)), l, u, (r <= l ? "met" : "NOT met")
  }'
}

summary() { # summary LABEL...
  printf '\n  %-20s %10s %10s %10s %10s %10s %10s   %s\n' "median of $runs" "wall s" "cpu s" "rss MB" "uss MB" "pss MB" "dirty MB" "ours/peer (wall, cpu, rss)"
  local l w c r u p d ow oc or
  ow=$(median "$1" 1); oc=$(median "$1" 2); or=$(median "$1" 3)
  for l in "$@"; do
    w=$(median "$l" 1); c=$(median "$l" 2); r=$(median "$l" 3); u=$(median "$l" 5); p=$(median "$l" 6); d=$(median "$l" 7)
    printf '  %-20s %10.2f %10.2f %10.1f %10.1f %10.1f %10.1f   %s\n' "$l" "$w" "$c" "$(awk -v k="$r" 'BEGIN { print k / 1024 }')" \
      "$(awk -v k="$u" 'BEGIN { print k / 1024 }')" "$(awk -v k="$p" 'BEGIN { print k / 1024 }')" "$(awk -v k="$d" 'BEGIN { print k / 1024 }')" \
      "$(awk -v a="$ow" -v b="$w" -v c="$oc" -v d="$c" -v e="$or" -v f="$r" \
           'BEGIN { printf "%s %s %s", (b > 0 ? sprintf("%.1fx", a / b) : "-"), (d > 0 ? sprintf("%.1fx", c / d) : "-"), (f > 0 ? sprintf("%.1fx", e / f) : "-") }')"
  done
}

echo "bench: machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "bench: java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | sed -n 2p)"
echo "bench: check_smtp_mx: $ours ($("$ours" -V 2>&1 || true))"
baseline=${BASELINE:-}
[ -z "$baseline" ] || echo "bench: baseline: $baseline ($("$baseline" -V 2>&1 || true))"
echo "bench: peers: monitoring-plugins $(dpkg-query -W -f='${Version}' monitoring-plugins-standard 2>/dev/null || echo '?'), contrib $(dpkg-query -W -f='${Version}' monitoring-plugins-contrib 2>/dev/null || echo '?')"

host=127.0.0.11 name=mx1.good.test
echo
echo "== start-up only: check_smtp_mx -V (no network), $runs runs"
for _ in $(seq "$runs"); do
  measure "ours -V" "$ours" -V
  [ -z "$baseline" ] || measure "baseline -V" "$baseline" -V
done
summary "ours -V" ${baseline:+"baseline -V"}

echo
echo "== one MX host, $name [$host]:25 with STARTTLS, $runs runs each"
for _ in $(seq "$runs"); do
  measure check_smtp_mx "$ours" -H "$host" -C "$ca" -e bench.test -s 127.0.0.2
  [ -z "$baseline" ] || measure baseline "$baseline" -H "$host" -C "$ca" -e bench.test -s 127.0.0.2
  measure check_smtp "$plugins/check_smtp" -H "$host" -S -D 30,7
  measure check_ssl_cert "$plugins/check_ssl_cert" -H "$host" -P smtp -p 25 -r "$ca" -m "$name" --ignore-ocsp --ignore-sct
done
summary check_smtp_mx ${baseline:+baseline} check_smtp check_ssl_cert
echo
target "one host: wall" "$(median check_smtp_mx 1)" "$(median check_ssl_cert 1)" 0.5 "x check_ssl_cert"
target "one host: cpu" "$(median check_smtp_mx 2)" "$(median check_ssl_cert 2)" 0.4 "x check_ssl_cert"
target "one host: private MB" "$(median check_smtp_mx 7 | awk '{ print $1 / 1024 }')" 1 40 ""
# USS beside a second check: the same one-host check started 50 ms after another, as checks overlap on a
# monitoring host; the libjvm.so and archive pages both map are then shared and leave the USS.
for _ in $(seq "$runs"); do
  "$ours" -H "$host" -C "$ca" -e bench.test -s 127.0.0.2 >/dev/null 2>&1 &
  sibling=$!
  sleep 0.05
  measure "ours beside another" "$ours" -H "$host" -C "$ca" -e bench.test -s 127.0.0.2
  wait "$sibling" || true
done
summary "ours beside another"
echo "  (private MB is the median of the largest Private_Dirty; uss of a lone run also counts clean shared-library"
echo "   and archive pages that a second JVM shares: compare the uss of \"ours beside another\")"

echo
echo "== time to a verdict: multi.test, 3 MX hosts x 2 addresses (127.0.0.180-185)"
echo "   check_smtp_mx: one run over the domain (addresses probed concurrently); peers: one run per address, one after the other"
for _ in $(seq "$runs"); do
  measure "multi ours" "$ours" -D multi.test -s 127.0.0.2 -C "$ca" -e bench.test
  [ -z "$baseline" ] || measure "multi baseline" "$baseline" -D multi.test -s 127.0.0.2 -C "$ca" -e bench.test
  for peer in check_smtp check_ssl_cert; do
    : >"$tmp/$peer-one"
    for i in 0 1 2 3 4 5; do
      a=127.0.0.18$i n=mx$((i / 2 + 1)).multi.test
      if [ "$peer" = check_smtp ]; then
        "$gnutime" -q -f '%e %U %S %M' -o "$tmp/one" "$plugins/check_smtp" -H "$a" -S -D 30,7 >/dev/null 2>&1 || true
      else
        "$gnutime" -q -f '%e %U %S %M' -o "$tmp/one" "$plugins/check_ssl_cert" -H "$a" -P smtp -p 25 -r "$ca" -m "$n" \
          --ignore-ocsp --ignore-sct >/dev/null 2>&1 || true
      fi
      tail -n 1 "$tmp/one" >>"$tmp/$peer-one"
    done
    # 6 runs: summed wall and CPU, the largest RSS
    awk '{ w += $1; c += $2 + $3; if ($4 > r) r = $4 } END { printf "%.2f %.2f %d 0 0 0 0\n", w, c, r }' "$tmp/$peer-one" >>"$tmp/multi $peer"
    read -r w c r _ < <(tail -n 1 "$tmp/multi $peer")
    printf '  %-20s wall %6.2f s  cpu %6.2f s  rss %7.1f MB  (6 runs)\n' "multi $peer" "$w" "$c" "$(awk -v k="$r" 'BEGIN { print k / 1024 }')"
  done
done
summary "multi ours" ${baseline:+"multi baseline"} "multi check_smtp" "multi check_ssl_cert"
echo
target "multi.test: cpu" "$(median "multi ours" 2)" "$(median "multi check_ssl_cert" 2)" 0.1 "x check_ssl_cert per address"
