package dev.migrationreview.format.django;

import dev.migrationreview.format.django.PythonValue.Call;
import dev.migrationreview.format.django.PythonValue.Name;
import dev.migrationreview.format.django.PythonValue.NoneValue;
import dev.migrationreview.format.django.PythonValue.Num;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model field in the project state: its name and its definition as the migration wrote it
 * ({@code models.CharField(max_length=20, null=True)}). What Django derives from the definition (column, type
 * family, nullability, indexes) is read from its keyword arguments with Django's own defaults.
 */
public record FieldState(String name, Call definition) {
    /** Relations stored as a column holding the other row's key. Third-party subclasses are read as such. */
    private static final Set<String> FOREIGN_KEYS = Set.of("ForeignKey", "OneToOneField", "ParentalKey", "TreeForeignKey",
            "TreeOneToOneField", "GenericForeignKey");
    private static final Set<String> MANY_TO_MANY = Set.of("ManyToManyField", "ParentalManyToManyField", "TreeManyToManyField",
            "SortedManyToManyField");
    /** Fields that are relations managed elsewhere: no column on this model's table. */
    private static final Set<String> NO_COLUMN = Set.of("GenericForeignKey", "GenericRelation", "TaggableManager");
    /** Field classes that are CharFields with Django's own default {@code max_length}. */
    private static final Map<String, Integer> DEFAULT_MAX_LENGTH = Map.of("EmailField", 254, "SlugField", 50, "URLField", 200,
            "FileField", 100, "ImageField", 100, "FilePathField", 100, "CommaSeparatedIntegerField", 255);

    /** The field class ({@code CharField}). */
    public String kind() {
        return definition.name();
    }

    public boolean isForeignKey() {
        return FOREIGN_KEYS.contains(kind()) && !"GenericForeignKey".equals(kind());
    }

    public boolean isManyToMany() {
        return MANY_TO_MANY.contains(kind());
    }

    /** A field with no column of its own (a reverse or generic relation, a many-to-many's through table). */
    public boolean hasColumn() {
        return !isManyToMany() && !NO_COLUMN.contains(kind());
    }

    /** The column: {@code db_column}, else the name, with {@code _id} for a foreign key. */
    public String column() {
        String dbColumn = definition.string("db_column", -1);
        if (dbColumn != null) {
            return dbColumn;
        }
        return isForeignKey() ? name + "_id" : name;
    }

    public boolean primaryKey() {
        return definition.flag("primary_key", false);
    }

    public boolean nullable() {
        return definition.flag("null", false);
    }

    /** {@code unique=True}, a primary key, or a one-to-one relation. */
    public boolean unique() {
        return primaryKey() || definition.flag("unique", "OneToOneField".equals(kind()) || "TreeOneToOneField".equals(kind()));
    }

    /** {@code db_index}, by default true for foreign keys and slugs. */
    public boolean dbIndex() {
        return definition.flag("db_index", isForeignKey() || "SlugField".equals(kind()));
    }

    /** Whether Django adds an index of its own for the field (an index that is not a unique constraint's). */
    public boolean indexed() {
        return dbIndex() && !unique();
    }

    /** {@code max_length}, with the defaults of EmailField, SlugField, URLField, FileField. */
    public Optional<String> maxLength() {
        Optional<PythonValue> v = definition.kwarg("max_length");
        if (v.isPresent()) {
            return v.get() instanceof Num n ? Optional.of(n.value()) : v.get() instanceof NoneValue ? Optional.empty()
                    : Optional.of(v.get().text());
        }
        Integer d = DEFAULT_MAX_LENGTH.get(kind());
        return d == null ? Optional.empty() : Optional.of(String.valueOf(d));
    }

    /** {@code default=}, when written and not {@code NOT_PROVIDED}. */
    public Optional<PythonValue> defaultValue() {
        return definition.kwarg("default").filter(v -> !(v instanceof Name n && n.last().equals("NOT_PROVIDED")));
    }

    /** {@code db_default=} (Django 5.0+): a default the database keeps. */
    public Optional<PythonValue> dbDefault() {
        return definition.kwarg("db_default").filter(v -> !(v instanceof Name n && n.last().equals("NOT_PROVIDED")));
    }

    /** The related model as written: {@code "orders.Order"}, {@code "Order"} or {@code settings.AUTH_USER_MODEL}. */
    public Optional<PythonValue> target() {
        return definition.arg("to", 0);
    }

    /** The same field with keyword arguments replaced (a {@code preserve_default=False} default dropped). */
    public FieldState without(String keyword) {
        java.util.LinkedHashMap<String, PythonValue> kwargs = new java.util.LinkedHashMap<>(definition.kwargs());
        kwargs.remove(keyword);
        return new FieldState(name, new Call(definition.callee(), definition.args(), kwargs, definition.startLine(),
                definition.endLine(), definition.text()));
    }

    public FieldState renamed(String newName) {
        return new FieldState(newName, definition);
    }
}
