package dev.migrationreview.setup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the two GitHub endpoints of the manifest flow, on a loopback port: the page that
 * receives the registration form (github.com/settings/apps/new), and the API call that converts the
 * code (POST /app-manifests/{code}/conversions, answered as GitHub's REST reference documents it).
 */
public final class FakeGitHubRegistration implements AutoCloseable {
    public static final String GOOD_CODE = "a180b1a3d263c81bc6441d7b990bae27d4c10679";

    public record Received(String method, URI uri, String body) {
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final String pem;

    public FakeGitHubRegistration(String pem) {
        this.pem = pem;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), body));
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.matches("/app-manifests/[^/]+/conversions")) {
            if (path.equals("/app-manifests/" + GOOD_CODE + "/conversions")) {
                respond(exchange, 201, "application/json", conversion());
            } else {
                respond(exchange, 404, "application/json",
                        "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}");
            }
        } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/settings/apps/new")) {
            respond(exchange, 200, "text/html", "<html><body>registration form received</body></html>");
        } else {
            respond(exchange, 404, "text/plain", "not part of the manifest flow");
        }
    }

    private String conversion() {
        String escapedPem = pem.replace("\n", "\\n");
        return "{\"id\":1,\"slug\":\"octoapp\",\"node_id\":\"MDxOkludGVncmF0aW9uMQ==\",\"owner\":{\"login\":\"github\",\"id\":1},"
                + "\"name\":\"Octocat App\",\"description\":\"\",\"external_url\":\"https://example.com\","
                + "\"html_url\":\"https://github.com/apps/octoapp\",\"created_at\":\"2017-07-08T16:18:44-04:00\","
                + "\"updated_at\":\"2017-07-08T16:18:44-04:00\",\"permissions\":{\"metadata\":\"read\",\"contents\":\"read\"},"
                + "\"events\":[\"pull_request\"],\"client_id\":\"Iv1.8a61f9b3a7aba766\","
                + "\"client_secret\":\"1726be1638095a19edd134c77bde3aa2ece1e5d8\","
                + "\"webhook_secret\":\"e340154128314309424b7c8e90325147d99fdafa\",\"pem\":\"" + escapedPem + "\"}";
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
