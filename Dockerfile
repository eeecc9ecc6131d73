# syntax=docker/dockerfile:1
# Build: docker build -t migration-review .
# Run:   docker run -p 3000:3000 -v migration-review-data:/data migration-review
#        then open http://localhost:3000/ to register the GitHub App (or pass GITHUB_* variables).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first, so that a source change does not download them again.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline || true
COPY app-manifest.yml ./
# The rule pages go into the jar: `explain` prints them and the server serves them at /rules/<id>.
COPY docs/rules/ docs/rules/
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 migration-review \
    && useradd --system --uid 10001 --gid migration-review --home-dir /data --shell /usr/sbin/nologin migration-review \
    && mkdir -p /data /app \
    && chown migration-review:migration-review /data \
    && chmod 700 /data
COPY --from=build /src/target/migration-review.jar /app/migration-review.jar
USER migration-review
ENV DATA_DIR=/data \
    PORT=3000 \
    MANAGEMENT_HOST=127.0.0.1
# The embedded store and the credentials registered through the set-up page live here.
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/health" > /dev/null || exit 1
# umask 077: the embedded store's files (cached repository contents) are created owner-only. The status
# page listens on 127.0.0.1:3001 inside the container: `docker exec migration-review curl -s localhost:3001`.
ENTRYPOINT ["/bin/sh", "-c", "umask 077 && exec java -XX:MaxRAMPercentage=75 -jar /app/migration-review.jar \"$@\"", "migration-review"]
CMD ["serve"]
