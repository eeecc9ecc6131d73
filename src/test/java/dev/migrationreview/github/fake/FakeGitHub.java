package dev.migrationreview.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GitHub, in-process, for tests: a real HTTP server on a loopback port that holds every request against
 * GitHub's published REST description ({@link OpenApiContract}) — a request GitHub would not accept is
 * answered 400 and recorded as a violation the test fails on. Responses start from GitHub's own examples;
 * repository content (trees, blobs, pull request files with their real patches, contents, compare) comes
 * from a real git repository; check runs, reviews and comments are kept as state the test inspects. It can
 * be told to fail an operation N times or to rate-limit everything until a reset time, and it rejects a
 * review with a comment outside the diff with 422, as GitHub does.
 */
public final class FakeGitHub implements AutoCloseable {
    public static final String BOT_LOGIN = "migration-review[bot]";

    private final ObjectMapper json = new ObjectMapper();
    private final OpenApiContract contract = new OpenApiContract();
    private final HttpServer server;
    // several threads, as GitHub serves a client's concurrent requests; state changes are serialised below
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final String owner;
    private final String repo;
    private final GitRepository git;
    private final String appId;
    private final PublicKey appKey;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    private final Map<Integer, String[]> pulls = new LinkedHashMap<>(); // number -> {baseSha, headSha}
    private final Map<Long, ObjectNode> checkRuns = new LinkedHashMap<>();
    private final Map<Long, List<JsonNode>> annotations = new LinkedHashMap<>();
    private final List<ObjectNode> reviews = new ArrayList<>();
    private final Map<Long, ObjectNode> reviewComments = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> issueComments = new LinkedHashMap<>();
    /** The pull request (or issue) number of every review, review comment and issue comment, by id: lists are per pull request. */
    private final Map<Long, Integer> numberOf = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> unprocessable = new ArrayList<>();
    private final Map<String, int[]> faults = new LinkedHashMap<>(); // operationId -> {status, remaining, served first}
    private final Map<String, Map<String, String>> faultHeaders = new LinkedHashMap<>();
    private final List<Instant> rateLimitedAt = new ArrayList<>();
    private Instant firstServedAfterRateLimit;
    private Instant rateLimitedUntil = Instant.EPOCH;
    private boolean truncateTrees;
    private final Map<String, String> roles = new LinkedHashMap<>(); // login -> role_name
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>(); // blob SHA -> content (a SHA never changes)
    private volatile long latencyMillis;
    private final ThreadLocal<String> currentRequest = new ThreadLocal<>();
    private java.util.function.Consumer<ObjectNode> onCheckRunCompleted = run -> { };

    static {
        // The JDK's server writes a response's headers and its body in two writes; without TCP_NODELAY the body
        // waits for the client's delayed ACK (about 40 ms on Linux loopback), so every call to the fake took
        // 40-50 ms that GitHub's servers never add: the first review of an 800-file history measured the fake's
        // Nagle delay, not the app (docs/performance.md). Read once per JVM, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeGitHub(String owner, String repo, GitRepository git, String appId, PublicKey appKey, Clock clock) {
        this.owner = owner;
        this.repo = repo;
        this.git = git;
        this.appId = appId;
        this.appKey = appKey;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- what the test sets up --------------------------------------------------------------------

    public synchronized void openPullRequest(int number, String baseSha, String headSha) {
        pulls.put(number, new String[] {baseSha, headSha});
    }

    public synchronized void push(int number, String headSha) {
        pulls.get(number)[1] = headSha;
    }

    /** The next {@code times} calls of the operation answer {@code status} (502: a flaky GitHub). */
    public synchronized void fail(String operationId, int status, int times) {
        fail(operationId, status, times, Map.of());
    }

    /** As {@link #fail(String, int, int)}, with response headers ({@code retry-after} for a secondary limit). */
    public synchronized void fail(String operationId, int status, int times, Map<String, String> headers) {
        faults.put(operationId, new int[] {status, times, 0});
        faultHeaders.put(operationId, headers);
    }

    /** The operation's next {@code succeeding} calls are served, then {@code times} answer {@code status}. */
    public synchronized void failAfter(String operationId, int succeeding, int status, int times) {
        faults.put(operationId, new int[] {status, times, succeeding});
        faultHeaders.put(operationId, Map.of());
    }

    /** Every installation token issued so far stops working (revoked, or the installation re-authorised). */
    public synchronized void revokeTokens() {
        tokens.clear();
    }

    /** When each rate-limited answer was given. */
    public synchronized List<Instant> rateLimitedAt() {
        return List.copyOf(rateLimitedAt);
    }

    /** When the first request after a rate-limited answer was served, or null. */
    public synchronized Instant firstServedAfterRateLimit() {
        return firstServedAfterRateLimit;
    }

    /** Every request answers 403 with {@code x-ratelimit-remaining: 0} until {@code reset} (whole seconds, as GitHub). */
    public synchronized void rateLimitUntil(Instant reset) {
        rateLimitedUntil = reset.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Recursive trees come back {@code truncated}, as for very large repositories. */
    public synchronized void truncateTrees(boolean truncate) {
        truncateTrees = truncate;
    }

    /**
     * {@code login}'s role on the repository as {@code GET collaborators/{username}/permission} reports it
     * (admin, maintain, write, triage, read); a login never granted anything is not a collaborator (404).
     */
    public synchronized void grant(String login, String role) {
        roles.put(login, role);
    }

    /** Every answer waits this long first, as a GitHub across the internet would (for measured runs). */
    public void latency(java.time.Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /**
     * Runs {@code action} with the run each time a check run is completed, after GitHub has stored it and
     * before the app gets the answer: where a crash leaves the app not knowing its review was published.
     */
    public synchronized void onCheckRunCompleted(java.util.function.Consumer<ObjectNode> action) {
        onCheckRunCompleted = action;
    }

    /** A person answers one of the app's comments. */
    public synchronized long humanReply(long commentId, String body) {
        ObjectNode parent = reviewComments.get(commentId);
        ObjectNode reply = newReviewComment(parent.path("path").asText(), parent.path("commit_id").asText(), body, "octocat", "User");
        reply.put("in_reply_to_id", commentId);
        reply.set("line", parent.get("line"));
        reviewComments.put(reply.get("id").asLong(), reply);
        numberOf.put(reply.get("id").asLong(), numberOf.get(commentId));
        return reply.get("id").asLong();
    }

    // ---- what the test inspects -------------------------------------------------------------------

    public synchronized List<ObjectNode> checkRuns() {
        return List.copyOf(checkRuns.values());
    }

    public synchronized ObjectNode latestCheckRun(String headSha) {
        return checkRuns.values().stream().filter(r -> headSha.equals(r.path("head_sha").asText())).reduce((a, b) -> b).orElse(null);
    }

    public synchronized List<JsonNode> annotations(long checkRunId) {
        return List.copyOf(annotations.getOrDefault(checkRunId, List.of()));
    }

    public synchronized List<ObjectNode> reviews() {
        return List.copyOf(reviews);
    }

    public synchronized List<ObjectNode> reviewComments() {
        return List.copyOf(reviewComments.values());
    }

    public synchronized List<ObjectNode> issueComments() {
        return List.copyOf(issueComments.values());
    }

    /** Requests as {@code METHOD /path?query}, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** Requests GitHub's description does not allow (each was answered 400). */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Requests answered 422 (a review comment outside the diff, a reply to nothing). */
    public synchronized List<String> unprocessable() {
        return List.copyOf(unprocessable);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- the server -------------------------------------------------------------------------------

    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        Answer(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath();
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        byte[] raw = exchange.getRequestBody().readAllBytes();
        Answer answer;
        try {
            JsonNode body = raw.length == 0 ? null : json.readTree(raw);
            OpenApiContract.Operation op;
            synchronized (this) {
                currentRequest.set(method + " " + rawPath + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                requests.add(currentRequest.get());
                op = contract.match(method, rawPath);
                contract.validate(op, query, body);
                answer = authorize(op, exchange.getRequestHeaders().getFirst("Authorization"));
                if (answer == null) {
                    answer = limitsAndFaults(op);
                }
            }
            if (answer == null && op.operationId().equals("git/get-blob")) {
                answer = blob(op, op.pathParams().get("file_sha")); // immutable content: no lock, served in parallel
            }
            if (answer == null) {
                synchronized (this) {
                    answer = answer(op, query, body);
                }
            }
        } catch (OpenApiContract.ContractViolation e) {
            record(violations, e.getMessage());
            answer = new Answer(400, message(e.getMessage()));
        } catch (IOException e) {
            record(violations, method + " " + rawPath + ": body is not JSON: " + e.getMessage());
            answer = new Answer(400, message("Problems parsing JSON"));
        } catch (GitRepository.GitFailure e) {
            answer = new Answer(404, message("Not Found"));
        } catch (RuntimeException e) {
            record(violations, method + " " + rawPath + ": the fake failed: " + e);
            answer = new Answer(500, message(e.toString()));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().add("x-ratelimit-limit", "5000");
        if (!answer.headers().containsKey("x-ratelimit-remaining")) {
            exchange.getResponseHeaders().add("x-ratelimit-remaining", "4999");
            exchange.getResponseHeaders().add("x-ratelimit-reset", String.valueOf(clock.instant().plusSeconds(3600).getEpochSecond()));
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = answer.body() == null ? new byte[0] : json.writeValueAsBytes(answer.body());
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private synchronized void record(List<String> list, String entry) {
        list.add(entry);
    }

    /** What GitHub answers only for the app itself, with its JWT (installation tokens get 401 there). */
    private static final Set<String> APP_OPERATIONS = Set.of("apps/create-installation-access-token", "apps/get-authenticated",
            "apps/get-installation", "apps/list-installations", "apps/get-repo-installation");

    private Answer authorize(OpenApiContract.Operation op, String authorization) {
        if (APP_OPERATIONS.contains(op.operationId())) {
            if (authorization == null || !authorization.startsWith("Bearer ") || !validJwt(authorization.substring(7))) {
                violations.add("token request without a valid app JWT: " + authorization);
                return new Answer(401, message("A JSON web token could not be decoded"));
            }
            return null;
        }
        if (authorization == null || !authorization.startsWith("token ")) {
            violations.add(op.method() + " " + op.template() + " without an installation token");
            return new Answer(401, message("Bad credentials"));
        }
        if (!tokens.contains(authorization.substring(6))) {
            return new Answer(401, message("Bad credentials"));
        }
        return null;
    }

    private boolean validJwt(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(appKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = clock.instant().getEpochSecond();
            return "RS256".equals(header.path("alg").asText()) && appId.equals(claims.path("iss").asText())
                    && claims.path("iat").asLong() <= now && claims.path("exp").asLong() > now
                    && claims.path("exp").asLong() - now <= 600;
        } catch (Exception e) {
            return false;
        }
    }

    private Answer limitsAndFaults(OpenApiContract.Operation op) {
        Instant now = clock.instant();
        if (now.isBefore(rateLimitedUntil)) {
            rateLimitedAt.add(now);
            return new Answer(403, message("API rate limit exceeded for installation."),
                    Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", String.valueOf(rateLimitedUntil.getEpochSecond())));
        }
        if (!rateLimitedAt.isEmpty() && firstServedAfterRateLimit == null) {
            firstServedAfterRateLimit = now;
        }
        int[] fault = faults.get(op.operationId());
        if (fault != null && fault[2] > 0) {
            fault[2]--;
            return null;
        }
        if (fault != null && fault[1] > 0) {
            fault[1]--;
            return new Answer(fault[0], message(fault[0] >= 500 ? "Server Error" : "You have exceeded a secondary rate limit."),
                    faultHeaders.getOrDefault(op.operationId(), Map.of()));
        }
        return null;
    }

    private Answer answer(OpenApiContract.Operation op, Map<String, String> query, JsonNode body) {
        Map<String, String> p = op.pathParams();
        if (p.containsKey("owner") && (!owner.equals(p.get("owner")) || !repo.equals(p.get("repo")))) {
            return new Answer(404, message("Not Found"));
        }
        return switch (op.operationId()) {
            case "apps/create-installation-access-token" -> {
                ObjectNode token = (ObjectNode) example(op, 201);
                String value = "ghs_" + UUID.randomUUID().toString().replace("-", "");
                tokens.add(value);
                token.put("token", value);
                token.put("expires_at", clock.instant().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString());
                yield new Answer(201, token);
            }
            case "pulls/get" -> pull(op, Integer.parseInt(p.get("pull_number")));
            case "repos/get" -> {
                ObjectNode repository = (ObjectNode) example(op, 200);
                repository.put("name", repo).put("full_name", owner + "/" + repo);
                ((ObjectNode) repository.path("owner")).put("login", owner);
                yield new Answer(200, repository);
            }
            case "apps/get-installation" -> {
                ObjectNode installation = (ObjectNode) example(op, 200);
                installation.put("id", Long.parseLong(p.get("installation_id")));
                yield new Answer(200, installation);
            }
            case "apps/get-authenticated" -> {
                ObjectNode app = (ObjectNode) example(op, 200);
                app.put("id", Long.parseLong(appId));
                yield new Answer(200, app);
            }
            case "pulls/list-files" -> {
                String[] pr = pulls.get(Integer.parseInt(p.get("pull_number")));
                yield pr == null ? new Answer(404, message("Not Found")) : page(changedFiles(pr[0], pr[1]), query, op);
            }
            case "repos/compare-commits-with-basehead" -> compare(op, p.get("basehead"));
            case "git/get-tree" -> tree(op, p.get("tree_sha"), query.containsKey("recursive"));
            case "git/get-blob" -> blob(op, p.get("file_sha"));
            case "repos/get-content" -> contents(op, p.get("path"), query.getOrDefault("ref", "main"));
            case "checks/create" -> createCheckRun(op, (ObjectNode) body);
            case "checks/update" -> updateCheckRun(op, Long.parseLong(p.get("check_run_id")), (ObjectNode) body);
            case "checks/get" -> {
                ObjectNode run = checkRuns.get(Long.parseLong(p.get("check_run_id")));
                yield run == null ? new Answer(404, message("Not Found")) : new Answer(200, run.deepCopy());
            }
            case "checks/list-for-ref" -> listCheckRuns(p.get("ref"), query);
            case "repos/get-collaborator-permission-level" -> permission(op, p.get("username"));
            case "pulls/create-review" -> createReview(op, Integer.parseInt(p.get("pull_number")), body);
            case "pulls/list-reviews" -> page(of(reviews, p.get("pull_number")), query, op);
            case "pulls/list-review-comments" -> page(of(reviewComments.values(), p.get("pull_number")), query, op);
            case "pulls/create-review-comment" -> createReviewComment(Integer.parseInt(p.get("pull_number")), body);
            case "pulls/get-review-comment" -> found(reviewComments.get(Long.parseLong(p.get("comment_id"))));
            case "pulls/update-review-comment" -> updateComment(reviewComments, Long.parseLong(p.get("comment_id")), body);
            case "pulls/delete-review-comment" -> deleteComment(reviewComments, Long.parseLong(p.get("comment_id")));
            case "issues/list-comments" -> page(of(issueComments.values(), p.get("issue_number")), query, op);
            case "issues/create-comment" -> {
                ObjectNode c = (ObjectNode) example(op, 201);
                long id = ids.incrementAndGet();
                c.put("id", id);
                c.put("body", body.path("body").asText());
                ((ObjectNode) c.path("user")).put("login", BOT_LOGIN).put("type", "Bot");
                issueComments.put(id, c);
                numberOf.put(id, Integer.parseInt(p.get("issue_number")));
                yield new Answer(201, c.deepCopy());
            }
            case "issues/get-comment" -> found(issueComments.get(Long.parseLong(p.get("comment_id"))));
            case "issues/update-comment" -> updateComment(issueComments, Long.parseLong(p.get("comment_id")), body);
            case "issues/delete-comment" -> deleteComment(issueComments, Long.parseLong(p.get("comment_id")));
            default -> example(op, 200) == null ? new Answer(404, message("Not Found")) : new Answer(200, example(op, 200));
        };
    }

    private Answer pull(OpenApiContract.Operation op, int number) {
        String[] pr = pulls.get(number);
        if (pr == null) {
            return new Answer(404, message("Not Found"));
        }
        ObjectNode pull = (ObjectNode) example(op, 200);
        pull.put("number", number);
        ((ObjectNode) pull.path("head")).put("sha", pr[1]);
        ((ObjectNode) pull.path("base")).put("sha", pr[0]);
        return new Answer(200, pull);
    }

    /** The pull request's files as GitHub lists them: against the merge base, with each file's unified diff. */
    private List<JsonNode> changedFiles(String base, String head) {
        List<JsonNode> files = new ArrayList<>();
        for (String line : git.git("diff", "--no-color", "-M", "--name-status", base + "..." + head).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t");
            char kind = cols[0].charAt(0);
            String path = cols[cols.length - 1];
            ObjectNode f = json.createObjectNode();
            f.put("filename", path);
            f.put("status", switch (kind) {
                case 'A' -> "added";
                case 'D' -> "removed";
                case 'R' -> "renamed";
                case 'C' -> "copied";
                default -> "modified";
            });
            if (kind == 'R') {
                f.put("previous_filename", cols[1]);
            }
            f.put("sha", kind == 'D' ? "0000000000000000000000000000000000000000" : git.git("rev-parse", head + ":" + path).strip());
            String diff = kind == 'R'
                    ? git.git("diff", "--no-color", "-M", base + "..." + head, "--", cols[1], path)
                    : git.git("diff", "--no-color", base + "..." + head, "--", path);
            int hunk = diff.indexOf("\n@@");
            String patch = hunk < 0 ? null : diff.substring(hunk + 1).stripTrailing();
            int additions = 0;
            int deletions = 0;
            if (patch != null) {
                for (String l : patch.split("\n")) {
                    additions += l.startsWith("+") ? 1 : 0;
                    deletions += l.startsWith("-") ? 1 : 0;
                }
                f.put("patch", patch);
            }
            f.put("additions", additions).put("deletions", deletions).put("changes", additions + deletions);
            f.put("blob_url", "https://github.com/" + owner + "/" + repo + "/blob/" + head + "/" + path);
            f.put("raw_url", "https://github.com/" + owner + "/" + repo + "/raw/" + head + "/" + path);
            f.put("contents_url", apiUrl() + "/repos/" + owner + "/" + repo + "/contents/" + path + "?ref=" + head);
            files.add(f);
        }
        return files;
    }

    private Answer compare(OpenApiContract.Operation op, String basehead) {
        String[] refs = basehead.split("\\.\\.\\.", 2);
        if (refs.length != 2) {
            return new Answer(404, message("Not Found"));
        }
        ObjectNode compare = (ObjectNode) example(op, 200);
        compare.put("status", "ahead");
        compare.put("ahead_by", Integer.parseInt(git.git("rev-list", "--count", refs[0] + ".." + refs[1]).strip()));
        compare.put("behind_by", Integer.parseInt(git.git("rev-list", "--count", refs[1] + ".." + refs[0]).strip()));
        compare.set("files", json.valueToTree(changedFiles(refs[0], refs[1])));
        return new Answer(200, compare);
    }

    private Answer tree(OpenApiContract.Operation op, String sha, boolean recursive) {
        ObjectNode tree = (ObjectNode) contract.example(op, 200, "response-recursively-retrieving-a-tree").orElseThrow();
        ArrayNode entries = json.createArrayNode();
        String listing = recursive ? git.git("ls-tree", "-r", "-t", "-l", sha) : git.git("ls-tree", "-l", sha);
        for (String line : listing.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] meta = line.substring(0, line.indexOf('\t')).trim().split("\\s+");
            String path = line.substring(line.indexOf('\t') + 1);
            if (truncateTrees && path.contains("/")) {
                continue;
            }
            ObjectNode e = entries.addObject();
            e.put("path", path).put("mode", meta[0]).put("type", meta[1]).put("sha", meta[2]);
            if (!meta[3].equals("-")) {
                e.put("size", Long.parseLong(meta[3]));
            }
            e.put("url", apiUrl() + "/repos/" + owner + "/" + repo + "/git/" + meta[1] + "s/" + meta[2]);
        }
        tree.put("sha", git.git("rev-parse", sha + "^{tree}").strip());
        tree.set("tree", entries);
        tree.put("truncated", truncateTrees && recursive);
        return new Answer(200, tree);
    }

    private Answer blob(OpenApiContract.Operation op, String sha) {
        byte[] content = blobs.get(sha);
        if (content == null) {
            loadAllBlobs();
            content = blobs.get(sha);
        }
        if (content == null) {
            if (!"blob".equals(git.git("cat-file", "-t", sha).strip())) {
                return new Answer(404, message("Not Found"));
            }
            content = git.gitBytes("cat-file", "blob", sha);
            blobs.put(sha, content);
        }
        ObjectNode blob = (ObjectNode) example(op, 200);
        // GitHub wraps base64 content at 60 characters
        blob.put("content", Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content) + "\n");
        blob.put("encoding", "base64").put("sha", sha).put("size", content.length);
        return new Answer(200, blob);
    }

    /**
     * Every blob of the repository in one {@code git cat-file --batch-all-objects --batch}, so that serving a
     * history of hundreds of files costs the fake one git process, not two per file (the fake's own cost
     * would otherwise be what a benchmark of the app measures).
     */
    private synchronized void loadAllBlobs() {
        byte[] all = git.gitBytes("cat-file", "--batch-all-objects", "--batch");
        int at = 0;
        while (at < all.length) {
            int eol = at;
            while (all[eol] != '\n') {
                eol++;
            }
            String[] header = new String(all, at, eol - at, StandardCharsets.US_ASCII).split(" ");
            int size = Integer.parseInt(header[2]);
            if ("blob".equals(header[1])) {
                blobs.putIfAbsent(header[0], java.util.Arrays.copyOfRange(all, eol + 1, eol + 1 + size));
            }
            at = eol + 1 + size + 1;
        }
    }

    private Answer contents(OpenApiContract.Operation op, String path, String ref) {
        String type = git.git("cat-file", "-t", ref + ":" + path).strip();
        if ("blob".equals(type)) {
            ObjectNode file = (ObjectNode) contract.example(op, 200, "response-if-content-is-a-file").orElseThrow();
            String sha = git.git("rev-parse", ref + ":" + path).strip();
            file.put("path", path).put("name", path.substring(path.lastIndexOf('/') + 1)).put("sha", sha)
                    .put("content", Base64.getMimeEncoder().encodeToString(git.gitBytes("cat-file", "blob", sha)));
            return new Answer(200, file);
        }
        ArrayNode listing = json.createArrayNode();
        for (String line : git.git("ls-tree", "-l", ref + ":" + path).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] meta = line.substring(0, line.indexOf('\t')).trim().split("\\s+");
            String name = line.substring(line.indexOf('\t') + 1);
            ObjectNode e = listing.addObject();
            e.put("type", "tree".equals(meta[1]) ? "dir" : "file").put("name", name).put("path", path + "/" + name).put("sha", meta[2])
                    .put("size", meta[3].equals("-") ? 0 : Long.parseLong(meta[3]));
        }
        return new Answer(200, listing);
    }

    private Answer createCheckRun(OpenApiContract.Operation op, ObjectNode body) {
        ObjectNode run = (ObjectNode) contract.example(op, 201, "example-of-in-progress-conclusion").orElseThrow();
        long id = ids.incrementAndGet();
        run.put("id", id);
        run.put("name", body.path("name").asText());
        run.put("head_sha", body.path("head_sha").asText());
        run.put("status", body.path("status").asText("queued"));
        run.putNull("conclusion");
        run.putNull("completed_at");
        ((ObjectNode) run.path("app")).put("id", Long.parseLong(appId));
        ObjectNode output = json.createObjectNode().putNull("title").putNull("summary").putNull("text").put("annotations_count", 0);
        run.set("output", output);
        run.set("actions", json.createArrayNode());
        checkRuns.put(id, run);
        annotations.put(id, new ArrayList<>());
        apply(run, body);
        return new Answer(201, run.deepCopy());
    }

    private Answer updateCheckRun(OpenApiContract.Operation op, long id, ObjectNode body) {
        ObjectNode run = checkRuns.get(id);
        if (run == null) {
            return new Answer(404, message("Not Found"));
        }
        boolean wasCompleted = "completed".equals(run.path("status").asText());
        apply(run, body);
        if (!wasCompleted && "completed".equals(run.path("status").asText())) {
            onCheckRunCompleted.accept(run.deepCopy());
        }
        return new Answer(200, run.deepCopy());
    }

    private Answer permission(OpenApiContract.Operation op, String login) {
        String role = roles.get(login);
        if (role == null) {
            return new Answer(404, message(login + " is not a user"));
        }
        ObjectNode answer = (ObjectNode) example(op, 200);
        // the legacy base permission: maintain counts as write, triage as read
        answer.put("permission", switch (role) {
            case "admin" -> "admin";
            case "maintain", "write" -> "write";
            case "triage", "read" -> "read";
            default -> "none";
        });
        answer.put("role_name", role);
        ((ObjectNode) answer.path("user")).put("login", login);
        return new Answer(200, answer);
    }

    private void apply(ObjectNode run, ObjectNode body) {
        for (String field : List.of("status", "started_at", "completed_at", "details_url", "external_id")) {
            if (body.has(field)) {
                run.set(field, body.get(field));
            }
        }
        if (body.hasNonNull("conclusion")) {
            run.set("conclusion", body.get("conclusion"));
            run.put("status", "completed");
        }
        if (body.has("actions")) {
            run.set("actions", body.get("actions"));
        }
        if (body.has("output")) {
            ObjectNode output = (ObjectNode) run.get("output");
            for (String field : List.of("title", "summary", "text")) {
                if (body.get("output").has(field)) {
                    output.set(field, body.get("output").get(field));
                }
            }
            List<JsonNode> list = annotations.get(run.get("id").asLong());
            body.get("output").path("annotations").forEach(list::add);
            output.put("annotations_count", list.size());
        }
    }

    private Answer listCheckRuns(String ref, Map<String, String> query) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode run : checkRuns.values()) {
            if (!ref.equals(run.path("head_sha").asText())) {
                continue;
            }
            if (query.containsKey("check_name") && !query.get("check_name").equals(run.path("name").asText())) {
                continue;
            }
            if (query.containsKey("app_id") && !query.get("app_id").equals(run.path("app").path("id").asText())) {
                continue;
            }
            all.add(run);
            byName.put(run.path("name").asText(), run);
        }
        List<ObjectNode> runs = "all".equals(query.get("filter")) ? all : new ArrayList<>(byName.values());
        ObjectNode out = json.createObjectNode();
        out.put("total_count", runs.size());
        ArrayNode list = out.putArray("check_runs");
        runs.stream().sorted((a, b) -> Long.compare(b.get("id").asLong(), a.get("id").asLong())).forEach(r -> list.add(r.deepCopy()));
        return new Answer(200, out);
    }

    private Answer createReview(OpenApiContract.Operation op, int number, JsonNode body) {
        String[] pr = pulls.get(number);
        if (pr == null) {
            return new Answer(404, message("Not Found"));
        }
        String commit = body.path("commit_id").asText(pr[1]);
        Map<String, JsonNode> files = new LinkedHashMap<>();
        changedFiles(pr[0], commit).forEach(f -> files.put(f.path("filename").asText(), f));
        for (JsonNode c : body.path("comments")) {
            String problem = anchorProblem(files, c);
            if (problem != null) {
                unprocessable.add("review on #" + number + ": " + problem);
                ObjectNode error = message("Unprocessable Entity");
                error.putArray("errors").add(problem);
                return new Answer(422, error);
            }
        }
        ObjectNode review = (ObjectNode) example(op, 200);
        long reviewId = ids.incrementAndGet();
        review.put("id", reviewId).put("body", body.path("body").asText("")).put("state", "COMMENTED").put("commit_id", commit);
        ((ObjectNode) review.path("user")).put("login", BOT_LOGIN).put("type", "Bot");
        reviews.add(review);
        numberOf.put(reviewId, number);
        for (JsonNode c : body.path("comments")) {
            ObjectNode comment = newReviewComment(c.path("path").asText(), commit, c.path("body").asText(), BOT_LOGIN, "Bot");
            comment.put("pull_request_review_id", reviewId);
            for (String field : List.of("line", "side", "start_line", "start_side")) {
                comment.set(field, c.has(field) ? c.get(field) : json.nullNode());
            }
            reviewComments.put(comment.get("id").asLong(), comment);
            numberOf.put(comment.get("id").asLong(), number);
        }
        return new Answer(200, review.deepCopy());
    }

    /** Independently of the app's own diff parsing: walks the patch line by line as GitHub renders it. */
    private String anchorProblem(Map<String, JsonNode> files, JsonNode comment) {
        String path = comment.path("path").asText();
        JsonNode file = files.get(path);
        if (file == null) {
            return "Path could not be resolved: " + path;
        }
        if (comment.has("position")) {
            return null;
        }
        List<Integer> hunkOfLine = new ArrayList<>();
        Map<Integer, Integer> hunkByLine = new LinkedHashMap<>();
        int hunk = 0;
        int right = 0;
        for (String l : file.path("patch").asText("").split("\n")) {
            if (l.startsWith("@@")) {
                hunk++;
                right = Integer.parseInt(l.replaceAll("^@@ -\\S+ \\+(\\d+).*$", "$1"));
            } else if (l.startsWith("+") || l.startsWith(" ")) {
                hunkByLine.put(right, hunk);
                hunkOfLine.add(right);
                right++;
            }
        }
        int line = comment.path("line").asInt(-1);
        if (!"RIGHT".equals(comment.path("side").asText("RIGHT")) || !hunkByLine.containsKey(line)) {
            return "Line could not be resolved: " + path + ":" + line;
        }
        if (comment.has("start_line")) {
            int start = comment.get("start_line").asInt();
            if (start >= line || !hunkByLine.containsKey(start) || !hunkByLine.get(start).equals(hunkByLine.get(line))) {
                return "Start line could not be resolved: " + path + ":" + start + "-" + line;
            }
        }
        return null;
    }

    private Answer createReviewComment(int number, JsonNode body) {
        String[] pr = pulls.get(number);
        if (pr == null) {
            return new Answer(404, message("Not Found"));
        }
        ObjectNode comment;
        if (body.has("in_reply_to")) {
            ObjectNode parent = reviewComments.get(body.get("in_reply_to").asLong());
            if (parent == null) {
                unprocessable.add("reply to a comment that does not exist: " + body.get("in_reply_to"));
                return new Answer(422, message("Unprocessable Entity"));
            }
            comment = newReviewComment(parent.path("path").asText(), body.path("commit_id").asText(), body.path("body").asText(), BOT_LOGIN, "Bot");
            comment.put("in_reply_to_id", parent.get("id").asLong());
        } else {
            Map<String, JsonNode> files = new LinkedHashMap<>();
            changedFiles(pr[0], body.path("commit_id").asText()).forEach(f -> files.put(f.path("filename").asText(), f));
            String problem = anchorProblem(files, body);
            if (problem != null) {
                unprocessable.add("comment on #" + number + ": " + problem);
                return new Answer(422, message("Unprocessable Entity"));
            }
            comment = newReviewComment(body.path("path").asText(), body.path("commit_id").asText(), body.path("body").asText(), BOT_LOGIN, "Bot");
            comment.set("line", body.get("line"));
        }
        reviewComments.put(comment.get("id").asLong(), comment);
        numberOf.put(comment.get("id").asLong(), number);
        return new Answer(201, comment.deepCopy());
    }

    /** The items that belong to one pull request or issue, as GitHub lists them. */
    private List<ObjectNode> of(java.util.Collection<ObjectNode> items, String number) {
        List<ObjectNode> mine = new ArrayList<>();
        for (ObjectNode item : items) {
            if (number == null || Integer.valueOf(Integer.parseInt(number)).equals(numberOf.get(item.path("id").asLong()))) {
                mine.add(item);
            }
        }
        return mine;
    }

    private ObjectNode newReviewComment(String path, String commit, String body, String login, String userType) {
        OpenApiContract.Operation list = contract.match("GET", "/repos/" + owner + "/" + repo + "/pulls/1/comments");
        ObjectNode c = (ObjectNode) ((ArrayNode) contract.example(list, 200).orElseThrow()).get(0);
        long id = ids.incrementAndGet();
        c.put("id", id).put("path", path).put("commit_id", commit).put("original_commit_id", commit).put("body", body);
        c.remove("in_reply_to_id");
        c.putNull("position");
        ((ObjectNode) c.path("user")).put("login", login).put("type", userType);
        c.put("created_at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        return c;
    }

    private Answer updateComment(Map<Long, ObjectNode> comments, long id, JsonNode body) {
        ObjectNode c = comments.get(id);
        if (c == null) {
            return new Answer(404, message("Not Found"));
        }
        c.put("body", body.path("body").asText());
        return new Answer(200, c.deepCopy());
    }

    private Answer deleteComment(Map<Long, ObjectNode> comments, long id) {
        return comments.remove(id) == null ? new Answer(404, message("Not Found")) : new Answer(204, null);
    }

    private Answer found(ObjectNode node) {
        return node == null ? new Answer(404, message("Not Found")) : new Answer(200, node.deepCopy());
    }

    private Answer page(List<? extends JsonNode> items, Map<String, String> query, OpenApiContract.Operation op) {
        int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        ArrayNode out = json.createArrayNode();
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(i -> out.add(i.deepCopy()));
        Map<String, String> headers = new LinkedHashMap<>();
        if ((long) page * perPage < items.size()) {
            String path = currentRequest.get().split(" ", 2)[1].replaceAll("[?&]page=\\d+", "");
            path = path.split("\\?")[0] + "?" + (path.contains("?") ? path.split("\\?", 2)[1] + "&" : "") + "page=" + (page + 1);
            headers.put("Link", "<" + apiUrl() + path + ">; rel=\"next\"");
        }
        return new Answer(200, out, headers);
    }

    private JsonNode example(OpenApiContract.Operation op, int status) {
        return contract.example(op, status).orElse(null);
    }

    private ObjectNode message(String text) {
        return json.createObjectNode().put("message", text).put("documentation_url", "https://docs.github.com/rest");
    }
}
