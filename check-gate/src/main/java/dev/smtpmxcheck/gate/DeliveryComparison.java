package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares who could deliver to the domain in the previous build with who can now (the reports' {@code delivery}
 * matrix): a class of sender that could deliver to one MX at least and now can deliver to none is a regression,
 * whatever the findings say (RFC 3207, RFC 8461 §4, RFC 7672 §3). A previous report without the matrix (written
 * before it existed) gives no comparison, only a note.
 */
public final class DeliveryComparison {
    private DeliveryComparison() {}

    /**
     * The outcome.
     *
     * @param lost one line per class that could deliver before and cannot now, e.g. "MTA-STS senders could deliver in
     *     the previous report and cannot now (certificate not trusted at mx1.example.com)"
     * @param notes remarks about the comparison, e.g. that the previous report has no delivery matrix
     */
    public record Result(List<String> lost, List<String> notes) {
        public Result {
            lost = List.copyOf(lost);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Compares {@code before} with {@code now}.
     *
     * @param before the previous report, or null on a first build
     * @param now this build's report
     */
    public static Result compare(ReportJson before, ReportJson now) {
        if (before == null || now.delivery() == null) {
            return new Result(List.of(), List.of());
        }
        if (before.delivery() == null) {
            return new Result(List.of(), List.of("the previous report has no delivery matrix (written by an older"
                    + " version): which senders could deliver is not compared"));
        }
        Map<String, ReportJson.DeliveryClass> was = new LinkedHashMap<>();
        before.delivery().classes().forEach(c -> was.put(c.sender(), c));
        List<String> lost = new ArrayList<>();
        for (ReportJson.DeliveryClass c : now.delivery().classes()) {
            ReportJson.DeliveryClass old = was.get(c.sender());
            if (old != null && old.canDeliver() && !c.canDeliver() && c.applies()) {
                lost.add(label(c.sender()) + " senders could deliver in the previous report and cannot now"
                        + why(now.delivery(), c.sender()));
            }
        }
        return new Result(lost, List.of());
    }

    /** " (certificate not trusted at mx1.example.com)": the reason at the first address, or "". */
    private static String why(ReportJson.Delivery delivery, String sender) {
        for (ReportJson.DeliveryAddress a : delivery.addresses()) {
            for (ReportJson.AddressClass c : a.classes()) {
                if (c.sender().equals(sender) && "NO".equals(c.delivers()) && c.reason() != null) {
                    return " (" + reasonText(c.reason()) + " at " + a.host() + ")";
                }
            }
        }
        return "";
    }

    /** The class as people write it, from its JSON name. */
    static String label(String sender) {
        try {
            return dev.smtpmxcheck.core.report.SenderClass.valueOf(sender).label();
        } catch (IllegalArgumentException unknown) {
            return sender;
        }
    }

    private static String reasonText(String reason) {
        try {
            return dev.smtpmxcheck.core.report.DeliveryReason.valueOf(reason).text();
        } catch (IllegalArgumentException unknown) {
            return reason;
        }
    }
}
