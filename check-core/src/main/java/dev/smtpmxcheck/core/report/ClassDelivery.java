package dev.smtpmxcheck.core.report;

import java.util.Objects;

/**
 * Whether one class of sender would deliver to one MX address, and why not.
 *
 * @param sender the class of sender
 * @param delivers yes, no, or not applicable (the domain does not invite this class at this host)
 * @param reason why not, only when {@code delivers} is {@link Delivers#NO}; else null
 */
public record ClassDelivery(SenderClass sender, Delivers delivers, DeliveryReason reason) {
    public ClassDelivery {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(delivers, "delivers");
        if ((delivers == Delivers.NO) != (reason != null)) {
            throw new IllegalArgumentException(sender + ": a reason goes with NO and only with NO, not " + delivers
                    + " and " + reason);
        }
    }

    /** The class delivers. */
    public static ClassDelivery yes(SenderClass sender) {
        return new ClassDelivery(sender, Delivers.YES, null);
    }

    /** The class does not deliver, for {@code reason}. */
    public static ClassDelivery no(SenderClass sender, DeliveryReason reason) {
        return new ClassDelivery(sender, Delivers.NO, reason);
    }

    /** The class has no rule of its own here. */
    public static ClassDelivery notApplicable(SenderClass sender) {
        return new ClassDelivery(sender, Delivers.NOT_APPLICABLE, null);
    }
}
