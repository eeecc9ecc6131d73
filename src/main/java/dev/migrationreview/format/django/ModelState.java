package dev.migrationreview.format.django;

import dev.migrationreview.format.django.PythonValue.Bool;
import dev.migrationreview.format.django.PythonValue.Call;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A model in the project state, as the migrations built it so far: its app label, its name as written, its fields
 * in order, its options ({@code db_table}, {@code unique_together}, {@code managed}, ...) and its
 * {@code Meta.indexes} and {@code Meta.constraints}.
 */
public record ModelState(String app, String name, List<FieldState> fields, Map<String, PythonValue> options,
        List<Call> indexes, List<Call> constraints) {
    public ModelState {
        fields = List.copyOf(fields);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
    }

    /** The model's key in the state: its name in lower case. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code db_table}, else Django's {@code <app_label>_<model name in lower case>}. */
    public String table(DjangoNames names) {
        PythonValue dbTable = options.get("db_table");
        if (dbTable instanceof PythonValue.Str s) {
            return s.value();
        }
        return names.truncate(app + "_" + key());
    }

    /** Whether Django creates and alters a table for it: not {@code managed = False}, not a proxy. */
    public boolean managed() {
        return !(options.get("managed") instanceof Bool b && !b.value()) && !(options.get("proxy") instanceof Bool p && p.value());
    }

    public Optional<FieldState> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(fieldName)).findFirst();
    }

    /** The primary key field: the one with {@code primary_key=True}, else a field named {@code id}. */
    public Optional<FieldState> primaryKey() {
        return fields.stream().filter(FieldState::primaryKey).findFirst().or(() -> field("id"));
    }

    public ModelState withFields(UnaryOperator<List<FieldState>> change) {
        return new ModelState(app, name, change.apply(new ArrayList<>(fields)), options, indexes, constraints);
    }

    public ModelState withField(FieldState field) {
        return withFields(list -> {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).name().equalsIgnoreCase(field.name())) {
                    list.set(i, field);
                    return list;
                }
            }
            list.add(field);
            return list;
        });
    }

    public ModelState withoutField(String fieldName) {
        return withFields(list -> {
            list.removeIf(f -> f.name().equalsIgnoreCase(fieldName));
            return list;
        });
    }

    public ModelState withOption(String option, PythonValue value) {
        Map<String, PythonValue> changed = new LinkedHashMap<>(options);
        if (value == null) {
            changed.remove(option);
        } else {
            changed.put(option, value);
        }
        return new ModelState(app, name, fields, changed, indexes, constraints);
    }

    public ModelState withName(String newName) {
        return new ModelState(app, newName, fields, options, indexes, constraints);
    }

    public ModelState withIndexes(List<Call> newIndexes) {
        return new ModelState(app, name, fields, options, newIndexes, constraints);
    }

    public ModelState withConstraints(List<Call> newConstraints) {
        return new ModelState(app, name, fields, options, indexes, newConstraints);
    }
}
