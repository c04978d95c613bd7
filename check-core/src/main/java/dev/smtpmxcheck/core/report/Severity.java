package dev.smtpmxcheck.core.report;

/**
 * How bad one finding is. {@link #INFO} is a fact worth knowing that never changes the state;
 * the others map onto the Monitoring Plugins states of the same name.
 */
public enum Severity {
    /** A note: reported in the long output and JSON, the state stays OK. */
    INFO,
    /** Mail is delayed or at risk for some senders; the state becomes at least WARNING. */
    WARNING,
    /** Mail is lost, refused, or open to abuse; the state becomes CRITICAL. */
    CRITICAL,
    /** The check itself could not run a part (internal fault); the state becomes at least UNKNOWN. */
    UNKNOWN;

    /** The state a finding of this severity contributes to the domain's verdict. */
    public State state() {
        switch (this) {
            case WARNING:
                return State.WARNING;
            case CRITICAL:
                return State.CRITICAL;
            case UNKNOWN:
                return State.UNKNOWN;
            default:
                return State.OK;
        }
    }
}
