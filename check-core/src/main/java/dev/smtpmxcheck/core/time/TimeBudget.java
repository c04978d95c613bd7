package dev.smtpmxcheck.core.time;

/**
 * How the check spends its time: every reserve kept back from a deadline, every grace period allowed past one, and
 * the shares of the overall timeout ({@code -t}) that DNS may use, in one place. A reserve ends a part of the work
 * early so that what comes after it still has time; a grace period lets a waiter wait a little beyond the deadline
 * of a task that honours that deadline itself, so that the task's own, more precise answer ("connect timed out
 * after 10 s") wins over the waiter's generic one ("did not finish within the overall timeout").
 *
 * <p>Order of the ends, for a check with {@code -t T}: the probes, DNS and policy lookups end by
 * {@code T - }{@link #CHECK_RESERVE_MILLIS}; the extras of an address end {@link #DIAGNOSTICS_RESERVE_MILLIS}
 * before its probe; a socket still blocked is closed {@link #SOCKET_CLOSE_GRACE_MILLIS} after its deadline; the
 * Nagios watchdog gives up {@link #WATCHDOG_GRACE_SECONDS} after {@code T}.
 */
public final class TimeBudget {
    private TimeBudget() {}

    /**
     * Milliseconds kept back from the overall timeout for abandoning stuck probes, judging and rendering (a cold JVM
     * loads the JSON and text renderers only then); at most 1/{@value #CHECK_RESERVE_MAX_SHARE} of the timeout, so
     * that a short {@code -t} still leaves most of itself to the probes.
     */
    public static final long CHECK_RESERVE_MILLIS = 800;

    /** The reserve is at most the timeout divided by this. */
    public static final int CHECK_RESERVE_MAX_SHARE = 5;

    /**
     * Milliseconds the check waits past the deadline for one address's probe, which honours the deadline itself:
     * the grace only covers thread scheduling; at most 1/{@value #PROBE_WAIT_GRACE_MAX_SHARE} of the timeout.
     */
    public static final long PROBE_WAIT_GRACE_MILLIS = 150;

    /** The probe grace is at most the timeout divided by this. */
    public static final int PROBE_WAIT_GRACE_MAX_SHARE = 20;

    /**
     * Milliseconds the MTA-STS and TLS-RPT steps are waited for past the deadline (they honour it themselves, so an
     * HTTPS fetch cut off at the deadline says why rather than "not finished").
     */
    public static final long POLICY_WAIT_GRACE_MILLIS = 200;

    /**
     * Milliseconds the A and AAAA queries of an MX target are waited for past the lookup's deadline: each query
     * ends at that deadline itself and says which question went unanswered.
     */
    public static final long DNS_ADDRESS_WAIT_GRACE_MILLIS = 200;

    /**
     * One DNS query may take at most the overall timeout divided by this (and never more than the stage timeout),
     * so that a resolver that never answers leaves time for a retry at the next server and for the probes.
     */
    public static final int DNS_QUERY_SHARE = 3;

    /**
     * A whole DNS lookup (MX, then the targets' addresses, with CNAMEs) may take at most the overall timeout
     * divided by this: DNS may use half of the budget, the SMTP probes need the rest.
     */
    public static final int DNS_LOOKUP_SHARE = 2;

    /**
     * A validating TLSA query waits this many query timeouts: dnsjava's validator sends several queries (DNSKEY,
     * DS) for one answer (RFC 4035 §5).
     */
    public static final int DNSSEC_VALIDATION_QUERY_FACTOR = 2;

    /**
     * Milliseconds before an address's probe deadline by which its extras (reverse DNS, TLS version scan) end, so
     * that they never cost the main probe its result.
     */
    public static final long DIAGNOSTICS_RESERVE_MILLIS = 300;

    /**
     * Milliseconds that must be left, beyond twice the main dialogue's time, before a relay variant or a STARTTLS
     * injection test is started: a second connection that cannot finish is not started.
     */
    public static final long VARIANT_RESERVE_MILLIS = 200;

    /**
     * The least time left, in milliseconds, for starting one handshake of the TLS version scan: an attempt that
     * could not finish is reported as not tried rather than started.
     */
    public static final long TLS_SCAN_ATTEMPT_MIN_MILLIS = 200;

    /**
     * The longest wait for the reply to QUIT, in milliseconds (RFC 5321 §4.1.1.10 wants a 221, but the result is
     * known by then): a server that never answers QUIT must not hold the probe.
     */
    public static final long QUIT_WAIT_MILLIS = 2000;

    /**
     * Milliseconds after its deadline at which a socket still blocked (a TLS handshake fed one octet at a time, a
     * write to a server that never reads) is closed; socket timeouts normally end things first.
     */
    public static final long SOCKET_CLOSE_GRACE_MILLIS = 100;

    /**
     * Seconds the Nagios plugin's watchdog waits beyond {@code -t} before it prints the timeout line and exits: the
     * check ends by {@code -t} itself, this covers a JVM that is slow to render.
     */
    public static final int WATCHDOG_GRACE_SECONDS = 1;

    /**
     * The least time, in milliseconds, the Nagios plugin gives the check after JVM start-up was charged to
     * {@code -t} (or {@code -t} itself when shorter), so that something is always tried.
     */
    public static final long WATCHDOG_MIN_BUDGET_MILLIS = 100;

    /**
     * The longest wait for this host's canonical name, in milliseconds, when it becomes the default EHLO name: a
     * reverse DNS lookup that hangs must not eat the check's budget, so after this the name is {@code localhost}.
     */
    public static final long HOST_NAME_LOOKUP_WAIT_MILLIS = 1000;

    /** The reserve for a check of {@code timeoutMillis}: {@link #CHECK_RESERVE_MILLIS}, at most a fifth of it. */
    public static long checkReserveMillis(long timeoutMillis) {
        return Math.min(CHECK_RESERVE_MILLIS, timeoutMillis / CHECK_RESERVE_MAX_SHARE);
    }

    /** The probe grace for a check of {@code timeoutMillis}: {@link #PROBE_WAIT_GRACE_MILLIS}, at most a twentieth. */
    public static long probeWaitGraceMillis(long timeoutMillis) {
        return Math.min(PROBE_WAIT_GRACE_MILLIS, timeoutMillis / PROBE_WAIT_GRACE_MAX_SHARE);
    }
}
