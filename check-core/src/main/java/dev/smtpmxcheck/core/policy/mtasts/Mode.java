package dev.smtpmxcheck.core.policy.mtasts;

import java.util.Locale;

/** The {@code mode} of an MTA-STS policy (RFC 8461 §3.2, §5). */
public enum Mode {
    /** Senders must not deliver to an MX that fails validation (RFC 8461 §5.1). */
    ENFORCE,
    /** Senders report failures (TLS-RPT) but deliver anyway. */
    TESTING,
    /** Senders treat the domain as having no active policy. */
    NONE;

    /** The policy file's spelling: {@code enforce}, {@code testing}, {@code none}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named by {@code value}, which is case-sensitive (RFC 8461 §3.2: {@code %s"enforce"}).
     *
     * @return the mode, or null when {@code value} is none of the three
     */
    public static Mode ofToken(String value) {
        for (Mode m : values()) {
            if (m.token().equals(value)) {
                return m;
            }
        }
        return null;
    }
}
