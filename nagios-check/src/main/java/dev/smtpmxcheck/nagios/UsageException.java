package dev.smtpmxcheck.nagios;

/**
 * Bad command-line arguments. The plugin prints {@code SMTP MX UNKNOWN - <message>} and a usage line and
 * exits 3, as the Monitoring Plugins Development Guidelines require for invalid arguments.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A usage error.
     *
     * @param message one line, no trailing period, naming the option and the bad value
     */
    public UsageException(String message) {
        super(message);
    }
}
