package dev.migrationreview.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.TypeName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryColumnsTest {
    private static final QualifiedName LIKES = QualifiedName.parse("public.likes");
    private static final Map<QualifiedName, List<Column>> SOURCES = Map.of(LIKES, List.of(
            new Column("person_id", new TypeName("integer", List.of(), 0, "int"), true, null, null, null),
            new Column("published", new TypeName("timestamp with time zone", List.of(), 0, "timestamptz"), true, null, null, null)));

    private static List<Column> columns(String sql) {
        return QueryColumns.of(sql, List.of(LIKES), SOURCES::get);
    }

    @Test
    void namesAndTypesComeFromAliasesSourceColumnsAndCasts() {
        List<Column> c = columns("""
                CREATE TABLE actions AS
                WITH recent AS (SELECT x FROM other)
                SELECT DISTINCT ON (l.person_id)
                    l.person_id,
                    max(published) AS liked_at,
                    NULL::timestamptz AS saved_at,
                    count(*) n,
                    coalesce(a, b),
                    'x, y' AS "Label"
                FROM likes l GROUP BY 1
                """);
        assertEquals(List.of("person_id", "liked_at", "saved_at", "n", "coalesce", "Label"), c.stream().map(Column::name).toList());
        assertEquals("integer", c.get(0).type().name());
        assertEquals("timestamp with time zone", c.get(2).type().name());
        assertEquals("unknown", c.get(1).type().name());
    }

    @Test
    void qualifiedStarFindsItsTableThroughTheAlias() {
        QualifiedName people = QualifiedName.parse("public.people");
        Map<QualifiedName, List<Column>> sources = Map.of(LIKES, SOURCES.get(LIKES),
                people, List.of(new Column("name", new TypeName("text", List.of(), 0, "text"), false, null, null, null)));
        List<Column> c = QueryColumns.of("SELECT l.*, p.name AS person_name FROM likes AS l LEFT JOIN people p ON p.id = l.person_id",
                List.of(LIKES, people), sources::get);
        assertEquals(List.of("person_id", "published", "person_name"), c.stream().map(Column::name).toList());
        assertEquals("text", c.get(2).type().name());
    }

    @Test
    void starExpandsKnownSourcesAndGivesUpOnUnknownOnes() {
        assertEquals(List.of("person_id", "published"), columns("CREATE TABLE copy AS (SELECT * FROM likes)").stream().map(Column::name).toList());
        assertNull(QueryColumns.of("CREATE TABLE copy AS SELECT * FROM elsewhere", List.of(QualifiedName.parse("public.elsewhere")), SOURCES::get));
        assertNull(QueryColumns.of("CREATE TABLE t AS VALUES (1)", List.of(), SOURCES::get));
    }
}
