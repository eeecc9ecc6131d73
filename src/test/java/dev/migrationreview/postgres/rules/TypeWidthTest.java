package dev.migrationreview.postgres.rules;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.migrationreview.sql.statement.TypeName;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeWidthTest {

    private static TypeName t(String name, Integer... mods) {
        return new TypeName(name, List.of(mods), 0, name);
    }

    @Test
    void shorterCharacterLimitsNarrow() {
        assertNotNull(TypeWidth.narrowing(t("character varying", 200), t("character varying", 50)));
        assertNotNull(TypeWidth.narrowing(t("text"), t("character varying", 50)));
        assertNull(TypeWidth.narrowing(t("character varying", 50), t("character varying", 200)));
        assertNull(TypeWidth.narrowing(t("character varying", 50), t("text")));
    }

    @Test
    void smallerIntegersNarrowAndWiderOnesDoNot() {
        assertNotNull(TypeWidth.narrowing(t("bigint"), t("integer")));
        assertNotNull(TypeWidth.narrowing(t("integer"), t("smallint")));
        assertNull(TypeWidth.narrowing(t("integer"), t("bigint")));
    }

    @Test
    void numericLosesScaleOrIntegerDigits() {
        assertNotNull(TypeWidth.narrowing(t("numeric", 10, 2), t("numeric", 10, 0)));
        assertNotNull(TypeWidth.narrowing(t("numeric", 12, 2), t("numeric", 10, 2)));
        assertNull(TypeWidth.narrowing(t("numeric", 10, 2), t("numeric", 12, 2)));
        assertNotNull(TypeWidth.narrowing(t("numeric"), t("numeric", 10, 2)));
    }

    @Test
    void unrelatedTypesAreNotCalledNarrowing() {
        assertNull(TypeWidth.narrowing(t("integer"), t("text")));
        assertNull(TypeWidth.narrowing(t("timestamp without time zone"), t("timestamp with time zone")));
        assertNotNull(TypeWidth.narrowing(t("timestamp with time zone"), t("timestamp without time zone")));
    }
}
