#!/usr/bin/env bash
# CPU profile of check_smtp_mx runs against the lab with async-profiler (Maven Central:
# tools.profiler:async-profiler:4.0:jar:linux-x64; unzip it and give the path of libasyncProfiler.so):
# RUNS runs (default 5) of the given check (default: the one-host case of bench/startup.sh), each sampled on
# CPU time every 1 ms (perf events; event=itimer where perf is not allowed), collapsed stacks kept in OUT_DIR.
# Prints the milliseconds of CPU a run spends per thread and in the areas that performance.adoc names.
#
#   ASYNC_PROFILER=/path/libasyncProfiler.so bench/profile.sh [RUNS] [CHECK ARGS...]
#
# OUT_DIR (default: a temporary directory, removed at the end) keeps the stacks, e.g. for a flame graph.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NS=${SMTPMXLAB_NS:-smtpmxlab}
if [ "$(ip netns identify $$ 2>/dev/null)" != "$NS" ]; then
  exec "$repo/lab/in-lab" "$repo/bench/profile.sh" "$@"
fi
ap=${ASYNC_PROFILER:?set ASYNC_PROFILER to the path of libasyncProfiler.so}
runs=${1:-5}
shift || true
ours=${CHECK_SMTP_MX:-$repo/nagios-check/target/check_smtp_mx/bin/check_smtp_mx}
[ $# -gt 0 ] || set -- -H 127.0.0.11 -C "$repo/lab/run/ca.pem" -e bench.test -s 127.0.0.2
out=${OUT_DIR:-}
if [ -z "$out" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
event=${EVENT:-cpu}
for i in $(seq "$runs"); do
  CHECK_SMTP_MX_JAVA_OPTS="-agentpath:$ap=start,event=$event,interval=1ms,cstack=vm,threads,file=$out/run-$i.collapsed,collapsed" \
    "$ours" "$@" >/dev/null 2>&1 || true
done
echo "profile: $runs runs of $ours $*, event $event, 1 sample = 1 ms"
echo "-- per thread (ms a run)"
cat "$out"/run-*.collapsed | awk -v n="$runs" '{ c = $NF; split($0, f, ";"); t = f[1]; gsub(/ tid=[0-9]+/, "", t); s[t] += c }
  END { for (t in s) printf "%8.1f  %s\n", s[t] / n, t }' | sort -rn | head -n 10
echo "-- areas (ms a run; a stack counts in every area it touches)"
cat "$out"/run-*.collapsed | awk -v n="$runs" '
  BEGIN {
    a["JIT compiler threads"] = "CompileBroker::compiler_thread_loop"
    a["class loading (define, link, CDS)"] = "SystemDictionary::|ClassFileParser|InstanceKlass::link|SystemDictionaryShared"
    a["invokedynamic and lambda bootstrap"] = "MethodHandleNatives.link|LambdaMetafactory|InvokerBytecodeGenerator"
    a["JCA providers and SSLContext set-up"] = "sun/security/jca/|SSLContext.getInstance|SSLContext.init"
    a["TLS handshake"] = "SSLSocketImpl.startHandshake"
    a["trust store (cacerts) load"] = "TrustStoreManager|KeyStore.load|PKCS12KeyStore"
    a["X.509 parsing"] = "X509CertImpl.parse|X509Factory.engineGenerateCertificate"
    a["dnsjava"] = "org/xbill/DNS"
    a["ICU"] = "com/ibm/icu"
    a["Jackson"] = "com/fasterxml"
    a["commons-cli"] = "org/apache/commons/cli"
    a["jar opening and manifests"] = "ZipFile\\$Source|JarFile.getManifest|JarFile.match|JarIndex"
    a["ServiceLoader scans"] = "java/util/ServiceLoader"
    a["GC"] = "GenCollectedHeap|SerialHeap|VM_GenCollect"
  }
  { c = $NF; for (k in a) if ($0 ~ a[k]) s[k] += c; total += c }
  END { for (k in s) printf "%8.1f  %s\n", s[k] / n, k; printf "%8.1f  %s\n", total / n, "(all samples)" }' | sort -rn
