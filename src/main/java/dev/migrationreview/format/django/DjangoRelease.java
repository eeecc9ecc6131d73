package dev.migrationreview.format.django;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Django release a project runs, as its dependency files say: a lock file ({@code poetry.lock}, {@code uv.lock})
 * names the exact release; a {@code ==} pin in {@code requirements*.txt} or {@code pyproject.toml} comes next; a
 * range ({@code >=4.2,<5}, {@code ~=5.0}, {@code ^4.2}) gives its lowest release. What the schema editor writes
 * changed between releases ({@code db_default} from 5.0), so the translation follows it.
 *
 * @param version the release as written ({@code 4.2.7}, {@code 5.0})
 * @param source  the file that says it, or null for the default
 * @param exact   whether the file pins this exact release (a lock or {@code ==})
 */
public record DjangoRelease(String version, String source, boolean exact) {
    /** The release assumed without a dependency file: the current long-term support release. */
    public static final DjangoRelease DEFAULT = new DjangoRelease("5.2", null, false);

    /** Dependency files' names, read in this order of trust (locks first). */
    static final List<String> LOCKS = List.of("poetry.lock", "uv.lock");

    private static final Pattern TOML_NAME = Pattern.compile("^name\\s*=\\s*\"([^\"]+)\"\\s*$");
    private static final Pattern TOML_VERSION = Pattern.compile("^version\\s*=\\s*\"([^\"]+)\"\\s*$");
    /** A requirement on Django (PEP 508): {@code Django[argon2]>=4.2,<5.0 ; python_version >= "3.10"}. */
    private static final Pattern REQUIREMENT = Pattern.compile(
            "(?:^|[\"'\\[,\\s])django\\s*(?:\\[[^\\]]*\\])?\\s*(?<spec>(?:[<>=!~^]=?=?\\s*[0-9][0-9A-Za-z.*]*\\s*,?\\s*)+)",
            Pattern.CASE_INSENSITIVE);
    /** Poetry's {@code django = "^4.2"} or {@code Django = {version = "^4.2", extras = [...]}}. */
    private static final Pattern POETRY = Pattern.compile(
            "^\\s*django\\s*=\\s*(?:\\{[^}]*version\\s*=\\s*)?\"(?<spec>[^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE = Pattern.compile("(?<op>===|==|>=|~=|\\^|~|>|<=|<|!=)?\\s*(?<v>[0-9][0-9A-Za-z.*]*)");

    public DjangoRelease {
        version = version.strip();
    }

    /** The major release ({@code 4} of {@code 4.2.7}). */
    public int major() {
        return part(0);
    }

    /** The feature release ({@code 2} of {@code 4.2.7}). */
    public int minor() {
        return part(1);
    }

    /** Whether this release is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return major() > major || (major() == major && minor() >= minor);
    }

    private int part(int index) {
        String[] parts = version.split("\\.");
        if (index >= parts.length) {
            return 0;
        }
        Matcher digits = Pattern.compile("^\\d+").matcher(parts[index]);
        return digits.find() ? Integer.parseInt(digits.group()) : 0;
    }

    /** A file that could name the release: a lock, a requirements file, {@code pyproject.toml}. */
    static boolean isDependencyFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return LOCKS.contains(lower) || lower.equals("pyproject.toml")
                || (lower.startsWith("requirements") && (lower.endsWith(".txt") || lower.endsWith(".in")));
    }

    /** What one dependency file says about Django, if anything. */
    static Optional<DjangoRelease> of(String path, String content) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (LOCKS.contains(name)) {
            return locked(path, content);
        }
        boolean pyproject = name.equals("pyproject.toml");
        for (String line : content.split("\n")) {
            String code = line.strip();
            if (code.startsWith("#")) {
                continue;
            }
            Matcher m = REQUIREMENT.matcher(code);
            if (m.find()) {
                Optional<DjangoRelease> r = fromSpec(m.group("spec"), path);
                if (r.isPresent()) {
                    return r;
                }
            }
            if (pyproject) {
                Matcher p = POETRY.matcher(code);
                if (p.find()) {
                    Optional<DjangoRelease> r = fromSpec(p.group("spec"), path);
                    if (r.isPresent()) {
                        return r;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The best of what several files say: an exact release before a range, a lock before a pin. */
    static DjangoRelease best(List<DjangoRelease> found) {
        List<DjangoRelease> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing((DjangoRelease r) -> !r.exact())
                .thenComparing(r -> !LOCKS.contains(r.source().substring(r.source().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)))
                .thenComparing(DjangoRelease::source));
        return sorted.isEmpty() ? DEFAULT : sorted.get(0);
    }

    /** {@code [[package]] name = "django" version = "4.2.7"} in a TOML lock file. */
    private static Optional<DjangoRelease> locked(String path, String content) {
        boolean inDjango = false;
        for (String raw : content.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                inDjango = false;
                continue;
            }
            Matcher n = TOML_NAME.matcher(line);
            if (n.matches()) {
                inDjango = n.group(1).equalsIgnoreCase("django");
                continue;
            }
            Matcher v = TOML_VERSION.matcher(line);
            if (inDjango && v.matches()) {
                return Optional.of(new DjangoRelease(v.group(1), path, true));
            }
        }
        return Optional.empty();
    }

    /** {@code ==4.2.7} is exact; otherwise the lowest release a range allows ({@code >=4.2,<5} gives 4.2). */
    private static Optional<DjangoRelease> fromSpec(String spec, String path) {
        String lowest = null;
        Matcher c = CLAUSE.matcher(spec);
        while (c.find()) {
            String op = c.group("op") == null ? "==" : c.group("op");
            String v = c.group("v").replace(".*", "");
            if (op.equals("==") || op.equals("===")) {
                if (!c.group("v").contains("*")) {
                    return Optional.of(new DjangoRelease(v, path, true));
                }
                lowest = v;
            } else if (op.equals(">=") || op.equals("~=") || op.equals("^") || op.equals("~") || op.equals(">")) {
                lowest = v;
            }
        }
        return lowest == null ? Optional.empty() : Optional.of(new DjangoRelease(lowest, path, false));
    }
}
