package dev.migrationreview.mysql;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real MySQL and MariaDB servers of one test run, shared by every suite that declares this extension: each
 * release starts once however many suites use it (starting one costs seconds), and all stop when the run ends
 * (the registry lives in the root store, which closes it).
 */
final class RealMysqlServers implements ParameterResolver, AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealMysqlServers.class);

    private final Map<RealMysql.Release, RealMysql> started = new EnumMap<>(RealMysql.Release.class);

    /** The running server of {@code release}, started on first use. */
    synchronized RealMysql server(RealMysql.Release release) throws IOException, InterruptedException {
        RealMysql s = started.get(release);
        if (s == null) {
            s = RealMysql.start(release);
            started.put(release, s);
            System.out.printf("started %s in %d ms%n", s.describe(), s.startMillis);
        }
        return s;
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (RealMysql server : started.values()) {
            try {
                server.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealMysqlServers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RealMysqlServers.class, k -> new RealMysqlServers(),
                RealMysqlServers.class);
    }
}
