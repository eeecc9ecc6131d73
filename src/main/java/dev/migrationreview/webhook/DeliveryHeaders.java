package dev.migrationreview.webhook;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The GitHub headers a delivery is stored and counted under, checked for shape and length before any
 * of them reaches the store, a log line or a metric tag. GitHub sends a UUID as the delivery id,
 * snake_case event names and numeric hook ids; anything else did not come from GitHub as documented.
 */
public record DeliveryHeaders(String deliveryId, String event, Optional<String> hookId) {
    /** The deliveries table holds 100 characters of delivery id and 60 of event name. */
    static final int MAX_DELIVERY_ID = 100;
    static final int MAX_EVENT = 60;
    private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_DELIVERY_ID - 1) + "}");
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_EVENT - 1) + "}");
    private static final Pattern HOOK_ID = Pattern.compile("[0-9]{1,20}");

    /** A header that is missing, too long or of the wrong shape; the message names it and says what is expected. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    public static DeliveryHeaders of(String event, String deliveryId, String hookId) throws Invalid {
        String e = required("X-GitHub-Event", event);
        String d = required("X-GitHub-Delivery", deliveryId);
        if (!EVENT.matcher(e).matches()) {
            throw new Invalid("X-GitHub-Event must be a GitHub event name (lower-case letters, digits and '_', at most "
                    + MAX_EVENT + " characters)");
        }
        if (!DELIVERY_ID.matcher(d).matches()) {
            throw new Invalid("X-GitHub-Delivery must be GitHub's delivery id (a UUID; letters, digits and '-', at most "
                    + MAX_DELIVERY_ID + " characters)");
        }
        Optional<String> hook = Optional.ofNullable(hookId).map(String::trim).filter(h -> !h.isEmpty());
        if (hook.isPresent() && !HOOK_ID.matcher(hook.get()).matches()) {
            throw new Invalid("X-GitHub-Hook-ID must be a number of at most 20 digits");
        }
        return new DeliveryHeaders(d, e, hook);
    }

    /** The event name to count a refused delivery under: the header when it has an event's shape, else "invalid". */
    public static String metricEvent(String event) {
        String e = event == null ? "" : event.trim();
        if (e.isEmpty()) {
            return "unknown";
        }
        return EVENT.matcher(e).matches() ? e : "invalid";
    }

    private static String required(String name, String value) throws Invalid {
        if (value == null || value.isBlank()) {
            throw new Invalid("missing " + name + " header");
        }
        return value.trim();
    }
}
