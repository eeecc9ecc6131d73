package dev.migrationreview.config;

/** A config file problem, naming the file, the key and the line so the user can fix it. */
public class ConfigException extends RuntimeException {
    private final String file;
    private final String key;
    private final int line;

    public ConfigException(String file, String key, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (key != null ? ": " + key : "") + ": " + problem);
        this.file = file;
        this.key = key;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public String key() {
        return key;
    }

    public int line() {
        return line;
    }
}
