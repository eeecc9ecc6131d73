package dev.migrationreview.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Exchanges the code GitHub hands back after a manifest registration for the new app's id, key and
 * webhook secret (POST /app-manifests/{code}/conversions; no authentication: the code is the secret,
 * valid for one hour and one use).
 */
@Singleton
public class ManifestConversion {
    private final ServerSettings settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public ManifestConversion(ServerSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public RegisteredApp convert(String code) throws IOException, InterruptedException {
        URI uri = URI.create(settings.apiUrl() + "/app-manifests/" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "/conversions");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "migration-review")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            String message = response.body() == null ? "" : response.body();
            throw new IOException("GitHub answered " + response.statusCode() + " to POST " + uri.getPath()
                    + (message.isBlank() ? "" : ": " + abbreviate(message))
                    + " (the code is valid for one hour and one use; register again from the home page)");
        }
        JsonNode app = json.readTree(response.body());
        String id = app.path("id").asText("");
        String pem = app.path("pem").asText("");
        String secret = app.path("webhook_secret").asText("");
        if (id.isEmpty() || pem.isEmpty() || secret.isEmpty()) {
            throw new IOException("GitHub's answer to POST " + uri.getPath() + " lacks id, pem or webhook_secret");
        }
        return new RegisteredApp(id, app.path("slug").asText(""), app.path("client_id").asText(""),
                app.path("html_url").asText(""), pem, secret);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
