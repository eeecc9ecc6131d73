package dev.migrationreview.format.rails;

import java.util.Optional;

/**
 * The Rails version a {@code Gemfile.lock} resolved: its {@code rails} spec (four spaces, {@code rails (8.0.2.1)}),
 * else {@code activerecord}'s, for applications that use ActiveRecord without the whole framework. The lock file
 * is Bundler's own line format, not Ruby.
 */
final class GemfileLock {
    private GemfileLock() {}

    static Optional<String> railsVersion(String text) {
        String activerecord = null;
        boolean inSpecs = false;
        for (String line : text.split("\r?\n", -1)) {
            if (!line.startsWith(" ")) {
                inSpecs = false;
                continue;
            }
            if (line.equals("  specs:")) {
                inSpecs = true;
                continue;
            }
            // a resolved spec is indented by exactly four spaces; its dependencies by six
            if (!inSpecs || !line.startsWith("    ") || line.startsWith("     ")) {
                continue;
            }
            String spec = line.trim();
            int open = spec.indexOf(" (");
            if (open < 0 || !spec.endsWith(")")) {
                continue;
            }
            String name = spec.substring(0, open);
            String version = spec.substring(open + 2, spec.length() - 1);
            int platform = version.indexOf('-');
            if (platform > 0) {
                version = version.substring(0, platform);
            }
            if (name.equals("rails")) {
                return Optional.of(version);
            }
            if (name.equals("activerecord")) {
                activerecord = version;
            }
        }
        return Optional.ofNullable(activerecord);
    }
}
