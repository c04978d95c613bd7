#!/usr/bin/env bash
# Batch-mode benchmark of check_smtp_mx against the local Postfix lab: N entries (default 1000, lab domains
# repeated) checked by one process, `check_smtp_mx --batch FILE --parallel P`, against
#   - one check_smtp_mx process per entry, and
#   - check_ssl_cert -P smtp (monitoring-plugins-contrib) once per MX address of each entry,
# both run one after the other over a SAMPLE of the same entries (default 50) and EXTRAPOLATED to N (the script
# says so in its output). Prints CPU seconds (user+sys) per entry, wall time, peak RSS (GNU time), the states of
# the batch's entries (its summary line), and whether batch mode meets the target of <= 0.05 s CPU per entry.
#
#   lab/lab.sh up && bench/batch.sh [ENTRIES [SAMPLE]]     (as root; re-enters the lab namespace)
#
# PARALLEL sets --parallel (default 8). CHECK_SMTP_MX overrides the plugin under test (default: the build,
# nagios-check/target/check_smtp_mx). This is a measurement, not a test: it never fails on slow figures.
# See src-docs performance.adoc, "Batch mode".
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NS=${SMTPMXLAB_NS:-smtpmxlab}
if [ "$(ip netns identify $$ 2>/dev/null)" != "$NS" ]; then
  exec "$repo/lab/in-lab" "$repo/bench/batch.sh" "$@"
fi
entries=${1:-1000}
sample=${2:-50}
parallel=${PARALLEL:-8}
ours=${CHECK_SMTP_MX:-$repo/nagios-check/target/check_smtp_mx/bin/check_smtp_mx}
plugins=/usr/lib/nagios/plugins
ca=$repo/lab/run/ca.pem
gnutime=/usr/bin/time
for t in "$ours" "$plugins/check_ssl_cert" "$gnutime"; do
  [ -x "$t" ] || { echo "bench: missing $t (mvn package; apt-get install monitoring-plugins-contrib time)" >&2; exit 2; }
done
[ -r "$ca" ] || { echo "bench: $ca missing; run lab/lab.sh up" >&2; exit 2; }
[ "$sample" -le "$entries" ] || sample=$entries
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The lab domains of the batch, with their MX addresses and names (for check_ssl_cert -H ADDR -m NAME).
DOMAINS=(
  "good.test          127.0.0.11:mx1.good.test 127.0.0.12:mx2.good.test"
  "closed.test        127.0.0.21:mx1.closed.test 127.0.0.22:mx2.closed.test"
  "expiring.test      127.0.0.61:mx1.expiring.test"
  "multi.test         127.0.0.180:mx1.multi.test 127.0.0.181:mx1.multi.test 127.0.0.182:mx2.multi.test 127.0.0.183:mx2.multi.test 127.0.0.184:mx3.multi.test 127.0.0.185:mx3.multi.test"
  "relay.test         127.0.0.41:mx1.relay.test"
  "badcert.test       127.0.0.31:mx1.badcert.test"
  "sts-enforce.test   127.0.0.100:mx1.sts-enforce.test"
  "plain.test         127.0.0.51:mx1.plain.test"
)
: >"$tmp/batch.txt"
: >"$tmp/addresses"
for i in $(seq 0 $((entries - 1))); do
  read -r domain addrs <<<"${DOMAINS[$((i % ${#DOMAINS[@]}))]}"
  echo "$domain --engine-service smtp-mx-$i" >>"$tmp/batch.txt"
  echo "$domain $addrs" >>"$tmp/addresses"
done
options=(-s 127.0.0.2 -C "$ca" -e bench.test)

cpu_of() { awk '{ printf "%.2f", $2 + $3 }' "$1"; }

echo "bench: machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "bench: java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | sed -n 2p)"
echo "bench: check_smtp_mx: $ours ($("$ours" -V 2>&1 || true))"
echo "bench: $entries entries over ${#DOMAINS[@]} lab domains ($(awk '{ n += NF - 1 } END { print n }' "$tmp/addresses") MX addresses in all)"

echo
echo "== batch mode: one process, $entries entries, --parallel $parallel"
rc=0
"$gnutime" -q -f '%e %U %S %M' -o "$tmp/batch.time" "$ours" --batch "$tmp/batch.txt" --parallel "$parallel" "${options[@]}" \
  >"$tmp/batch.out" 2>"$tmp/batch.err" || rc=$?
read -r bwall buser bsys brss < <(tail -n 1 "$tmp/batch.time")
bcpu=$(awk -v u="$buser" -v s="$bsys" 'BEGIN { printf "%.2f", u + s }')
echo "  exit $rc; summary: $(tail -n 1 "$tmp/batch.out")"
echo "  result lines: $(grep -c '^{"type":"result"' "$tmp/batch.out") (the entries' states are in the summary)"
printf '  wall %.2f s, cpu %.2f s, peak rss %.1f MB: %.4f s cpu per entry, %.1f entries/s\n' "$bwall" "$bcpu" \
  "$(awk -v k="$brss" 'BEGIN { print k / 1024 }')" "$(awk -v c="$bcpu" -v n="$entries" 'BEGIN { print c / n }')" \
  "$(awk -v w="$bwall" -v n="$entries" 'BEGIN { print (w > 0 ? n / w : 0) }')"

echo
echo "== one check_smtp_mx process per entry: the first $sample entries, one after the other, extrapolated to $entries"
: >"$tmp/single.times"
head -n "$sample" "$tmp/addresses" | while read -r domain _; do
  "$gnutime" -q -f '%e %U %S %M' -o "$tmp/one" "$ours" -D "$domain" "${options[@]}" >/dev/null 2>&1 || true
  tail -n 1 "$tmp/one" >>"$tmp/single.times"
done
read -r swall scpu srss < <(awk '{ w += $1; c += $2 + $3; if ($4 > r) r = $4 } END { printf "%.2f %.2f %d\n", w, c, r }' "$tmp/single.times")
printf '  sample: wall %.2f s, cpu %.2f s, largest rss %.1f MB: %.4f s cpu per entry\n' "$swall" "$scpu" \
  "$(awk -v k="$srss" 'BEGIN { print k / 1024 }')" "$(awk -v c="$scpu" -v n="$sample" 'BEGIN { print c / n }')"
printf '  extrapolated to %d entries: cpu %.1f s, wall %.1f s (sequential)\n' "$entries" \
  "$(awk -v c="$scpu" -v n="$sample" -v e="$entries" 'BEGIN { print c / n * e }')" \
  "$(awk -v w="$swall" -v n="$sample" -v e="$entries" 'BEGIN { print w / n * e }')"

echo
echo "== check_ssl_cert -P smtp once per MX address: the first $sample entries, extrapolated to $entries"
: >"$tmp/ssl.times"
n_addr=0
while read -r domain addrs; do
  for pair in $addrs; do
    a=${pair%%:*} name=${pair#*:}
    "$gnutime" -q -f '%e %U %S %M' -o "$tmp/one" "$plugins/check_ssl_cert" -H "$a" -P smtp -p 25 -r "$ca" -m "$name" \
      --ignore-ocsp --ignore-sct >/dev/null 2>&1 || true
    tail -n 1 "$tmp/one" >>"$tmp/ssl.times"
    n_addr=$((n_addr + 1))
  done
done < <(head -n "$sample" "$tmp/addresses")
read -r cwall ccpu crss < <(awk '{ w += $1; c += $2 + $3; if ($4 > r) r = $4 } END { printf "%.2f %.2f %d\n", w, c, r }' "$tmp/ssl.times")
printf '  sample: %d runs, wall %.2f s, cpu %.2f s: %.4f s cpu per entry\n' "$n_addr" "$cwall" "$ccpu" \
  "$(awk -v c="$ccpu" -v n="$sample" 'BEGIN { print c / n }')"
printf '  extrapolated to %d entries: cpu %.1f s, wall %.1f s (sequential)\n' "$entries" \
  "$(awk -v c="$ccpu" -v n="$sample" -v e="$entries" 'BEGIN { print c / n * e }')" \
  "$(awk -v w="$cwall" -v n="$sample" -v e="$entries" 'BEGIN { print w / n * e }')"

echo
echo "== cpu per entry (s): batch $(awk -v c="$bcpu" -v n="$entries" 'BEGIN { printf "%.4f", c / n }')," \
  "per-process $(awk -v c="$scpu" -v n="$sample" 'BEGIN { printf "%.4f", c / n }') (sample)," \
  "check_ssl_cert per address $(awk -v c="$ccpu" -v n="$sample" 'BEGIN { printf "%.4f", c / n }') (sample)"
awk -v b="$bcpu" -v n="$entries" -v s="$scpu" -v m="$sample" -v c="$ccpu" 'BEGIN {
  pb = b / n; ps = s / m; pc = c / m
  printf "   batch/per-process %.3fx, batch/check_ssl_cert %.3fx; target <= 0.05 s cpu per entry: %s\n",
    (ps > 0 ? pb / ps : 0), (pc > 0 ? pb / pc : 0), (pb <= 0.05 ? "met" : "NOT met")
}'
