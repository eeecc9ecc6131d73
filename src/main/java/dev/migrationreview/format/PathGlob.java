package dev.migrationreview.format;

import java.util.regex.Pattern;

/**
 * A path pattern from config ({@code ignore-paths}, {@code migrations[].path}): {@code **} crosses
 * directories, {@code *} and {@code ?} stay within one, {@code {a,b}} is either. A pattern also matches
 * everything below a directory it matches, so {@code db/legacy} excludes the whole directory.
 */
public record PathGlob(String pattern, Pattern regex) {

    public static PathGlob of(String pattern) {
        String p = pattern.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return new PathGlob(pattern, Pattern.compile(toRegex(p) + "(/.*)?"));
    }

    /** True when {@code text} contains glob syntax rather than naming one path. */
    public static boolean isGlob(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '{' || c == '[');
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            re.append("(?:.*/)?"); // "**/" also matches no directory at all
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close > i + 1) {
                        String set = glob.substring(i + 1, close);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        re.append('[').append(set.replace("\\", "\\\\")).append(']');
                        i = close;
                    } else {
                        re.append("\\[");
                    }
                }
                default -> {
                    if ("\\.^$|()+".indexOf(c) >= 0) {
                        re.append('\\');
                    }
                    re.append(c);
                }
            }
        }
        return re.toString();
    }
}
