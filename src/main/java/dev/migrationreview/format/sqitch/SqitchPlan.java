package dev.migrationreview.format.sqitch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code sqitch.plan}: the changes in deploy order, with the deploy script each one runs. A change reworked
 * later in the plan keeps its earlier script as {@code deploy/<name>@<tag>.sql}, where the tag is the first
 * one after that earlier change.
 */
final class SqitchPlan {
    private static final Pattern TAG = Pattern.compile("@(\\S+).*");
    private static final Pattern CHANGE = Pattern.compile("[+]?([^\\s@:#\\[\\]]+).*");

    /** @param name the change; @param scriptName the deploy script's name without {@code .sql} */
    record Change(String name, String scriptName) {}

    private SqitchPlan() {}

    static List<Change> parse(String plan) {
        List<String> names = new ArrayList<>();
        List<String> tagAfter = new ArrayList<>();
        for (String raw : plan.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("%") || line.startsWith("-")) {
                continue;
            }
            Matcher tag = TAG.matcher(line);
            if (tag.matches()) {
                for (int i = tagAfter.size() - 1; i >= 0 && tagAfter.get(i) == null; i--) {
                    tagAfter.set(i, tag.group(1));
                }
                continue;
            }
            Matcher change = CHANGE.matcher(line);
            if (change.matches()) {
                names.add(change.group(1));
                tagAfter.add(null);
            }
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean reworkedLater = names.subList(i + 1, names.size()).contains(name);
            String script = reworkedLater && tagAfter.get(i) != null ? name + "@" + tagAfter.get(i) : name;
            changes.add(new Change(name, script));
        }
        return changes;
    }

    /** A {@code sqitch.conf} setting from its {@code [core]} section ({@code top_dir}, {@code deploy_dir}), or null. */
    static String coreSetting(String conf, String key) {
        boolean core = false;
        for (String raw : conf.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                core = line.toLowerCase(Locale.ROOT).replace(" ", "").equals("[core]");
                continue;
            }
            if (!core || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase(key)) {
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }
}
