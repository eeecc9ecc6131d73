package dev.migrationreview.format.rails;

/** A Rails project file ({@code config/database.yml}, {@code Gemfile.lock}) that cannot be read, and where. */
public final class RailsProjectException extends RuntimeException {
    private final String path;
    private final int line;

    public RailsProjectException(String path, int line, String message) {
        super(path + (line > 0 ? ":" + line : "") + ": " + message);
        this.path = path;
        this.line = line;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }
}
