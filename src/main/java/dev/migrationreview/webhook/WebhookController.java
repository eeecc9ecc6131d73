package dev.migrationreview.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.jobs.ServiceMeters;
import dev.migrationreview.setup.AppCredentials;
import dev.migrationreview.setup.AppCredentialsStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.util.Optional;

/**
 * POST /webhooks. The signature is checked on the raw bytes before anything is parsed, so an
 * unsigned request costs one HMAC and leaves nothing behind.
 */
@Controller
public class WebhookController {
    private final AppCredentialsStore credentials;
    private final WebhookIntake intake;
    private final ObjectMapper json;
    private final ServiceMeters meters;

    public WebhookController(AppCredentialsStore credentials, WebhookIntake intake, ObjectMapper json, ServiceMeters meters) {
        this.credentials = credentials;
        this.intake = intake;
        this.json = json;
        this.meters = meters;
    }

    @Post(uri = "/webhooks", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> receive(@Header("X-GitHub-Event") @Nullable String event,
                                        @Header("X-GitHub-Delivery") @Nullable String deliveryId,
                                        @Header("X-Hub-Signature-256") @Nullable String signature,
                                        @Header("X-GitHub-Hook-ID") @Nullable String hookId,
                                        @Header("Content-Type") @Nullable String contentType,
                                        @Body byte @Nullable [] body) {
        // A metric tag per arbitrary header value would let anyone grow the registry without bound.
        String eventName = DeliveryHeaders.metricEvent(event);
        Optional<AppCredentials> app = credentials.current();
        if (app.isEmpty()) {
            meters.delivery(eventName, "unconfigured");
            return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body("migration-review is not set up yet: open this server's home page to register the GitHub App\n");
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (app.get().hasWebhookSecret() && !WebhookSignature.matches(app.get().webhookSecret(), raw, signature)) {
            meters.delivery(eventName, "unauthorized");
            return HttpResponse.<String>unauthorized().body(signature == null
                    ? "missing X-Hub-Signature-256 header\n"
                    : "X-Hub-Signature-256 does not match the body signed with the app's webhook secret\n");
        }
        DeliveryHeaders headers;
        try {
            headers = DeliveryHeaders.of(event, deliveryId, hookId);
        } catch (DeliveryHeaders.Invalid e) {
            meters.delivery(eventName, "invalid");
            return HttpResponse.<String>badRequest().body(e.getMessage() + "\n");
        }
        if (contentType != null && contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            meters.delivery(eventName, "invalid");
            return HttpResponse.<String>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .body("set the app's webhook content type to application/json\n");
        }
        JsonNode payload;
        try {
            payload = json.readTree(raw);
        } catch (JsonProcessingException e) {
            meters.delivery(eventName, "invalid");
            // the parser's own message would echo parts of the body and its internals: say where it broke only
            return HttpResponse.<String>badRequest().body("body is not JSON (error at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ", column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")\n");
        } catch (IOException e) {
            meters.delivery(eventName, "invalid");
            return HttpResponse.<String>badRequest().body("body could not be read\n");
        }
        if (payload == null || !payload.isObject()) {
            meters.delivery(eventName, "invalid");
            return HttpResponse.<String>badRequest().body("body is not a JSON object\n");
        }
        String appId = app.get().appId();
        WebhookIntake.Outcome outcome = intake.accept(headers.deliveryId(), headers.event(), payload, appId);
        if (outcome.status() == 204) {
            return HttpResponse.noContent();
        }
        return HttpResponse.<String>status(HttpStatus.valueOf(outcome.status()))
                .body(outcome.name() + ": " + outcome.message() + "\n");
    }
}
