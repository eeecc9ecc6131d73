package dev.migrationreview.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operator's port: the status page ({@code GET /}) and health with details ({@code GET /health}),
 * on their own listener bound to loopback by default, so that what they show (installations, pull
 * requests, errors) never reaches the public port GitHub's webhooks come in on. Reach it on the host, or
 * through an SSH tunnel; bind it elsewhere (MANAGEMENT_HOST) only behind your own access control.
 */
@Singleton
public class ManagementServer implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

    private final OperatorStatus status;
    private final ObjectMapper json;
    private final String host;
    private final int port;
    private final SecureRandom random = new SecureRandom();
    private HttpServer server;
    private ExecutorService executor;

    public ManagementServer(OperatorStatus status, ObjectMapper json,
                            @Value("${migration-review.management.host:127.0.0.1}") String host,
                            @Value("${migration-review.management.port:3001}") int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalStateException("migration-review.management.port (MANAGEMENT_PORT) must be a port number, "
                    + "0 for any free port or -1 for none, got " + port);
        }
        this.status = status;
        this.json = json;
        this.host = host.isBlank() ? "127.0.0.1" : host.trim();
        this.port = port;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (port < 0 || server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            // the reviews matter more than the page about them: say so loudly and keep serving webhooks
            LOG.error("The operator's status page could not listen on {}:{} ({}); set MANAGEMENT_PORT to a free port "
                    + "(or -1 for none). Reviews continue.", host, port, e.getMessage());
            return;
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "management-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Operator's status page: http://{}:{}/ (management port)", host.contains(":") ? "[" + host + "]" : host,
                server.getAddress().getPort());
    }

    /** The bound port, or -1 when the page is off or not started. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            try {
                switch (path) {
                    case "/", "/status" -> send(exchange, 200, "text/html; charset=utf-8", StatusPage.render(status.snapshot()));
                    case "/health" -> health(exchange);
                    default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: the status page is at /\n");
                }
            } catch (RuntimeException e) {
                String reference = HexFormat.of().formatHex(bytes());
                LOG.error("Internal error {} answering {} on the management port", reference, path, e);
                send(exchange, 500, "text/plain; charset=utf-8",
                        "internal error; the server's log has the details under reference " + reference + "\n");
            }
        }
    }

    private byte[] bytes() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return bytes;
    }

    private void health(HttpExchange exchange) throws IOException {
        OperatorStatus.Snapshot s = status.snapshot();
        boolean up = s.storeReachable() && s.schedulerRunning();
        ObjectNode body = json.createObjectNode().put("status", up ? "UP" : "DOWN");
        ObjectNode details = body.putObject("details");
        details.put("store", s.storeReachable() ? "UP" : "DOWN");
        details.put("jobs", s.schedulerRunning() ? "UP" : "DOWN");
        details.put("queued", s.waiting());
        details.put("running", s.running());
        send(exchange, up ? 200 : 503, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
