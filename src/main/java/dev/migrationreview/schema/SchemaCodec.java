package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.TypeName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A replayed history ({@link SchemaReplay.Result}) as bytes, written field by field. Java serialization of the
 * schema records cost a fresh process 40–100 ms per read (it sets up method handles for every record class before
 * the first object), more than the rest of reading the entry; this reads the same schema in a few milliseconds.
 * Each distinct string is written once and referred to by number after that (column, type and schema names repeat
 * thousands of times in a long history).
 *
 * <p>The bytes start with a magic number and {@link #VERSION}: bytes of another version, another history's key,
 * truncated or foreign bytes read as nothing ({@link #read} is empty), never as a wrong schema. A record that gains a
 * component must be written here too, and {@link #VERSION} raised ({@code SchemaCodecTest} fails until it is).
 */
public final class SchemaCodec {
    /** Raised whenever what is written changes, so that an entry of the previous layout is a miss. */
    public static final int VERSION = 2;
    private static final int MAGIC = 0x4d525343; // "MRSC"
    private static final ConstraintType[] CONSTRAINT_TYPES = ConstraintType.values();

    private SchemaCodec() {
    }

    /** {@code result} as bytes, named by the history it replays (read back only under the same key). */
    public static byte[] write(String historyKey, SchemaReplay.Result result) {
        Out out = new Out();
        out.fixedInt(MAGIC);
        out.fixedInt(VERSION);
        out.string(historyKey);
        Schema schema = result.schema();
        out.size(schema.tables().size());
        schema.tables().forEach((name, table) -> {
            out.name(name);
            out.table(table);
        });
        out.size(schema.indexes().size());
        schema.indexes().forEach((name, index) -> {
            out.name(name);
            out.index(index);
        });
        out.size(schema.enums().size());
        schema.enums().forEach((name, type) -> {
            out.name(name);
            out.name(type.name());
            out.strings(type.values());
        });
        out.size(schema.views().size());
        schema.views().forEach((name, view) -> {
            out.name(name);
            out.name(view.name());
            out.bool(view.materialized());
            out.size(view.baseTables().size());
            view.baseTables().forEach(out::name);
            out.string(view.query());
        });
        out.size(schema.sequences().size());
        schema.sequences().forEach((name, sequence) -> {
            out.name(name);
            out.name(sequence.name());
            out.string(sequence.ownedBy());
        });
        out.strings(List.copyOf(schema.schemas()));
        out.string(schema.defaultSchema());
        out.size(schema.functionVolatility().size());
        schema.functionVolatility().forEach((name, volatility) -> {
            out.name(name);
            out.string(volatility);
        });
        out.strings(result.unmodelled());
        out.size(result.tooLarge().size());
        for (SchemaReplay.TooLarge file : result.tooLarge()) {
            out.string(file.path());
            out.fixedLong(file.bytes());
        }
        out.fixedInt(MAGIC);
        return out.bytes();
    }

    /** What {@link #write} wrote for {@code historyKey}; empty for anything else (another version or key, damaged bytes). */
    public static Optional<SchemaReplay.Result> read(byte[] bytes, String historyKey) {
        try {
            In in = new In(bytes);
            if (in.fixedInt() != MAGIC || in.fixedInt() != VERSION || !historyKey.equals(in.string())) {
                return Optional.empty();
            }
            int count = in.size();
            Map<QualifiedName, Table> tables = new HashMap<>(capacity(count));
            for (int i = 0; i < count; i++) {
                tables.put(in.name(), in.table());
            }
            count = in.size();
            Map<QualifiedName, Index> indexes = new HashMap<>(capacity(count));
            for (int i = 0; i < count; i++) {
                indexes.put(in.name(), in.index());
            }
            count = in.size();
            Map<QualifiedName, EnumType> enums = new HashMap<>(capacity(count));
            for (int i = 0; i < count; i++) {
                enums.put(in.name(), new EnumType(in.name(), in.strings()));
            }
            count = in.size();
            Map<QualifiedName, View> views = new HashMap<>(capacity(count));
            for (int i = 0; i < count; i++) {
                QualifiedName key = in.name();
                QualifiedName name = in.name();
                boolean materialized = in.bool();
                int bases = in.size();
                List<QualifiedName> baseTables = new ArrayList<>(bases);
                for (int b = 0; b < bases; b++) {
                    baseTables.add(in.name());
                }
                views.put(key, new View(name, materialized, baseTables, in.string()));
            }
            count = in.size();
            Map<QualifiedName, Sequence> sequences = new HashMap<>(capacity(count));
            for (int i = 0; i < count; i++) {
                sequences.put(in.name(), new Sequence(in.name(), in.string()));
            }
            Set<String> schemas = new HashSet<>(in.strings());
            String defaultSchema = in.string();
            count = in.size();
            Map<QualifiedName, String> functionVolatility = new HashMap<>(capacity(count));
            for (int i = 0; i < count; i++) {
                functionVolatility.put(in.name(), in.string());
            }
            List<String> unmodelled = in.strings();
            count = in.size();
            List<SchemaReplay.TooLarge> tooLarge = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tooLarge.add(new SchemaReplay.TooLarge(in.string(), in.fixedLong()));
            }
            if (in.fixedInt() != MAGIC || !in.atEnd()) {
                return Optional.empty();
            }
            return Optional.of(new SchemaReplay.Result(
                    new Schema(tables, indexes, enums, views, sequences, schemas, defaultSchema, functionVolatility), unmodelled,
                    tooLarge));
        } catch (RuntimeException e) {
            // truncated, foreign or of a layout this build does not write (a bad size, index or enum ordinal)
            return Optional.empty();
        }
    }

    private static int capacity(int entries) {
        return entries + entries / 3 + 1;
    }

    /** The writing side: variable-length numbers, and each distinct string once. */
    private static final class Out {
        private byte[] buffer = new byte[1 << 16];
        private int length;
        private final Map<String, Integer> written = new HashMap<>();

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        void fixedInt(int value) {
            ensure(4);
            buffer[length++] = (byte) (value >>> 24);
            buffer[length++] = (byte) (value >>> 16);
            buffer[length++] = (byte) (value >>> 8);
            buffer[length++] = (byte) value;
        }

        void fixedLong(long value) {
            fixedInt((int) (value >>> 32));
            fixedInt((int) value);
        }

        /** An unsigned number, seven bits a byte. */
        void size(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative size " + value);
            }
            ensure(5);
            while (value >= 0x80) {
                buffer[length++] = (byte) (value | 0x80);
                value >>>= 7;
            }
            buffer[length++] = (byte) value;
        }

        void bool(boolean value) {
            ensure(1);
            buffer[length++] = (byte) (value ? 1 : 0);
        }

        /** 0 for null, 1 and the text for a string not written before, 2 + its number for one that was. */
        void string(String value) {
            if (value == null) {
                size(0);
                return;
            }
            Integer number = written.get(value);
            if (number != null) {
                size(number + 2);
                return;
            }
            written.put(value, written.size());
            size(1);
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            size(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buffer, length, utf8.length);
            length += utf8.length;
        }

        void strings(List<String> values) {
            size(values.size());
            values.forEach(this::string);
        }

        void name(QualifiedName name) {
            if (name == null) {
                bool(false);
                return;
            }
            bool(true);
            string(name.schema());
            string(name.name());
        }

        void table(Table table) {
            name(table.name());
            size(table.columns().size());
            for (Column column : table.columns()) {
                string(column.name());
                TypeName type = column.type();
                if (type == null) {
                    bool(false);
                } else {
                    bool(true);
                    string(type.name());
                    size(type.modifiers().size());
                    type.modifiers().forEach(this::fixedInt);
                    size(type.arrayDimensions());
                    string(type.raw());
                }
                bool(column.notNull());
                string(column.defaultExpression());
                string(column.identity());
                string(column.generatedExpression());
                bool(column.generatedVirtual());
            }
            size(table.constraints().size());
            for (Constraint constraint : table.constraints()) {
                string(constraint.name());
                size(constraint.type() == null ? 0 : constraint.type().ordinal() + 1);
                strings(constraint.columns());
                name(constraint.referencedTable());
                strings(constraint.referencedColumns());
                string(constraint.expression());
                bool(constraint.validated());
            }
            string(table.partitionBy());
            name(table.partitionOf());
            bool(table.unlogged());
            string(table.partitionBound());
            size(table.instantColumnChanges());
        }

        void index(Index index) {
            name(index.name());
            name(index.table());
            bool(index.unique());
            strings(index.elements());
            string(index.where());
            string(index.method());
            bool(index.valid());
        }
    }

    /** The reading side; any inconsistency throws, and {@link #read} makes that a miss. */
    private static final class In {
        private final byte[] bytes;
        private int position;
        private final List<String> read = new ArrayList<>();

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean atEnd() {
            return position == bytes.length;
        }

        long fixedLong() {
            long high = fixedInt();
            return high << 32 | fixedInt() & 0xffffffffL;
        }

        int fixedInt() {
            if (position + 4 > bytes.length) {
                throw new IllegalStateException("truncated");
            }
            int value = (bytes[position] & 0xff) << 24 | (bytes[position + 1] & 0xff) << 16 | (bytes[position + 2] & 0xff) << 8
                    | bytes[position + 3] & 0xff;
            position += 4;
            return value;
        }

        int size() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                byte b = bytes[position++];
                value |= (b & 0x7f) << shift;
                if (b >= 0) {
                    if (value < 0) {
                        throw new IllegalStateException("size out of range");
                    }
                    return value;
                }
            }
            throw new IllegalStateException("size too long");
        }

        boolean bool() {
            byte b = bytes[position++];
            if (b != 0 && b != 1) {
                throw new IllegalStateException("not a boolean: " + b);
            }
            return b == 1;
        }

        String string() {
            int tag = size();
            if (tag == 0) {
                return null;
            }
            if (tag > 1) {
                return read.get(tag - 2);
            }
            int length = size();
            if (length > bytes.length - position) {
                throw new IllegalStateException("truncated");
            }
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            read.add(value);
            return value;
        }

        List<String> strings() {
            int count = size();
            List<String> values = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                values.add(string());
            }
            return values;
        }

        QualifiedName name() {
            return bool() ? new QualifiedName(string(), string()) : null;
        }

        Table table() {
            QualifiedName name = name();
            int count = size();
            List<Column> columns = new ArrayList<>(Math.min(count, 1 << 12));
            for (int i = 0; i < count; i++) {
                String columnName = string();
                TypeName type = null;
                if (bool()) {
                    String typeName = string();
                    int modifierCount = size();
                    List<Integer> modifiers = new ArrayList<>(Math.min(modifierCount, 16));
                    for (int m = 0; m < modifierCount; m++) {
                        modifiers.add(fixedInt());
                    }
                    type = new TypeName(typeName, modifiers, size(), string());
                }
                columns.add(new Column(columnName, type, bool(), string(), string(), string(), bool()));
            }
            count = size();
            List<Constraint> constraints = new ArrayList<>(Math.min(count, 1 << 12));
            for (int i = 0; i < count; i++) {
                String constraintName = string();
                int type = size();
                constraints.add(new Constraint(constraintName, type == 0 ? null : CONSTRAINT_TYPES[type - 1], strings(), name(),
                        strings(), string(), bool()));
            }
            return new Table(name, columns, constraints, string(), name(), bool(), string(), size());
        }

        Index index() {
            return new Index(name(), name(), bool(), strings(), string(), string(), bool());
        }
    }
}
