package dev.migrationreview.format;

import java.util.ArrayList;
import java.util.List;

/** Repository-relative paths with {@code /}, as every {@link dev.migrationreview.fetch.RepositoryFiles} gives them. */
public final class PathNames {
    private PathNames() {}

    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The file name without {@code .sql}. */
    public static String baseName(String path) {
        String name = fileName(path);
        return name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static String join(String dir, String name) {
        if (dir.isEmpty() || dir.equals(".")) {
            return name;
        }
        if (name.isEmpty()) {
            return dir;
        }
        return dir + "/" + name;
    }

    public static String trimDotSlash(String p) {
        String s = p.replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s.equals(".") ? "" : s;
    }

    public static String trimSlashes(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Resolves {@code .} and {@code ..} in a repository-relative path. */
    public static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    /** The leading digits of a file name ({@code 0001} of {@code 0001_init.sql}), {@code 0} when there are none. */
    public static String leadingDigits(String name) {
        int i = 0;
        while (i < name.length() && Character.isDigit(name.charAt(i))) {
            i++;
        }
        return i == 0 ? "0" : name.substring(0, i);
    }
}
