#!/usr/bin/env bash
# The smtp-mx-check test lab: a real nsd and a real Postfix on the loopback of a network
# namespace of our own ("smtpmxlab"), so that MX names, port 25 and port 53 can be used
# without touching the host's network or services. See lab/README.md.
#
#   lab/lab.sh up       create the namespace, certificates, zone; start nsd and Postfix
#   lab/lab.sh down     stop nsd and Postfix, delete the namespace (files in lab/run stay)
#   lab/lab.sh status   say what runs (exit 0 when everything is up)
#
# Everything generated lives in lab/run/ (git-ignored); "up" after "down" starts afresh.
set -euo pipefail

# The namespace name: SMTPMXLAB_NS, default "smtpmxlab". Labs with different names (one per
# checkout) run side by side: each namespace has its own loopback.
NS=${SMTPMXLAB_NS:-smtpmxlab}
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN=$LAB_DIR/run
DNS_ADDR=127.0.0.2
PF_DIR=$RUN/postfix
NSD_DIR=$RUN/nsd
CA_DIR=$RUN/ca
FALLBACK_SPOOL=/run/$NS

# One Postfix smtpd listener per line:
#   MX name   address   certificate (valid|expired|expiring|none)   extra SAN names (or -)   relay (closed|open)
LISTENERS=(
  "mx1.good.test      127.0.0.11  valid     implicit.test,alias.cname.test  closed"
  "mx2.good.test      127.0.0.12  valid     -                               closed"
  "mx1.closed.test    127.0.0.21  valid     -                               closed"
  "mx1.badcert.test   127.0.0.31  expired   -                               closed"
  "mx1.relay.test     127.0.0.41  valid     -                               open"
  "mx1.plain.test     127.0.0.51  none      -                               closed"
  "mx1.expiring.test  127.0.0.61  expiring  -                               closed"
  "mx1.dual.test      127.0.0.71  valid     -                               closed"
  "mx1.dual.test      ::1         valid     -                               closed"
  # Packaging benchmark (bench/startup.sh): multi.test, 3 MX hosts x 2 IPv4 addresses.
  "mx1.multi.test     127.0.0.180 valid     -                               closed"
  "mx1.multi.test     127.0.0.181 valid     -                               closed"
  "mx2.multi.test     127.0.0.182 valid     -                               closed"
  "mx2.multi.test     127.0.0.183 valid     -                               closed"
  "mx3.multi.test     127.0.0.184 valid     -                               closed"
  "mx3.multi.test     127.0.0.185 valid     -                               closed"
)
# mx2.closed.test (127.0.0.22) is in DNS but nothing listens there: connection refused.

log() { printf 'lab: %s\n' "$*"; }
die() { printf 'lab: ERROR: %s\n' "$*" >&2; exit 1; }

in_ns() { ip netns exec "$NS" "$@"; }

ns_exists() { [ -e "/run/netns/$NS" ]; }

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

nsd_pid() { [ -s "$NSD_DIR/nsd.pid" ] && cat "$NSD_DIR/nsd.pid" || true; }

postfix_pid() {
  local f=$RUN/postfix-queue/pid/master.pid
  [ -s "$f" ] && tr -d ' \n' <"$f" || true
}

# A UTC time N days from now (negative: in the past), as openssl ca -startdate/-enddate want it.
days_from_now() { date -u -d "$1 days" +%Y%m%d%H%M%SZ; }

require_tools() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, port 25 and 53)"
  local missing=() t
  for t in ip openssl nsd nsd-checkzone postfix postconf dig; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing tools: ${missing[*]} (run .ci/run, or apt-get install postfix nsd dnsutils openssl iproute2)"
}

# --- certificates -----------------------------------------------------------------------------

write_ca_config() {
  mkdir -p "$CA_DIR/newcerts"
  : >"$CA_DIR/index.txt"
  echo "unique_subject = no" >"$CA_DIR/index.txt.attr"
  echo 1000 >"$CA_DIR/serial"
  cat >"$CA_DIR/ca.cnf" <<EOF
[ ca ]
default_ca = lab_ca

[ lab_ca ]
dir             = $CA_DIR
database        = \$dir/index.txt
new_certs_dir   = \$dir/newcerts
serial          = \$dir/serial
certificate     = $RUN/ca.pem
private_key     = \$dir/ca.key
default_md      = sha256
policy          = policy_any
unique_subject  = no
copy_extensions = none
email_in_dn     = no

[ policy_any ]
commonName = supplied

[ v3_ca ]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
EOF
}

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

make_ca() {
  write_ca_config
  new_key "$CA_DIR/ca.key"
  openssl req -new -key "$CA_DIR/ca.key" -subj "/CN=smtp-mx-check lab CA" -out "$CA_DIR/ca.csr"
  openssl ca -config "$CA_DIR/ca.cnf" -batch -notext -selfsign -keyfile "$CA_DIR/ca.key" \
    -in "$CA_DIR/ca.csr" -out "$RUN/ca.pem" -extensions v3_ca \
    -startdate "$(days_from_now -400)" -enddate "$(days_from_now 3650)" 2>"$CA_DIR/ca.log" \
    || { cat "$CA_DIR/ca.log" >&2; die "could not create the test CA"; }
}

# issue NAME KIND EXTRA_SANS -> $CA_DIR/NAME.chain.pem (key, then certificate, as smtpd_tls_chain_files wants)
issue() {
  local name=$1 kind=$2 extra=$3 san start end
  case $kind in
    valid)    san="DNS:$name";                   start=$(days_from_now -1);   end=$(days_from_now 365) ;;
    expiring) san="DNS:$name";                   start=$(days_from_now -80);  end=$(days_from_now 10) ;;
    # Expired 5 days ago and naming another host: the badcert.test incident.
    expired)  san="DNS:other.example.invalid";   start=$(days_from_now -100); end=$(days_from_now -5) ;;
    *) die "unknown certificate kind $kind" ;;
  esac
  if [ "$extra" != "-" ]; then
    san="$san,DNS:${extra//,/,DNS:}"
  fi
  local base=$CA_DIR/$name cn=${san%%,*}
  new_key "$base.key"
  # The CN is the first SAN only; the SAN extension lists them all.
  openssl req -new -key "$base.key" -subj "/CN=${cn#DNS:}" -out "$base.csr"
  cat >"$base.ext" <<EOF
[ leaf ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectAltName         = $san
authorityKeyIdentifier = keyid
subjectKeyIdentifier   = hash
EOF
  openssl ca -config "$CA_DIR/ca.cnf" -batch -notext -in "$base.csr" -out "$base.pem" \
    -extfile "$base.ext" -extensions leaf -startdate "$start" -enddate "$end" 2>"$base.log" \
    || { cat "$base.log" >&2; die "could not issue the certificate for $name"; }
  cat "$base.key" "$base.pem" >"$base.chain.pem"
  chmod 600 "$base.key" "$base.chain.pem"
}

make_certificates() {
  log "generating the test CA ($RUN/ca.pem) and server certificates"
  make_ca
  local line name addr kind extra relay
  local issued=" "
  for line in "${LISTENERS[@]}"; do
    read -r name addr kind extra relay <<<"$line"
    # A host with several addresses (mx1.dual.test) gets one certificate.
    case $issued in *" $name "*) continue ;; esac
    [ "$kind" = none ] || issue "$name" "$kind" "$extra"
    issued="$issued$name "
  done
}

# --- DNS: nsd -----------------------------------------------------------------------------------

start_nsd() {
  mkdir -p "$NSD_DIR"
  sed "s/@SERIAL@/$(date -u +%s)/" "$LAB_DIR/zones/test.zone" >"$NSD_DIR/test.zone"
  nsd-checkzone test "$NSD_DIR/test.zone" >/dev/null || die "the zone lab/zones/test.zone does not load"
  cat >"$NSD_DIR/nsd.conf" <<EOF
server:
    ip-address: $DNS_ADDR
    port: 53
    do-ip4: yes
    do-ip6: no
    reuseport: no
    server-count: 1
    username: ""
    chroot: ""
    zonesdir: "$NSD_DIR"
    zonelistfile: "$NSD_DIR/zone.list"
    database: ""
    xfrdfile: "$NSD_DIR/xfrd.state"
    xfrdir: "$NSD_DIR"
    pidfile: "$NSD_DIR/nsd.pid"
    logfile: "$NSD_DIR/nsd.log"
    hide-version: yes
    verbosity: 1

remote-control:
    control-enable: no

zone:
    name: "test"
    zonefile: "test.zone"
EOF
  nsd-checkconf "$NSD_DIR/nsd.conf" || die "nsd.conf is invalid"
  log "starting nsd on $DNS_ADDR:53 (log: $NSD_DIR/nsd.log)"
  in_ns nsd -c "$NSD_DIR/nsd.conf" || die "nsd did not start; see $NSD_DIR/nsd.log"
  local i
  for i in $(seq 50); do
    if in_ns dig +time=1 +tries=1 +short @"$DNS_ADDR" SOA test. 2>/dev/null | grep -q 'ns.test.'; then
      in_ns dig +tcp +time=1 +tries=1 +short @"$DNS_ADDR" SOA test. | grep -q 'ns.test.' \
        || die "nsd answers over UDP but not TCP"
      return 0
    fi
    sleep 0.2
  done
  die "nsd does not answer on $DNS_ADDR:53; see $NSD_DIR/nsd.log"
}

# --- Postfix ----------------------------------------------------------------------------------

# Where Postfix keeps its queue and data: lab/run, unless the user postfix cannot reach it (the
# repository lies under a directory such as /root that is not world-searchable). Then they go to
# /run/smtpmxlab, and lab/run/postfix-queue and lab/run/postfix-data link there.
postfix_spool() {
  mkdir -p "$RUN"
  if runuser -u postfix -- test -x "$RUN" 2>/dev/null; then
    echo "$RUN"
  else
    echo "$FALLBACK_SPOOL"
  fi
}

write_postfix_config() {
  local spool
  spool=$(postfix_spool)
  if [ "$spool" != "$RUN" ]; then
    log "user postfix cannot reach $RUN (a parent directory is not world-searchable);"
    log "  Postfix's queue and data go to $spool, linked from $RUN"
    rm -rf "$spool"
    mkdir -p -m 755 "$spool"
    ln -sfn "$spool/postfix-queue" "$RUN/postfix-queue"
    ln -sfn "$spool/postfix-data" "$RUN/postfix-data"
  fi
  # Postfix creates the queue's subdirectories and the data directory with their owners.
  mkdir -p "$PF_DIR" "$spool/postfix-queue"
  sed -e "s|@RUN@|$RUN|g" -e "s|@SPOOL@|$spool|g" "$LAB_DIR/postfix/main.cf.in" >"$PF_DIR/main.cf"
  cp "$LAB_DIR/postfix/master.cf.in" "$PF_DIR/master.cf"
  local line name addr kind extra relay
  {
    echo "# smtpd listeners, generated by lab/lab.sh"
    for line in "${LISTENERS[@]}"; do
      read -r name addr kind extra relay <<<"$line"
      # master.cf writes an IPv6 listener in brackets: [::1]:smtp
      printf '%s:smtp inet n - n - - smtpd\n  -o myhostname=%s\n  -o syslog_name=postfix/%s\n' \
        "$(case $addr in *:*) echo "[$addr]" ;; *) echo "$addr" ;; esac)" "$name" "$name"
      if [ "$kind" = none ]; then
        printf '  -o smtpd_tls_security_level=none\n'
      else
        printf '  -o smtpd_tls_security_level=may\n  -o smtpd_tls_chain_files=%s\n' "$CA_DIR/$name.chain.pem"
      fi
      if [ "$relay" = open ]; then
        # The classic open relay: mynetworks covers the whole Internet, so permit_mynetworks
        # lets everyone relay. (Postfix refuses a plain smtpd_relay_restrictions=permit.)
        printf '  -o mynetworks=0.0.0.0/0\n'
      fi
    done
  } >>"$PF_DIR/master.cf"
}

start_postfix() {
  write_postfix_config
  : >"$PF_DIR/maillog"
  log "starting Postfix (config $PF_DIR, log $PF_DIR/maillog)"
  # The postfix command logs to stderr only when stderr is a terminal, and to maillog only once
  # postlogd runs: run it under script(1) so that a start-up error is shown.
  in_ns script -qec "postfix -c '$PF_DIR' start" /dev/null 2>&1 | tr -d '\r' | awk '{print "lab: " $0}' || true
  pid_alive "$(postfix_pid)" || { tail -n 20 "$PF_DIR/maillog" >&2 || true; die "Postfix did not start"; }
  local line name addr rest i
  for line in "${LISTENERS[@]}"; do
    read -r name addr rest <<<"$line"
    for i in $(seq 25); do
      if in_ns timeout 2 bash -c "exec 3<>/dev/tcp/$addr/25; head -c 4 <&3" 2>/dev/null | grep -q '^220'; then
        continue 2
      fi
      sleep 0.2
    done
    die "Postfix does not greet on $addr:25 ($name); see $PF_DIR/maillog"
  done
}

# --- commands ---------------------------------------------------------------------------------

# Prints one line per component; returns 0 if everything runs.
report_status() {
  local ok=0 pid
  if ns_exists; then log "namespace $NS: present"; else log "namespace $NS: absent"; ok=1; fi
  pid=$(nsd_pid)
  if pid_alive "$pid"; then log "nsd: running (pid $pid) on $DNS_ADDR:53"; else log "nsd: not running"; ok=1; fi
  pid=$(postfix_pid)
  if pid_alive "$pid"; then
    log "postfix: running (master pid $pid), listeners:"
    local line name addr kind extra relay
    for line in "${LISTENERS[@]}"; do
      read -r name addr kind extra relay <<<"$line"
      printf 'lab:   %-12s %-18s certificate=%-8s relay=%s\n' "$addr" "$name" "$kind" "$relay"
    done
  else
    log "postfix: not running"; ok=1
  fi
  if ns_exists; then
    log "sockets listening in $NS:"
    in_ns ss -H -ltnu 2>/dev/null | awk '{printf "lab:   %-4s %s\n", $1, $5}' || true
  fi
  return $ok
}

cmd_up() {
  require_tools
  if report_status >/dev/null 2>&1; then
    log "the lab is already up"
    report_status
    return 0
  fi
  if ns_exists || pid_alive "$(nsd_pid)" || pid_alive "$(postfix_pid)"; then
    log "the lab is partly up; taking it down first"
    cmd_down
  fi
  local t0=$SECONDS
  rm -rf "$RUN"
  mkdir -p "$RUN"
  log "creating network namespace $NS (loopback only)"
  ip netns add "$NS" || die "cannot create network namespace $NS (needs root with CAP_SYS_ADMIN; a container must be privileged)"
  ip -n "$NS" link set lo up
  make_certificates
  start_nsd
  start_postfix
  report_status
  log "up in $((SECONDS - t0)) s. Try: lab/in-lab dig @$DNS_ADDR MX good.test"
}

stop_pid() { # stop_pid NAME PID
  local name=$1 pid=$2 i
  pid_alive "$pid" || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 50); do pid_alive "$pid" || return 0; sleep 0.1; done
  log "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
  kill -9 "$pid" 2>/dev/null || true
}

cmd_down() {
  [ "$(id -u)" -eq 0 ] || die "must run as root"
  local pid
  pid=$(postfix_pid)
  if pid_alive "$pid"; then
    log "stopping Postfix (master pid $pid)"
    script -qec "postfix -c '$PF_DIR' stop" /dev/null 2>&1 | tr -d '\r' | awk '{print "lab: " $0}' || true
    stop_pid postfix "$pid"
  fi
  pid=$(nsd_pid)
  if pid_alive "$pid"; then
    log "stopping nsd (pid $pid)"
    stop_pid nsd "$pid"
  fi
  if ns_exists; then
    # Anything still inside was started in the lab (e.g. a Postfix child that outlived its master).
    for pid in $(ip netns pids "$NS" 2>/dev/null); do
      log "stopping leftover process $pid in $NS: $(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null || true)"
      stop_pid "process" "$pid"
    done
    log "deleting network namespace $NS"
    ip netns del "$NS"
  fi
  log "the lab is down (files kept in $RUN)"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) report_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
