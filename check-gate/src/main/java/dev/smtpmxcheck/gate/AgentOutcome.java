package dev.smtpmxcheck.gate;

/**
 * What the check run on a Jenkins agent sends back to the controller: the report's JSON text, or why there is no
 * report, as plain text.
 *
 * <p>It crosses the remoting channel as one String ({@link #text()}, read back with {@link #parse}), never as an
 * exception: the controller's class filter (JEP-200) refuses every class of a library bundled in the plugin
 * (check-core, dnsjava, Jackson, ICU), so an exception of such a class, or with such a cause, would reach the user
 * as a class-filter rejection instead of its message.
 */
public sealed interface AgentOutcome {

    /** Why a check gave no report. */
    enum Kind {
        /**
         * A setting cannot be used: an EHLO name or relay address that could inject SMTP commands, a CA or trust
         * anchor file that cannot be read on the agent, a value out of range. Found before any connection.
         */
        SETTINGS,
        /** A fault of the check itself (the finding code of the same name); the message names the exception. */
        INTERNAL_ERROR
    }

    /**
     * The check ran to its end.
     *
     * @param json the report, as {@link dev.smtpmxcheck.core.report.json.JsonReport#write} gives it
     */
    record Report(String json) implements AgentOutcome {
        @Override
        public String text() {
            return REPORT + "\n" + json;
        }
    }

    /**
     * The check gave no report.
     *
     * @param kind why
     * @param message one line for the build log, without the {@code smtpMxCheck <domain>:} prefix
     */
    record Failed(Kind kind, String message) implements AgentOutcome {
        public Failed {
            if (kind == null || message == null || message.contains("\n")) {
                throw new IllegalArgumentException("a failure needs a kind and a one-line message, got " + kind + ", "
                        + message);
            }
        }

        @Override
        public String text() {
            return FAILED + " " + kind.name() + "\n" + message;
        }
    }

    /** The first line of {@link #text()} of a {@link Report}. */
    String REPORT = "report";

    /** The first word of {@link #text()} of a {@link Failed}. */
    String FAILED = "failed";

    /** This outcome as the text that crosses the remoting channel: a header line, then the JSON or the message. */
    String text();

    /**
     * Reads {@link #text()} back.
     *
     * @throws IllegalArgumentException when {@code text} is not the text of an outcome
     */
    static AgentOutcome parse(String text) {
        int eol = text == null ? -1 : text.indexOf('\n');
        if (eol < 0) {
            throw new IllegalArgumentException("not a check outcome: no header line");
        }
        String header = text.substring(0, eol);
        String body = text.substring(eol + 1);
        if (header.equals(REPORT)) {
            return new Report(body);
        }
        if (header.startsWith(FAILED + " ")) {
            try {
                return new Failed(Kind.valueOf(header.substring(FAILED.length() + 1)), body);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a check outcome: " + header, e);
            }
        }
        throw new IllegalArgumentException("not a check outcome: " + header);
    }
}
