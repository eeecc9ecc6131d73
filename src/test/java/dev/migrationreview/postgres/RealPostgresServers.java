package dev.migrationreview.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real servers of one test run, shared by every suite that declares this extension: each version starts
 * once however many suites use it (starting one costs seconds), and all stop when the run ends (the registry
 * lives in the root store, which closes it).
 */
final class RealPostgresServers implements BeforeAllCallback, ParameterResolver, AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealPostgresServers.class);

    private final Map<Integer, RealPostgres> started = new TreeMap<>();

    /** The running server of {@code version}, started on first use. */
    synchronized RealPostgres server(int version) throws IOException {
        RealPostgres s = started.get(version);
        if (s == null) {
            s = RealPostgres.start(version);
            started.put(version, s);
        }
        return s;
    }

    @Override
    public synchronized void close() throws IOException {
        for (RealPostgres server : started.values()) {
            server.close();
        }
        started.clear();
    }

    /** PostgreSQL will not start as root: a suite run as root is skipped, saying how to run it. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Assumptions.assumeFalse(Integer.valueOf(0).equals(uid),
                "PostgreSQL refuses to run as root: run this suite through .ci/run, which runs the build as the unprivileged user mrci");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealPostgresServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RealPostgresServers.class, k -> new RealPostgresServers(),
                RealPostgresServers.class);
    }
}
