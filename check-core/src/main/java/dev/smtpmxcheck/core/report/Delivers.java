package dev.smtpmxcheck.core.report;

/** Whether one class of sender would deliver a message to one MX address. */
public enum Delivers {
    /** The sender would deliver there. */
    YES,
    /** The sender would not deliver there (see {@link DeliveryReason}). */
    NO,
    /** The class has no rule of its own here: the domain does not invite it (no MTA-STS policy, no secure TLSA). */
    NOT_APPLICABLE
}
