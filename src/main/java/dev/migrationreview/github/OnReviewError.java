package dev.migrationreview.github;

import java.util.Locale;

/**
 * How the check run ends when a review could not be completed (GitHub unreachable or refusing for longer
 * than the jobs retry): {@code failure} by default, because GitHub counts {@code neutral} as passing for a
 * required check and an outage would let every pull request that arrived during it merge unreviewed.
 * Setting: {@code migration-review.on-review-error} ({@code ON_REVIEW_ERROR}).
 */
public enum OnReviewError {
    FAILURE("failure", "This check fails so that a migration nobody reviewed cannot merge while it is required "
            + "(server setting `on-review-error: failure`)."),
    NEUTRAL("neutral", "This check is neutral, which GitHub counts as passing: the pull request can merge unreviewed "
            + "(server setting `on-review-error: neutral`).");

    private final String conclusion;
    private final String consequence;

    OnReviewError(String conclusion, String consequence) {
        this.conclusion = conclusion;
        this.consequence = consequence;
    }

    public String conclusion() {
        return conclusion;
    }

    String consequence() {
        return consequence;
    }

    public static OnReviewError parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "failure" -> FAILURE;
            case "neutral" -> NEUTRAL;
            default -> throw new IllegalStateException("migration-review.on-review-error (ON_REVIEW_ERROR) must be failure or neutral, got '"
                    + value + "'");
        };
    }
}
