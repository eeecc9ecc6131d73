package dev.migrationreview.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Answers every error no more specific handler took with a generic 500 and a reference id, and logs
 * the exception under that id. Exception messages carry SQL, file paths and store internals: they go
 * to the operator's log, never to whoever sent the request.
 */
@Singleton
@Produces(MediaType.TEXT_PLAIN)
@Requires(classes = {Exception.class, ExceptionHandler.class})
public class InternalErrorHandler implements ExceptionHandler<Exception, HttpResponse<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(InternalErrorHandler.class);

    private final SecureRandom random = new SecureRandom();

    @Override
    public HttpResponse<String> handle(HttpRequest request, Exception exception) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        String reference = HexFormat.of().formatHex(bytes);
        LOG.error("Internal error {} answering {} {}", reference, request.getMethodName(), request.getPath(), exception);
        return HttpResponse.<String>status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("internal error; the server's log has the details under reference " + reference + "\n");
    }
}
