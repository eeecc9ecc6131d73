package dev.migrationreview.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffHunksTest {
    // two hunks: new lines 1..4 and 20..23 (line 21 added)
    private static final String PATCH = """
            @@ -1,3 +1,4 @@
             CREATE TABLE a (id int);
            +CREATE INDEX a_id ON a (id);
             
             -- end
            @@ -19,3 +20,4 @@ CREATE TABLE b (id int);
             x
            +y
             z
             w""";

    @Test
    void linesShownInAHunkCanCarryComments() {
        DiffHunks hunks = DiffHunks.parse(PATCH);
        assertTrue(hunks.contains(2));
        assertTrue(hunks.contains(4));
        assertFalse(hunks.contains(5));
        assertFalse(hunks.contains(19));
        assertTrue(hunks.contains(21));
    }

    @Test
    void aMultiLineFindingIsClampedToOneHunkAndOneOutsideIsNotAnchored() {
        DiffHunks hunks = DiffHunks.parse(PATCH);
        assertEquals(Optional.of(new DiffHunks.Anchor(2, 3)), hunks.anchor(2, 3));
        assertEquals(Optional.of(new DiffHunks.Anchor(null, 2)), hunks.anchor(2, 2));
        assertEquals(Optional.of(new DiffHunks.Anchor(3, 4)), hunks.anchor(3, 9));
        assertEquals(Optional.empty(), hunks.anchor(6, 18));
        assertEquals(Optional.empty(), DiffHunks.parse(null).anchor(1, 1));
    }

    @Test
    void aNewFileIsOneHunkFromLineOne() {
        DiffHunks hunks = DiffHunks.parse("@@ -0,0 +1,3 @@\n+a\n+b\n+c");
        assertEquals(Optional.of(new DiffHunks.Anchor(1, 3)), hunks.anchor(1, 3));
        assertTrue(DiffHunks.parse("@@ -1 +1 @@\n-a\n+b").contains(1));
    }
}
