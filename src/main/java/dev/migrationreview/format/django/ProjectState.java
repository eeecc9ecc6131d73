package dev.migrationreview.format.django;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models of every app as the migrations applied so far leave them: what Django's {@code ProjectState} holds,
 * read from the operations instead of imported from code. Replaying a project means applying each migration,
 * in graph order, to one {@code ProjectState} with {@link DjangoTranslator#apply}; the state then holds what the
 * next migration meets. One review owns its state: it is not shared between threads.
 */
public final class ProjectState {
    private final Map<String, ModelState> models;
    private final Map<String, String> swappable;

    /** An empty project; {@code AUTH_USER_MODEL} is Django's default {@code auth.User}. */
    public ProjectState() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(Map.of("AUTH_USER_MODEL", "auth.User")));
    }

    private ProjectState(Map<String, ModelState> models, Map<String, String> swappable) {
        this.models = models;
        this.swappable = swappable;
    }

    /** Sets a swappable model setting read from the project's settings ({@code AUTH_USER_MODEL = "accounts.User"}). */
    public void setSwappable(String setting, String model) {
        swappable.put(setting, model);
    }

    /** The model a swappable setting names ({@code auth.User} for {@code AUTH_USER_MODEL} by default). */
    public Optional<String> swappable(String setting) {
        return Optional.ofNullable(swappable.get(setting));
    }

    public Optional<ModelState> model(String app, String name) {
        return Optional.ofNullable(models.get(key(app, name)));
    }

    public void put(ModelState model) {
        models.put(key(model.app(), model.name()), model);
    }

    public void remove(String app, String name) {
        models.remove(key(app, name));
    }

    /** Every model, in the order they were created. */
    public Iterable<ModelState> models() {
        return models.values();
    }

    /** A copy to change without changing this one (a {@code SeparateDatabaseAndState}'s database side). */
    public ProjectState copy() {
        return new ProjectState(new LinkedHashMap<>(models), new LinkedHashMap<>(swappable));
    }

    private static String key(String app, String name) {
        return app + "." + name.toLowerCase(Locale.ROOT);
    }
}
