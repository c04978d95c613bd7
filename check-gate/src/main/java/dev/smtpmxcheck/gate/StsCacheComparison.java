package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.policy.mtasts.MxPattern;
import dev.smtpmxcheck.core.report.json.MxJson;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares a domain's MTA-STS facts in two reports as a sender that cached the previous policy would meet the new
 * one (RFC 8461 §3.1, §3.2, §5.1). Pure: it reads only the two JSON models.
 *
 * <p>Only valid policies in mode {@code enforce} or {@code testing} on both sides are compared (a policy in mode
 * {@code none} with a short {@code max_age} is how a domain withdraws MTA-STS, §8.3). A previous report written before
 * the policy digest existed ({@code policySha256} absent, schema version 1 of an earlier release) cannot show a
 * changed policy under the same id; {@link Result#notes()} says so.
 */
public final class StsCacheComparison {
    private StsCacheComparison() {}

    /** One day in seconds; a {@code max_age} below it is short (RFC 8461 §3.2 expects weeks). */
    static final long ONE_DAY_SECONDS = 86_400L;

    /**
     * What the comparison found.
     *
     * @param changes the regressions, in the order of {@link StsCacheChange.Kind}, MX hosts in report order
     * @param notes remarks about the comparison itself (a previous report without the digest)
     */
    public record Result(List<StsCacheChange> changes, List<String> notes) {
        public Result {
            changes = List.copyOf(changes);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Compares {@code before} (the previous build's report) with {@code now}.
     *
     * @param before the previous report, or null on a first build
     * @param now this build's report
     * @return the changes and notes; both empty when either report has no valid enforce or testing policy
     */
    public static Result compare(ReportJson before, ReportJson now) {
        Objects.requireNonNull(now, "now");
        ReportJson.MtaSts was = before == null ? null : before.mtaSts();
        ReportJson.MtaSts is = now.mtaSts();
        if (!active(was) || !active(is)) {
            return new Result(List.of(), List.of());
        }
        String domain = now.domain();
        List<StsCacheChange> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long cached = was.maxAgeSeconds();
        if (was.id() != null && was.id().equals(is.id())) {
            if (was.policySha256() == null) {
                notes.add("the previous report has no MTA-STS policy digest (written by an earlier version): a policy"
                        + " changed under the same id cannot be seen in this comparison");
            } else if (is.policySha256() != null && !was.policySha256().equals(is.policySha256())) {
                changes.add(new StsCacheChange(StsCacheChange.Kind.POLICY_CHANGED_SAME_ID, domain,
                        "the MTA-STS policy file changed but the TXT record's id is still " + is.id()
                                + ": senders that cached the previous policy keep it for up to its max_age of " + cached
                                + " s" + " (" + days(cached) + ")",
                        "Change the id of the TXT record at _mta-sts." + domain + " whenever the policy file changes"
                                + " (RFC 8461 §3.1), e.g. to the date and time of the change."));
            }
        }
        for (MxJson mx : now.mx()) {
            String host = mx.host();
            if (allows(was.mx(), host) && !allows(is.mx(), host)) {
                changes.add(new StsCacheChange(StsCacheChange.Kind.MX_DROPPED, host, host
                        + " is still an MX of " + domain + " but no longer matches an mx pattern of the MTA-STS policy ("
                        + String.join(", ", is.mx()) + "; it matched " + String.join(", ", was.mx())
                        + "): senders that fetch the new policy will not deliver to it",
                        "Add an mx line matching " + host + " to the MTA-STS policy of " + domain
                                + " and change the id of its TXT record, or remove the MX record first (RFC 8461 §4.1)."));
            }
        }
        if (cached >= ONE_DAY_SECONDS && is.maxAgeSeconds() < ONE_DAY_SECONDS) {
            changes.add(new StsCacheChange(StsCacheChange.Kind.MAX_AGE_LOWERED, domain, "the MTA-STS policy's max_age"
                    + " went from " + cached + " s (" + days(cached) + ") to " + is.maxAgeSeconds()
                    + " s, under one day: senders soon hold no policy, and an attacker who blocks the next fetch strips it",
                    "Set max_age in the MTA-STS policy of " + domain + " back to weeks (e.g. 604800 s) and change the id"
                            + " of its TXT record (RFC 8461 §3.2); to withdraw MTA-STS, publish mode: none first (§8.3)."));
        }
        return new Result(changes, notes);
    }

    /** A valid policy (mode and max_age present) that senders apply: enforce or testing. */
    private static boolean active(ReportJson.MtaSts s) {
        return s != null && s.maxAgeSeconds() != null && ("enforce".equals(s.mode()) || "testing".equals(s.mode()));
    }

    private static boolean allows(List<String> patterns, String host) {
        for (String p : patterns) {
            if (MxPattern.valid(p) && new MxPattern(p).matches(host)) {
                return true;
            }
        }
        return false;
    }

    private static String days(long seconds) {
        long days = seconds / ONE_DAY_SECONDS;
        return days >= 1 ? days + (days == 1 ? " day" : " days") : seconds / 3600 + " h";
    }
}
