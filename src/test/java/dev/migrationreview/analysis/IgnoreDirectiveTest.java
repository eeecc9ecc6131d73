package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreDirectiveTest {

    @Test
    void statementDirectiveWithReason() {
        List<IgnoreDirective> found = IgnoreDirective.inComments(
                List.of(" adds the index while the table is still empty", " migration-review:ignore create-index-non-concurrent table is new in V41"));
        assertEquals(List.of(new IgnoreDirective("create-index-non-concurrent", "table is new in V41", 0, false)), found);
        assertTrue(found.get(0).hasReason());
    }

    @Test
    void directiveWithoutReasonHasNone() {
        IgnoreDirective d = IgnoreDirective.inComments(List.of("migration-review:ignore create-index-non-concurrent  ")).get(0);
        assertEquals("create-index-non-concurrent", d.ruleId());
        assertFalse(d.hasReason());
        IgnoreDirective bare = IgnoreDirective.inComments(List.of("migration-review:ignore")).get(0);
        assertEquals(null, bare.ruleId());
        assertFalse(bare.hasReason());
    }

    @Test
    void blockCommentCloserIsNotPartOfTheReason() {
        IgnoreDirective d = IgnoreDirective.inComments(List.of("migration-review:ignore ban-drop-column column unused since 2023 */")).get(0);
        assertEquals("column unused since 2023", d.reason());
    }

    @Test
    void fileDirectivesAreFoundAnywhereWithTheirLine() {
        String file = "-- flyway header\nCREATE TABLE a (id int);\n\n  -- migration-review:ignore-file prefer-text-field legacy schema\nSELECT 1;\n";
        assertEquals(List.of(new IgnoreDirective("prefer-text-field", "legacy schema", 4, true)), IgnoreDirective.inFile(file));
        // a file directive above a statement is not also a statement directive
        assertEquals(List.of(), IgnoreDirective.inComments(List.of(" migration-review:ignore-file prefer-text-field legacy schema")));
    }

    @Test
    void anOrdinaryCommentIsNoDirective() {
        assertEquals(List.of(), IgnoreDirective.inComments(List.of(" we ignore errors here", " migration review: later")));
        assertEquals(List.of(), IgnoreDirective.inFile("-- nothing to see\nSELECT 1;"));
    }
}
