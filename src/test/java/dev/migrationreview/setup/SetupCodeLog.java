package dev.migrationreview.setup;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the set-up code where the operator does: in the server's log. Attach before the server starts. */
final class SetupCodeLog implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("\\n\\s+([2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5})\\n");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SetupCode.class);

    SetupCodeLog() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The latest code the server printed. */
    String code() {
        List<ILoggingEvent> events = List.copyOf(appender.list);
        for (int i = events.size() - 1; i >= 0; i--) {
            Matcher matcher = CODE.matcher(events.get(i).getFormattedMessage());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no set-up code in the log: " + events);
    }

    /** POSTs a code to /setup/unlock the way the page's form does. */
    static HttpResponse<String> unlock(URI server, String code) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/setup/unlock"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie of a successful unlock, as "name=value" for a Cookie header. */
    static String sessionCookie(HttpResponse<?> unlocked) {
        String setCookie = unlocked.headers().firstValue("Set-Cookie")
                .orElseThrow(() -> new AssertionError("no Set-Cookie in " + unlocked.headers()));
        return setCookie.split(";", 2)[0];
    }

    static HttpResponse<String> get(URI uri, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
