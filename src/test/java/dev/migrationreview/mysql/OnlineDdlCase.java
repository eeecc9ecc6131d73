package dev.migrationreview.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One case of the MySQL/MariaDB real-server catalogue, {@code src/test/resources/mysql-ddl/catalogue.sql}; every case
 * runs after {@code mysql-ddl/base.sql} in a fresh database:
 * <pre>
 * -- case: add-column-first          (the case's name)
 * -- servers: mysql-8.0, mariadb     (optional: releases, or mysql/mariadb for all of one product; default all)
 * -- table: t                        (optional: the table a second session reads in an open transaction while the
 *                                     statement runs, so its metadata locks are caught waiting; default t)
 * -- history                         (optional: statements after base.sql)
 * ALTER TABLE t ADD COLUMN x int;
 * -- statement                       (one statement, without ALGORITHM=/LOCK= unless the case is about them)
 * ALTER TABLE t ADD COLUMN c int FIRST;
 * </pre>
 */
record OnlineDdlCase(String name, Set<String> servers, String table, List<String> history, String statement) {

    static final String DIRECTORY = "mysql-ddl";

    boolean runsOn(RealMysql.Release release) {
        return servers.isEmpty() || servers.contains(release.label) || servers.contains(release.mariadb ? "mariadb" : "mysql");
    }

    /** The statement names its own ALGORITHM= or LOCK=: it runs as written, and the server accepts or refuses it. */
    boolean explicit() {
        return statement.toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\b(ALGORITHM|LOCK)\\s*=.*");
    }

    static List<String> base() {
        return statements(read("base.sql"));
    }

    static List<OnlineDdlCase> all() {
        String text = read("catalogue.sql");
        List<OnlineDdlCase> out = new ArrayList<>();
        String name = null;
        Set<String> servers = new LinkedHashSet<>();
        String table = "t";
        StringBuilder history = new StringBuilder();
        StringBuilder statement = new StringBuilder();
        StringBuilder current = null;
        int lineNo = 0;
        for (String line : (text + "\n-- case: end-of-file").split("\n", -1)) {
            lineNo++;
            String t = line.strip();
            if (t.startsWith("-- case:")) {
                if (name != null) {
                    if (statement.toString().isBlank()) {
                        throw new IllegalStateException(DIRECTORY + "/catalogue.sql:" + lineNo + ": case " + name + " has no statement");
                    }
                    out.add(new OnlineDdlCase(name, Set.copyOf(servers), table, statements(history.toString()),
                            statement.toString().strip().replaceFirst(";$", "")));
                }
                name = t.substring("-- case:".length()).strip();
                servers = new LinkedHashSet<>();
                table = "t";
                history = new StringBuilder();
                statement = new StringBuilder();
                current = null;
            } else if (t.startsWith("-- servers:")) {
                for (String s : t.substring("-- servers:".length()).split(",")) {
                    servers.add(s.strip());
                }
            } else if (t.startsWith("-- table:")) {
                table = t.substring("-- table:".length()).strip();
            } else if (t.equals("-- history")) {
                current = history;
            } else if (t.equals("-- statement")) {
                current = statement;
            } else if (t.startsWith("--") || t.isEmpty()) {
                continue;
            } else if (current == null) {
                throw new IllegalStateException(DIRECTORY + "/catalogue.sql:" + lineNo + ": SQL outside a history or statement section");
            } else {
                current.append(line).append('\n');
            }
        }
        return out;
    }

    /** Statements end with a semicolon at the end of a line (the catalogue's own convention; no DELIMITER blocks). */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            s.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                out.add(s.toString().strip().replaceFirst(";$", ""));
                s.setLength(0);
            }
        }
        if (!s.toString().isBlank()) {
            out.add(s.toString().strip());
        }
        return out;
    }

    /** "<server label> <case>" to the disagreement already reported, from known-disagreements.txt. */
    static java.util.Map<String, String> knownDisagreements() {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String line : read("known-disagreements.txt").split("\n")) {
            String t = line.strip();
            int colon = t.indexOf(':');
            if (!t.isEmpty() && !t.startsWith("#") && colon > 0) {
                out.put(t.substring(0, colon).strip(), t.substring(colon + 1).strip());
            }
        }
        return out;
    }

    private static String read(String file) {
        String path = DIRECTORY + "/" + file;
        try (InputStream in = OnlineDdlCase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
