package dev.migrationreview.operator;

import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.jobs.JobScheduler;
import dev.migrationreview.store.Installation;
import dev.migrationreview.store.ReviewRequests;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** The operator's status page as HTML: plain tables, no script, every value escaped. */
final class StatusPage {
    private StatusPage() {
    }

    static String render(OperatorStatus.Snapshot s) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>migration-review status</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2em;line-height:1.4}table{border-collapse:collapse;")
                .append("margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}")
                .append(".bad{color:#b00}code{background:#f3f3f3}</style></head><body><h1>migration-review status</h1>");
        h.append("<p>As of ").append(s.at().truncatedTo(ChronoUnit.SECONDS)).append(" · GitHub App ")
                .append(s.appId().map(StatusPage::escape).orElse("<span class=\"bad\">not set up (set-up mode)</span>"))
                .append(" · store ").append(s.storeReachable() ? "reachable" : "<span class=\"bad\">NOT reachable</span>")
                .append(" · job scheduler ").append(s.schedulerRunning() ? "running" : "<span class=\"bad\">NOT running</span>")
                .append("</p>");

        h.append("<h2>Queue</h2><p id=\"queue\">").append(s.waiting()).append(" waiting, ").append(s.running())
                .append(" running (all instances).</p>");
        h.append("<h2>GitHub rate limit</h2><p id=\"rate-limit\">");
        s.rateLimit().ifPresentOrElse(
                r -> h.append(r.remaining()).append(" calls left, as of this instance's last call at ")
                        .append(r.seenAt().truncatedTo(ChronoUnit.SECONDS)).append('.'),
                () -> h.append("unknown: this instance has not called GitHub yet."));
        h.append("</p>");

        h.append("<h2>Installations</h2>");
        if (s.installations().isEmpty()) {
            h.append("<p>None recorded yet. Install the app on repositories from its page on GitHub.</p>");
        } else {
            h.append("<table id=\"installations\"><tr><th>installation</th><th>account</th><th>repositories</th><th>state</th></tr>");
            for (Installation i : s.installations()) {
                h.append("<tr><td>").append(i.id()).append("</td><td>").append(escape(i.accountLogin()))
                        .append(i.accountType() == null ? "" : " (" + escape(i.accountType()) + ")").append("</td><td>")
                        .append("all".equals(i.repositorySelection()) ? "all" : escape(String.join(", ", i.repositories())))
                        .append("</td><td>").append(i.suspended() ? "<span class=\"bad\">suspended</span>" : "active")
                        .append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>Failures</h2>");
        if (s.failures().isEmpty() && s.retrying().isEmpty()) {
            h.append("<p id=\"failures\">None among the recent reviews.</p>");
        } else {
            h.append("<table id=\"failures\"><tr><th>pull request</th><th>when</th><th>state</th><th>reason</th></tr>");
            for (JobScheduler.QueuedReview q : s.retrying()) {
                h.append("<tr><td>").append(escape(q.pullRequest())).append("</td><td>next try ")
                        .append(q.executionTime().truncatedTo(ChronoUnit.SECONDS)).append("</td><td>retrying after ")
                        .append(q.failedAttempts()).append(" failed attempt(s)</td><td>")
                        .append(escape(q.lastError() == null ? "" : q.lastError())).append("</td></tr>");
            }
            for (ReviewRequests.Recent r : s.failures()) {
                h.append("<tr><td>").append(pullRequestLink(s.webUrl(), r.target())).append("</td><td>")
                        .append(time(r.doneAt())).append("</td><td class=\"bad\">").append(escape(String.valueOf(r.outcome())))
                        .append("</td><td>").append(escape(r.error())).append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>Recent reviews</h2>");
        if (s.recent().isEmpty()) {
            h.append("<p>None yet.</p>");
        } else {
            h.append("<table id=\"recent\"><tr><th>pull request</th><th>commit</th><th>requested</th><th>done</th>")
                    .append("<th>outcome</th><th>check runs</th></tr>");
            for (ReviewRequests.Recent r : s.recent()) {
                PullRequestTarget t = r.target();
                h.append("<tr><td>").append(pullRequestLink(s.webUrl(), t)).append("</td><td><code>")
                        .append(t.headSha() == null ? "current head" : escape(t.headSha().substring(0, Math.min(12, t.headSha().length()))))
                        .append("</code></td><td>").append(time(r.requestedAt())).append("</td><td>")
                        .append(r.outstanding() ? "queued" : time(r.doneAt())).append("</td><td>")
                        .append(escape(r.outstanding() ? "" : String.valueOf(r.outcome()))).append("</td><td><a href=\"")
                        .append(escape(checksUrl(s.webUrl(), t))).append("\">checks</a></td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p>Metrics: <code>/metrics</code> on the public port. Health with details: <a href=\"/health\">/health</a> here.</p>");
        return h.append("</body></html>").toString();
    }

    private static String pullRequestLink(String webUrl, PullRequestTarget t) {
        String url = webUrl + "/" + t.owner() + "/" + t.repo() + "/pull/" + t.number();
        return "<a href=\"" + escape(url) + "\">" + escape(t.owner() + "/" + t.repo() + "#" + t.number()) + "</a>";
    }

    /** The pull request's Checks tab at the reviewed commit: where the check run of that review is. */
    static String checksUrl(String webUrl, PullRequestTarget t) {
        String url = webUrl + "/" + t.owner() + "/" + t.repo() + "/pull/" + t.number() + "/checks";
        return t.headSha() == null ? url : url + "?sha=" + t.headSha();
    }

    private static String time(OffsetDateTime time) {
        return time == null ? "" : time.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
