#!/usr/bin/env bash
# The smtp-mx-check test lab: a real nsd and a real Postfix on the loopback of a network
# namespace of our own ("smtpmxlab"), so that MX names, port 25 and port 53 can be used
# without touching the host's network or services. See lab/README.md.
#
#   lab/lab.sh up       create the namespace, certificates, zones; start nsd, unbound, Postfix and nginx
#   lab/lab.sh down     stop nginx, Postfix, nsd and unbound, delete the namespace (files in lab/run stay)
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
NGINX_DIR=$RUN/nginx
FALLBACK_SPOOL=/run/$NS

# One Postfix smtpd listener per line:
#   MX name   address   certificate (valid|validca|expired|expiring|stale|shortlived|selfsigned|none; validca:
#   valid, and the server sends the test CA's certificate after its own; selfsigned: valid for a year, naming the
#   host, signed with its own key and not by the test CA)   extra SAN names (or -)   relay (closed|open)
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
  "mx1.smallsize.test 127.0.0.140 valid     -                               closed"
  "mx1.slow.test      127.0.0.141 valid     -                               closed"
  # DANE (RFC 7672): TLSA records in zones/test.zone and zones/dane-unsigned.test.zone.
  "mx1.dane-ok.test        127.0.0.120  valid    -  closed"
  "mx1.dane-bad.test       127.0.0.121  valid    -  closed"
  "mx1.dane-unsigned.test  127.0.0.122  valid    -  closed"
  "mx1.dane-pkix.test      127.0.0.123  valid    -  closed"
  "mx1.dane-rollover.test  127.0.0.124  valid    -  closed"
  "mx1.dane-ta.test        127.0.0.125  validca  -  closed"
  "mx1.dane-bogus.test     127.0.0.126  valid    -  closed"
  "mx1.dane-plain.test     127.0.0.127  none     -  closed"
  "mx1.dane-port.test      127.0.0.128  valid    -  closed"
  # Severity by sender class: a self-signed certificate its DANE-EE record authenticates (every class delivers),
  # and an MX alias whose certificate names only the canonical host, with a DANE-EE record at the alias.
  "mx1.dane-selfsigned.test  127.0.0.165  selfsigned  -  closed"
  "mxhost.dane-cname.test    127.0.0.166  valid       -  closed"
  # MTA-STS (RFC 8461) test domains; see POLICY_HOSTS below.
  "mx1.sts-enforce.test     127.0.0.100  valid  -  closed"
  "mx1.sts-notcovered.test  127.0.0.101  valid  -  closed"
  "mx2.sts-notcovered.test  127.0.0.102  valid  -  closed"
  "mx1.sts-testing.test     127.0.0.103  stale  -  closed"
  # Deeper diagnostics (branch diag-tls): reverse DNS cases, a TLS 1.0-only server, IPv4/IPv6 parity.
  "mx1.ptr.test          127.0.0.150  valid  -                            closed"
  "mx1.noptr.test        127.0.0.151  valid  -                            closed"
  "mx1.ptrmismatch.test  127.0.0.152  valid  -                            closed"
  "mx1.legacytls.test    127.0.0.153  valid  -                            closed"
  "mx1.v6other.test      127.0.0.154  valid  -                            closed"
  "mx1.weakdh.test       127.0.0.155  valid  -                            closed"
  # A 6-day certificate with 1 day left, judged by its lifetime (CERT_EXPIRES_SOON, -w/-c).
  "mx1.shortlived.test   127.0.0.196  shortlived  -                       closed"
  # Packaging benchmark (bench/startup.sh): multi.test, 3 MX hosts x 2 IPv4 addresses.
  "mx1.multi.test     127.0.0.180 valid     -                               closed"
  "mx1.multi.test     127.0.0.181 valid     -                               closed"
  "mx2.multi.test     127.0.0.182 valid     -                               closed"
  "mx2.multi.test     127.0.0.183 valid     -                               closed"
  "mx3.multi.test     127.0.0.184 valid     -                               closed"
  "mx3.multi.test     127.0.0.185 valid     -                               closed"
  # Who can deliver (issue "the verdict as a sender sees it"): an MX that demands AUTH at MAIL FROM, and a
  # backup MX that was never configured for the domains it is MX of (see LISTENER_OPTIONS).
  "mx1.authonly.test  127.0.0.190 valid     -                               closed"
  "mx2.backupmx.test  127.0.0.191 valid     -                               closed"
)
# Extra smtpd options of some listeners, by address: each word becomes one "-o name=value".
declare -A LISTENER_OPTIONS=(
  # Deeper diagnostics (issue 7): a SIZE limit of 500000 octets and no 8BITMIME; a greeting delayed by
  # 1 s (the "sleep" restriction runs before the greeting when smtpd_delay_reject = no).
  [127.0.0.140]="message_size_limit=500000 smtpd_discard_ehlo_keywords=8bitmime"
  [127.0.0.141]="smtpd_delay_reject=no smtpd_client_restrictions=sleep,1"
  # MAIL FROM refused to every client without SASL credentials, at MAIL FROM itself (smtpd_delay_reject = no),
  # with 530: "530 5.7.1 <...>: Sender address rejected: Access denied". No sender on the Internet gets mail in.
  [127.0.0.190]="smtpd_delay_reject=no smtpd_sender_restrictions=permit_sasl_authenticated,reject reject_code=530"
  # Not configured for any domain: every recipient of every lab domain, postmaster included, gets
  # "554 5.7.1 <...>: Relay access denied": its address resolver (norelay-resolve in master.cf.in, its rewrite_service_name) has
  # relay_domains empty, where main.cf has test and .test.
  [127.0.0.191]="rewrite_service_name=norelay-resolve"
)
# Ports a listener serves besides 25, by address (the TLSA records of dane-port.test are for 2525).
declare -A EXTRA_PORTS=(
  [127.0.0.128]="2525"
)
# Listeners that accept only TLS 1.0 (RFC 8996 deprecates it); OpenSSL 3 needs security level 0 for it.
LEGACY_TLS_ONLY=" 127.0.0.153 "
# Listeners that also have an RSA certificate and a 1024-bit finite-field DH group for their DHE suites.
WEAK_DH=" 127.0.0.155 "
# Unsigned reverse zones served beside "test": zone name and file in lab/zones/.
REVERSE_ZONES=(
  "0.0.127.in-addr.arpa  0.0.127.in-addr.arpa.zone"
  "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa  ip6-loopback.zone"
)
# mx2.closed.test (127.0.0.22) is in DNS but nothing listens there: connection refused.

# MTA-STS policy hosts, served by nginx on $NGINX_ADDR:443 and chosen by SNI. One per line:
#   policy host   certificate name (issued by "up"; another name than the host's makes it invalid)   policy file in lab/mta-sts/
# mta-sts.sts-unreachable.test (127.0.0.119) is in DNS but nothing listens there.
NGINX_ADDR=127.0.0.110
POLICY_HOSTS=(
  "mta-sts.sts-enforce.test     mta-sts.sts-enforce.test     enforce.txt"
  "mta-sts.sts-notcovered.test  mta-sts.sts-notcovered.test  notcovered.txt"
  "mta-sts.sts-testing.test     mta-sts.sts-testing.test     testing.txt"
  "mta-sts.sts-malformed.test   mta-sts.sts-malformed.test   malformed.txt"
  "mta-sts.sts-badcert.test     www.sts-badcert.test         badcert.txt"
  "mta-sts.sts-shortmaxage.test mta-sts.sts-shortmaxage.test shortmaxage.txt"
)

log() { printf 'lab: %s\n' "$*"; }
die() { printf 'lab: ERROR: %s\n' "$*" >&2; exit 1; }

in_ns() { ip netns exec "$NS" "$@"; }

ns_exists() { [ -e "/run/netns/$NS" ]; }

# True if PID runs inside this lab's namespace. A pid file left in lab/run by an earlier lab may name a
# number the kernel has since given to another process (pid_max is often 32768), even to a daemon of
# another lab: such a process is not ours, and "down" must never signal it.
pid_alive() {
  local pid=${1:-}
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ns_exists || return 1
  [ "$(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null)" = "$(stat -L -c %i "/run/netns/$NS" 2>/dev/null)" ]
}

nsd_pid() { [ -s "$NSD_DIR/nsd.pid" ] && cat "$NSD_DIR/nsd.pid" || true; }

# unbound: a validating resolver over nsd, for the check's --dnssec-trust-ad (DANE).
UNBOUND_ADDR=127.0.0.130
UNBOUND_DIR=$RUN/unbound
unbound_pid() { [ -s "$UNBOUND_DIR/unbound.pid" ] && cat "$UNBOUND_DIR/unbound.pid" || true; }
nginx_pid() { [ -s "$NGINX_DIR/nginx.pid" ] && tr -d ' \n' <"$NGINX_DIR/nginx.pid" || true; }

postfix_pid() {
  local f=$RUN/postfix-queue/pid/master.pid
  [ -s "$f" ] && tr -d ' \n' <"$f" || true
}

# A UTC time N days from now (negative: in the past), as openssl ca -startdate/-enddate want it.
days_from_now() { date -u -d "$1 days" +%Y%m%d%H%M%SZ; }

require_tools() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, port 25 and 53)"
  local missing=() t
  for t in ip openssl nsd nsd-checkzone ldns-keygen ldns-signzone unbound unbound-checkconf postfix postconf dig nginx; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing tools: ${missing[*]} (run .ci/run, or apt-get install postfix nsd ldnsutils unbound dnsutils openssl iproute2 nginx-light)"
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
    valid|validca) san="DNS:$name";              start=$(days_from_now -1);   end=$(days_from_now 365) ;;
    expiring) san="DNS:$name";                   start=$(days_from_now -80);  end=$(days_from_now 10) ;;
    # Expired 5 days ago and naming another host: the badcert.test incident.
    expired)  san="DNS:other.example.invalid";   start=$(days_from_now -100); end=$(days_from_now -5) ;;
    # Names the host but expired 5 days ago (sts-testing.test: only the expiry is wrong).
    stale)    san="DNS:$name";                   start=$(days_from_now -100); end=$(days_from_now -5) ;;
    # A 6-day certificate issued 5 days ago: under -w 30 -c 7 alone it would be CRITICAL from its first hour.
    shortlived) san="DNS:$name";                 start=$(days_from_now -5);   end=$(days_from_now 1) ;;
    # Its own issuer: no CA vouches for it, a DANE-EE record can (RFC 7672 §3.1.1).
    selfsigned) san="DNS:$name";                 start=$(days_from_now -1);   end=$(days_from_now 365) ;;
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
  if [ "$kind" = selfsigned ]; then
    sed -i '/^authorityKeyIdentifier/d' "$base.ext"
    openssl x509 -req -in "$base.csr" -key "$base.key" -days 365 -extfile "$base.ext" -extensions leaf \
      -out "$base.pem" 2>"$base.log" || { cat "$base.log" >&2; die "could not make the certificate for $name"; }
  else
    openssl ca -config "$CA_DIR/ca.cnf" -batch -notext -in "$base.csr" -out "$base.pem" \
      -extfile "$base.ext" -extensions leaf -startdate "$start" -enddate "$end" 2>"$base.log" \
      || { cat "$base.log" >&2; die "could not issue the certificate for $name"; }
  fi
  cat "$base.key" "$base.pem" >"$base.chain.pem"
  [ "$kind" != validca ] || cat "$RUN/ca.pem" >>"$base.chain.pem"
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
  local host cert file
  for line in "${POLICY_HOSTS[@]}"; do
    read -r host cert file <<<"$line"
    case $issued in *" $cert "*) continue ;; esac
    issue "$cert" valid -
    issued="$issued$cert "
  done
}

# weak_dh_material NAME -> $CA_DIR/NAME.rsa.chain.pem (an RSA key and certificate, so that DHE_RSA suites
# work beside the EC certificate) and $CA_DIR/dh1024.pem (a 1024-bit DH group, as old setups still have).
weak_dh_material() {
  local name=$1 base=$CA_DIR/$1.rsa
  if [ ! -s "$CA_DIR/dh1024.pem" ]; then
    # The 1024-bit MODP group of RFC 2409 §6.2 (Oakley group 2), g = 2: fixed, so nothing is generated.
    cat >"$CA_DIR/dh1024.cnf" <<EOF
asn1 = SEQUENCE:dh
[ dh ]
p = INTEGER:0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF
g = INTEGER:2
EOF
    openssl asn1parse -genconf "$CA_DIR/dh1024.cnf" -noout -out "$CA_DIR/dh1024.der" >/dev/null
    openssl dhparam -inform DER -in "$CA_DIR/dh1024.der" -out "$CA_DIR/dh1024.pem" 2>/dev/null \
      || die "could not write the 1024-bit DH group"
  fi
  [ -s "$base.chain.pem" ] && return 0
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$base.key" 2>/dev/null
  openssl req -new -key "$base.key" -subj "/CN=$name" -out "$base.csr"
  cat >"$base.ext" <<EOF
[ leaf ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:$name
authorityKeyIdentifier = keyid
subjectKeyIdentifier   = hash
EOF
  openssl ca -config "$CA_DIR/ca.cnf" -batch -notext -in "$base.csr" -out "$base.pem" -extfile "$base.ext" \
    -extensions leaf -startdate "$(days_from_now -1)" -enddate "$(days_from_now 365)" 2>"$base.log" \
    || { cat "$base.log" >&2; die "could not issue the RSA certificate for $name"; }
  cat "$base.key" "$base.pem" >"$base.chain.pem"
  chmod 600 "$base.key" "$base.chain.pem"
}

# --- DNS: nsd -----------------------------------------------------------------------------------

# --- DNSSEC and DANE ----------------------------------------------------------------------------

# The hex hash that a placeholder of the zone files stands for:
#   SPKI256:NAME / SPKI512:NAME  SHA-256 / SHA-512 of the SubjectPublicKeyInfo of $CA_DIR/NAME.pem,
#                                or of the key $CA_DIR/NAME.key (created when missing) without certificate
#   CERT256:NAME                 SHA-256 of the DER of certificate $CA_DIR/NAME.pem ("ca": the test CA)
tlsa_hash() {
  local kind=${1%%:*} name=${1#*:} pem key
  if [ "$name" = ca ]; then pem=$RUN/ca.pem; else pem=$CA_DIR/$name.pem; fi
  key=$CA_DIR/$name.key
  case $kind in
    SPKI256|SPKI512)
      local digest=sha256; [ "$kind" = SPKI512 ] && digest=sha512
      if [ -s "$pem" ]; then
        openssl x509 -in "$pem" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -"$digest" -r | cut -d' ' -f1
      else
        [ -s "$key" ] || new_key "$key"
        openssl pkey -in "$key" -pubout -outform DER | openssl dgst -"$digest" -r | cut -d' ' -f1
      fi ;;
    CERT256)
      [ -s "$pem" ] || die "no certificate $pem for the zone placeholder @$1@"
      openssl x509 -in "$pem" -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1 ;;
    *) die "unknown zone placeholder @$1@" ;;
  esac
}

# render_zone TEMPLATE OUT: the zone with @SERIAL@ and the hash placeholders replaced (comment lines,
# which describe the placeholders, are left alone).
render_zone() {
  local template=$1 out=$2 token hash
  sed "s/@SERIAL@/$(date -u +%s)/" "$template" >"$out"
  for token in $(grep -v '^[[:space:]]*;' "$out" | grep -o '@[A-Z0-9]*:[^@ ]*@' | sort -u | tr -d @); do
    hash=$(tlsa_hash "$token") || die "cannot compute the zone placeholder @$token@"
    sed -i "/^[[:space:]]*;/!s|@$token@|$hash|g" "$out"
  done
}

# Signs $NSD_DIR/test.zone with a fresh KSK and ZSK (ECDSA P-256, NSEC), breaks the signature of
# dane-bogus.test's TLSA record on purpose, and writes the DS of test. to $RUN/trust-anchor.txt.
sign_test_zone() {
  local keys=$NSD_DIR/keys ksk zsk
  mkdir -p "$keys"
  ksk=$(cd "$keys" && ldns-keygen -a ECDSAP256SHA256 -k test) || die "ldns-keygen (KSK) failed"
  zsk=$(cd "$keys" && ldns-keygen -a ECDSAP256SHA256 test) || die "ldns-keygen (ZSK) failed"
  # Valid from an hour ago (clock skew) for 30 days.
  ldns-signzone -o test. -i "$(date -u -d '1 hour ago' +%Y%m%d%H%M%S)" -e "$(date -u -d '30 days' +%Y%m%d%H%M%S)" \
    -f "$NSD_DIR/test.zone.signed" "$NSD_DIR/test.zone" "$keys/$zsk" "$keys/$ksk" \
    || die "ldns-signzone failed on $NSD_DIR/test.zone"
  # dane-bogus.test: replace the signed TLSA data by another hash; its RRSIG no longer verifies.
  local other
  other=$(tlsa_hash SPKI256:dane-bogus.other)
  awk -v other="$other" 'BEGIN{IGNORECASE=1} $1=="_25._tcp.mx1.dane-bogus.test." && $4=="TLSA" {$NF=other} {print}' \
    "$NSD_DIR/test.zone.signed" >"$NSD_DIR/test.zone.tmp" && mv "$NSD_DIR/test.zone.tmp" "$NSD_DIR/test.zone.signed"
  grep -q "$other" "$NSD_DIR/test.zone.signed" || die "could not break the TLSA signature of dane-bogus.test"
  # mxbogus.test's MX RRset and mx1.mxhostbogus.test's A record: the data stay, the signature's first
  # base64 character changes, so plain lookups answer as before and validators find them bogus.
  break_rrsig mxbogus.test. MX
  break_rrsig mx1.mxhostbogus.test. A
  cp "$keys/$ksk.ds" "$RUN/trust-anchor.txt"
  log "signed test. (KSK $ksk, ZSK $zsk); trust anchor: $RUN/trust-anchor.txt"
}

# break_rrsig OWNER TYPE: changes the signature of the RRSIG over OWNER's TYPE records in the signed zone.
break_rrsig() {
  local owner=$1 type=$2 before after
  before=$(md5sum <"$NSD_DIR/test.zone.signed")
  awk -v owner="$owner" -v type="$type" 'BEGIN{IGNORECASE=1}
    $1==owner && $4=="RRSIG" && $5==type { $NF = (substr($NF,1,1)=="A" ? "B" : "A") substr($NF,2) } {print}' \
    "$NSD_DIR/test.zone.signed" >"$NSD_DIR/test.zone.tmp" && mv "$NSD_DIR/test.zone.tmp" "$NSD_DIR/test.zone.signed"
  after=$(md5sum <"$NSD_DIR/test.zone.signed")
  [ "$before" != "$after" ] || die "could not break the RRSIG over $owner $type"
}

start_nsd() {
  mkdir -p "$NSD_DIR"
  render_zone "$LAB_DIR/zones/test.zone" "$NSD_DIR/test.zone"
  nsd-checkzone test "$NSD_DIR/test.zone" >/dev/null || die "the zone lab/zones/test.zone does not load"
  render_zone "$LAB_DIR/zones/dane-unsigned.test.zone" "$NSD_DIR/dane-unsigned.test.zone"
  nsd-checkzone dane-unsigned.test "$NSD_DIR/dane-unsigned.test.zone" >/dev/null \
    || die "the zone lab/zones/dane-unsigned.test.zone does not load"
  sign_test_zone
  nsd-checkzone test "$NSD_DIR/test.zone.signed" >/dev/null || die "the signed zone test.zone.signed does not load"
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
    # Every check in the lab asks from 127.0.0.1: response rate limiting (on by default, 200 answers per second
    # and /24) would drop the queries of benchmarks and batches (bench/batch.sh) and turn them into DNS timeouts.
    rrl-ratelimit: 0
    rrl-whitelist-ratelimit: 0

remote-control:
    control-enable: no

zone:
    name: "test"
    zonefile: "test.zone.signed"

zone:
    name: "dane-unsigned.test"
    zonefile: "dane-unsigned.test.zone"
EOF
  local line zone file
  for line in "${REVERSE_ZONES[@]}"; do
    read -r zone file <<<"$line"
    sed "s/@SERIAL@/$(date -u +%s)/" "$LAB_DIR/zones/$file" >"$NSD_DIR/$file"
    nsd-checkzone "$zone" "$NSD_DIR/$file" >/dev/null || die "the zone lab/zones/$file does not load"
    printf '\nzone:\n    name: "%s"\n    zonefile: "%s"\n' "$zone" "$file" >>"$NSD_DIR/nsd.conf"
  done
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

# --- DNS: unbound, validating (DANE with --dnssec-trust-ad) -----------------------------------

# A validating recursive resolver on $UNBOUND_ADDR whose only trust anchor is the DS of test. and
# which asks nsd for everything under test. and for the lab's reverse zones; it sets the AD bit on answers that validate and
# answers SERVFAIL for bogus ones (dane-bogus.test).
start_unbound() {
  mkdir -p "$UNBOUND_DIR"
  cat >"$UNBOUND_DIR/unbound.conf" <<EOF
server:
    interface: $UNBOUND_ADDR
    port: 53
    do-ip6: no
    do-daemonize: yes
    username: ""
    chroot: ""
    directory: "$UNBOUND_DIR"
    pidfile: "$UNBOUND_DIR/unbound.pid"
    logfile: "$UNBOUND_DIR/unbound.log"
    use-syslog: no
    verbosity: 1
    val-log-level: 2
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    module-config: "validator iterator"
    trust-anchor-file: "$RUN/trust-anchor.txt"
    local-zone: "test." nodefault
    local-zone: "127.in-addr.arpa." nodefault
    local-zone: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa." nodefault
    # A blocklist that never answers (DNSBL timeout for --dnsbl dead-bl.test): every query is dropped.
    local-zone: "dead-bl.test." deny

stub-zone:
    name: "test"
    stub-addr: $DNS_ADDR
$(for line in "${REVERSE_ZONES[@]}"; do read -r zone _ <<<"$line"; printf 'stub-zone:\n    name: "%s"\n    stub-addr: %s\n' "$zone" "$DNS_ADDR"; done)

remote-control:
    control-enable: no
EOF
  unbound-checkconf "$UNBOUND_DIR/unbound.conf" >/dev/null || die "unbound.conf is invalid"
  log "starting unbound (validating, trust anchor run/trust-anchor.txt) on $UNBOUND_ADDR:53"
  in_ns unbound -c "$UNBOUND_DIR/unbound.conf" || die "unbound did not start; see $UNBOUND_DIR/unbound.log"
  local i
  for i in $(seq 50); do
    if in_ns dig +time=1 +tries=1 @"$UNBOUND_ADDR" SOA test. 2>/dev/null | grep -q 'flags:.* ad'; then
      return 0
    fi
    sleep 0.2
  done
  die "unbound on $UNBOUND_ADDR does not validate test.; see $UNBOUND_DIR/unbound.log"
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
  local line name addr kind extra relay port
  {
    echo "# smtpd listeners, generated by lab/lab.sh"
    for line in "${LISTENERS[@]}"; do
      read -r name addr kind extra relay <<<"$line"
      for port in smtp ${EXTRA_PORTS[$addr]:-}; do
      # master.cf writes an IPv6 listener in brackets: [::1]:smtp
      printf '%s:%s inet n - n - - smtpd\n  -o myhostname=%s\n  -o syslog_name=postfix/%s\n' \
        "$(case $addr in *:*) echo "[$addr]" ;; *) echo "$addr" ;; esac)" "$port" "$name" "$name"
      if [ "$kind" = none ]; then
        printf '  -o smtpd_tls_security_level=none\n'
      else
        printf '  -o smtpd_tls_security_level=may\n  -o smtpd_tls_chain_files=%s\n' "$CA_DIR/$name.chain.pem"
      fi
      case $WEAK_DH in
        *" $addr "*)
          weak_dh_material "$name" >&2  # inside the master.cf redirection: keep its output out
          printf '  -o smtpd_tls_chain_files=%s,%s\n  -o smtpd_tls_dh1024_param_file=%s\n  -o tls_medium_cipherlist=DEFAULT:@SECLEVEL=0\n' \
            "$CA_DIR/$name.chain.pem" "$CA_DIR/$name.rsa.chain.pem" "$CA_DIR/dh1024.pem" ;;
      esac
      case $LEGACY_TLS_ONLY in
        *" $addr "*) printf '  -o smtpd_tls_protocols=!SSLv2:!SSLv3:!TLSv1.1:!TLSv1.2:!TLSv1.3\n  -o smtpd_tls_mandatory_protocols=!SSLv2:!SSLv3:!TLSv1.1:!TLSv1.2:!TLSv1.3\n  -o tls_medium_cipherlist=DEFAULT:@SECLEVEL=0\n' ;;
      esac
      if [ "$relay" = open ]; then
        # The classic open relay: mynetworks covers the whole Internet, so permit_mynetworks
        # lets everyone relay. (Postfix refuses a plain smtpd_relay_restrictions=permit.)
        printf '  -o mynetworks=0.0.0.0/0\n'
      fi
      for opt in ${LISTENER_OPTIONS[$addr]:-}; do
        printf '  -o %s\n' "$opt"
      done
      done
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

# --- nginx: MTA-STS policy hosts -----------------------------------------------------------------

write_nginx_config() {
  mkdir -p "$NGINX_DIR/html" "$NGINX_DIR/tmp"
  local line host cert file first_cert=""
  {
    cat <<EOF
# generated by lab/lab.sh: the MTA-STS policy hosts of the lab (RFC 8461 section 3.3)
# Workers run as root: lab/run may lie under a directory other users cannot enter (see postfix_spool).
user root;
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log info;
events { worker_connections 64; }
http {
    access_log $NGINX_DIR/access.log;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    default_type application/octet-stream;
    server_tokens off;
EOF
    for line in "${POLICY_HOSTS[@]}"; do
      read -r host cert file <<<"$line"
      [ -n "$first_cert" ] || first_cert=$cert
      mkdir -p "$NGINX_DIR/html/$host/.well-known"
      cp "$LAB_DIR/mta-sts/$file" "$NGINX_DIR/html/$host/.well-known/mta-sts.txt"
      cat <<EOF
    server {
        listen $NGINX_ADDR:443 ssl;
        server_name $host;
        ssl_certificate $CA_DIR/$cert.pem;
        ssl_certificate_key $CA_DIR/$cert.key;
        root $NGINX_DIR/html/$host;
        location = /.well-known/mta-sts.txt { default_type text/plain; }
        location / { return 404; }
    }
EOF
    done
    # Any other name (no SNI, unknown host): 421 Misdirected Request.
    cat <<EOF
    server {
        listen $NGINX_ADDR:443 ssl default_server;
        server_name _;
        ssl_certificate $CA_DIR/$first_cert.pem;
        ssl_certificate_key $CA_DIR/$first_cert.key;
        return 421;
    }
}
EOF
  } >"$NGINX_DIR/nginx.conf"
}

start_nginx() {
  write_nginx_config
  in_ns nginx -t -q -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" \
    || die "nginx.conf is invalid; see $NGINX_DIR/nginx.conf"
  log "starting nginx on $NGINX_ADDR:443 (config $NGINX_DIR/nginx.conf, log $NGINX_DIR/error.log)"
  in_ns nginx -p "$NGINX_DIR" -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" \
    || die "nginx did not start; see $NGINX_DIR/error.log"
  local i
  for i in $(seq 25); do
    if in_ns timeout 2 bash -c "exec 3<>/dev/tcp/$NGINX_ADDR/443" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  die "nginx does not listen on $NGINX_ADDR:443; see $NGINX_DIR/error.log"
}

# --- commands ---------------------------------------------------------------------------------

# Prints one line per component; returns 0 if everything runs.
report_status() {
  local ok=0 pid
  if ns_exists; then log "namespace $NS: present"; else log "namespace $NS: absent"; ok=1; fi
  pid=$(nsd_pid)
  if pid_alive "$pid"; then log "nsd: running (pid $pid) on $DNS_ADDR:53"; else log "nsd: not running"; ok=1; fi
  pid=$(unbound_pid)
  if pid_alive "$pid"; then log "unbound: running (pid $pid) on $UNBOUND_ADDR:53"; else log "unbound: not running"; ok=1; fi
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
  pid=$(nginx_pid)
  if pid_alive "$pid"; then
    log "nginx: running (master pid $pid) on $NGINX_ADDR:443, MTA-STS policy hosts:"
    local host cert file
    for line in "${POLICY_HOSTS[@]}"; do
      read -r host cert file <<<"$line"
      printf 'lab:   %-30s certificate=%-28s policy=lab/mta-sts/%s\n' "$host" "$cert" "$file"
    done
  else
    log "nginx: not running"; ok=1
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
  if ns_exists || pid_alive "$(nsd_pid)" || pid_alive "$(unbound_pid)" || pid_alive "$(postfix_pid)" || pid_alive "$(nginx_pid)"; then
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
  start_unbound
  start_postfix
  start_nginx
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
  pid=$(nginx_pid)
  if pid_alive "$pid"; then
    log "stopping nginx (master pid $pid)"
    stop_pid nginx "$pid"
  fi
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
  pid=$(unbound_pid)
  if pid_alive "$pid"; then
    log "stopping unbound (pid $pid)"
    stop_pid unbound "$pid"
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
