package dev.migrationreview.github;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.Dialect;
import org.junit.jupiter.api.Test;

class ReviewCommentBodyTest {
    private final ReviewCommentBody body = new ReviewCommentBody("https://review.example.com/rules/");

    private static PublishedFinding dropColumn(String path) {
        Finding f = new Finding("drop-column", Risk.HIGH, 3, 3, "Drops a column the running code may read",
                "The old application version still selects orders.note.", "Instead: stop reading it first.", null);
        return new PublishedFinding(path, null, f, "abc123");
    }

    @Test
    void aRuleSharedByDialectsLinksToThePageOfTheReviewedDatabase() {
        String mysql = body.render(dropColumn("db/V2__drop.sql"), true, Dialect.MYSQL);
        String postgres = body.render(dropColumn("db/V2__drop.sql"), true, Dialect.POSTGRESQL);

        assertTrue(mysql.contains("(https://review.example.com/rules/mysql/drop-column)"), mysql);
        assertTrue(postgres.contains("(https://review.example.com/rules/drop-column)"), postgres);
    }

    @Test
    void theIgnoreHintIsACommentInTheFilesOwnLanguage() {
        assertTrue(body.render(dropColumn("db/migrate/20240101000000_drop_note.rb"), true, Dialect.POSTGRESQL)
                .contains("`# migration-review:ignore drop-column <reason>`"));
        assertTrue(body.render(dropColumn("shop/migrations/0002_remove_note.py"), true, Dialect.POSTGRESQL)
                .contains("`# migration-review:ignore drop-column <reason>`"));
        assertTrue(body.render(dropColumn("db/V2__drop.sql"), true, Dialect.POSTGRESQL)
                .contains("`-- migration-review:ignore drop-column <reason>`"));
    }
}
