package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.MailCheck;
import dev.smtpmxcheck.core.report.json.JsonReport;
import java.util.function.Supplier;

/**
 * The check as the Jenkins agent runs it: settings in, {@link AgentOutcome#text()} out, and no exception of a
 * bundled library's class ever out (see {@link AgentOutcome}).
 */
public final class AgentCheck {

    /** Longest message of an internal error, in characters; the rest is cut and marked with "…". */
    static final int MAX_MESSAGE = 400;

    /** How many causes an internal error's message names after the exception itself. */
    static final int MAX_CAUSES = 3;

    private AgentCheck() {}

    /**
     * Runs {@link MailCheck#check} for {@code domain} and returns the outcome's text. Never throws for a bad setting
     * or a fault of the check: an {@link IllegalArgumentException} (the check's one-line message for a setting it
     * cannot use) becomes {@link AgentOutcome.Kind#SETTINGS}, any other exception or error becomes
     * {@link AgentOutcome.Kind#INTERNAL_ERROR}. Only a {@link VirtualMachineError} (out of memory, stack overflow),
     * a JDK class, is thrown on.
     *
     * @param domain the domain as the user gave it (Unicode or A-labels)
     * @param settings the step's check settings
     * @return {@link AgentOutcome#text()}
     */
    public static String run(String domain, CheckSettings settings) {
        return outcome(() -> JsonReport.write(MailCheck.check(domain, settings.toOptions()))).text();
    }

    /** The outcome of {@code check}, which returns the report's JSON text. */
    static AgentOutcome outcome(Supplier<String> check) {
        try {
            return new AgentOutcome.Report(check.get());
        } catch (IllegalArgumentException e) {
            return new AgentOutcome.Failed(AgentOutcome.Kind.SETTINGS, cut(oneLine(e.getMessage(), e)));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) { // the agent boundary: whatever the check throws, only text goes back
            return new AgentOutcome.Failed(AgentOutcome.Kind.INTERNAL_ERROR, cut("internal error on the agent: "
                    + describe(e)));
        }
    }

    /** "SimpleName: first line", then "; caused by SimpleName: first line" for up to {@link #MAX_CAUSES} causes. */
    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(name(t));
        Throwable cause = t.getCause();
        for (int i = 0; cause != null && cause != t && i < MAX_CAUSES; i++, t = cause, cause = cause.getCause()) {
            s.append("; caused by ").append(name(cause));
        }
        return s.toString();
    }

    private static String name(Throwable t) {
        String message = oneLine(t.getMessage(), null);
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The first non-blank line of {@code message}, trimmed; the class name when there is none and {@code t} is given. */
    private static String oneLine(String message, Throwable t) {
        if (message != null) {
            for (String line : message.split("\\R")) {
                if (!line.isBlank()) {
                    return line.trim();
                }
            }
        }
        return t == null ? "" : t.getClass().getSimpleName();
    }

    private static String cut(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
