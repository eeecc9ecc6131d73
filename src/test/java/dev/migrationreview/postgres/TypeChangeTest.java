package dev.migrationreview.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.sql.statement.TypeName;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeChangeTest {
    private static TypeName type(String name, Integer... modifiers) {
        return new TypeName(name, List.of(modifiers), 0, name);
    }

    private static boolean rewrites(TypeName from, TypeName to, int version) {
        return TypeChange.of(from, to, null, version).rewritesTable();
    }

    @Test
    void binaryCoercibleChangesKeepTheTable() {
        assertFalse(rewrites(type("character varying", 20), type("character varying", 50), 14));
        assertFalse(rewrites(type("character varying", 20), type("character varying"), 14));
        assertFalse(rewrites(type("character varying", 20), type("text"), 14));
        assertFalse(rewrites(type("text"), type("character varying"), 14));
        assertFalse(rewrites(type("numeric", 10, 2), type("numeric", 12, 2), 14));
        assertFalse(rewrites(type("numeric", 10, 2), type("numeric"), 14));
        assertFalse(rewrites(type("cidr"), type("inet"), 14));
        assertFalse(rewrites(type("timestamp without time zone"), type("timestamp with time zone"), 12));
    }

    @Test
    void everythingElseRewrites() {
        assertTrue(rewrites(type("character varying", 20), type("character varying", 10), 14));
        assertTrue(rewrites(type("text"), type("character varying", 100), 14));
        assertTrue(rewrites(type("numeric", 10, 2), type("numeric", 12, 4), 14));
        assertTrue(rewrites(type("integer"), type("bigint"), 14));
        assertTrue(rewrites(type("timestamp without time zone"), type("timestamp with time zone"), 11));
        assertTrue(rewrites(null, type("bigint"), 14));
        assertTrue(TypeChange.of(type("text"), type("text"), "lower(x)", 14).rewritesTable());
    }

    @Test
    void timestamptzRebuildsIndexesAndSaysWhatItAssumes() {
        TypeChange change = TypeChange.of(type("timestamp without time zone"), type("timestamp with time zone"), null, 15);
        assertTrue(change.rebuildsIndexes());
        assertTrue(change.note().contains("UTC"));
    }

    @Test
    void onlyVolatileDefaultsCount() {
        assertTrue(DefaultVolatility.isVolatile("gen_random_uuid()"));
        assertTrue(DefaultVolatility.isVolatile("nextval('s'::regclass)"));
        assertTrue(DefaultVolatility.isVolatile("(random() * 10)::int"));
        assertTrue(DefaultVolatility.isVolatile("uuid_generate_v4()"));
        assertFalse(DefaultVolatility.isVolatile("now()"));
        assertFalse(DefaultVolatility.isVolatile("CURRENT_TIMESTAMP"));
        assertFalse(DefaultVolatility.isVolatile("'pending'"));
        assertFalse(DefaultVolatility.isVolatile(null));
    }
}
