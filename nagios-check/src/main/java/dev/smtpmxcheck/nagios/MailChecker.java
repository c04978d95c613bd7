package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.MailCheck;
import dev.smtpmxcheck.core.report.CheckReport;

/**
 * The check the plugin runs: {@link MailCheck#check} for {@code -D}, {@link MailCheck#checkHost} for
 * {@code -H}. An interface so that tests can run the whole plugin against a fake.
 */
@FunctionalInterface
public interface MailChecker {

    /** The real check of check-core. */
    MailChecker CORE = (target, options) -> target.kind() == PluginArguments.TargetKind.HOST
            ? MailCheck.checkHost(target.name(), options)
            : MailCheck.check(target.name(), options);

    /**
     * Checks {@code target}.
     *
     * @param target the domain or host from the command line
     * @param options the options from the command line
     * @return the report; never null
     * @throws IllegalArgumentException when the domain or host name is invalid (one-line message);
     *     the plugin reports it as UNKNOWN
     */
    CheckReport check(PluginArguments.Target target, CheckOptions options);
}
