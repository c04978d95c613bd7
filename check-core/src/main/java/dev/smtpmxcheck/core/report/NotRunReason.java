package dev.smtpmxcheck.core.report;

/** Why a probe stage or an optional diagnostic did not run. */
public enum NotRunReason {
    /** The options did not ask for it. */
    NOT_ASKED,
    /** The server did not offer what it needs (STARTTLS absent from the EHLO reply). */
    NOT_OFFERED,
    /** An earlier stage failed, so there was nothing to run it on. */
    SKIPPED_AFTER_FAILURE,
    /** A host was checked without a domain (-H), so there is no domain to ask about (the postmaster probe). */
    NO_DOMAIN,
    /** Too little time was left before the deadline. */
    NO_TIME_LEFT
}
