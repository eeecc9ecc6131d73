package dev.migrationreview.cli;

import dev.migrationreview.schema.ReplayCache;
import dev.migrationreview.sql.ParseCache;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanResolutionContext;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.context.DefaultBeanContext;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanConfiguration;
import io.micronaut.inject.BeanDefinitionReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the command line runs in: a bean context holding only this project's engine beans (parsers,
 * models, rules, finders, config), never the server's. No HTTP server, management, metrics, store or
 * job scheduler is defined in it, so none can start (a command-line context that stayed open during
 * {@code serve} once grew a second store and scheduler through the health monitor), and their
 * classes are not even loaded: the CLI starts in a fraction of the server's time.
 *
 * <p>It also makes the review commands ({@link #create(Class)}), which are its beans ({@link Prototype}): the context
 * starts on the first; {@code serve} is made plainly, so it runs in its own and only application context.
 */
final class EngineContext implements AutoCloseable {

    /** The server's features. A new engine package needs no change here; a new server package should be added. */
    static final Set<String> SERVER_PACKAGES = Set.of(
            "dev.migrationreview.webhook.",
            "dev.migrationreview.jobs.",
            "dev.migrationreview.store.",
            "dev.migrationreview.github.",
            "dev.migrationreview.setup.",
            "dev.migrationreview.operator.",
            "dev.migrationreview.server.",
            "dev.migrationreview.rulepages.");

    /**
     * The server's libraries. Their services (type converters for HTTP bodies, netty buffers, log levels and the
     * configuration's durations and dates) are left out of the command line's context, which has no configuration and
     * where nothing converts such values: loading them cost ~170 classes per run.
     */
    static final Set<String> SERVER_LIBRARIES = Set.of(
            "io.micronaut.http.",
            "io.micronaut.buffer.netty.",
            "io.micronaut.logging.",
            "io.micronaut.runtime.",
            "io.netty.");

    private static final String PROJECT = "dev.migrationreview.";
    /** The container's own beans a bean context needs: its event publisher and {@code BeanProvider} injection. */
    private static final Set<String> CONTAINER = Set.of(
            "io.micronaut.context.event.ApplicationEventPublisherFactory",
            "io.micronaut.inject.provider.");

    private final Optional<ParseCache> parseCache;
    private final Optional<ReplayCache> replayCache;
    private final Optional<JarServices> services;
    private BeanContext beans;

    /** The command line's context, with the on-disk caches that are turned on. */
    EngineContext() {
        // the packaged build names the caches' entries (read once: it opens the jar)
        Optional<String> build = Main.Version.build();
        this.parseCache = userParseCache(build);
        this.replayCache = userReplayCache(build);
        this.services = Optional.empty();
    }

    /**
     * The command line's context, with the on-disk caches that are turned on.
     *
     * @param services the services of the jar this runs from, which list its bean definitions without Micronaut's scan
     */
    static EngineContext of(Optional<JarServices> services) {
        Optional<String> build = Main.Version.build();
        return new EngineContext(userParseCache(build), userReplayCache(build), services);
    }

    /** @param parseCache where parsed files outlive the process, if anywhere */
    EngineContext(Optional<ParseCache> parseCache) {
        this(parseCache, Optional.empty());
    }

    /**
     * @param parseCache  where parsed files outlive the process, if anywhere
     * @param replayCache where replayed histories outlive the process, if anywhere
     */
    EngineContext(Optional<ParseCache> parseCache, Optional<ReplayCache> replayCache) {
        this(parseCache, replayCache, Optional.empty());
    }

    private EngineContext(Optional<ParseCache> parseCache, Optional<ReplayCache> replayCache, Optional<JarServices> services) {
        this.parseCache = parseCache;
        this.replayCache = replayCache;
        this.services = services;
    }

    /**
     * The on-disk cache of replayed histories of this build, unless {@code MIGRATION_REVIEW_SCHEMA_CACHE=off}. On
     * by default: the next review against the same base reads one file instead of replaying the history
     * (docs/performance.md). Runs from classes have no build to key it by, and get none.
     */
    static Optional<ReplayCache> userReplayCache(Optional<String> build) {
        if ("off".equalsIgnoreCase(System.getenv("MIGRATION_REVIEW_SCHEMA_CACHE"))) {
            return Optional.empty();
        }
        return build.flatMap(engine -> DiskReplayCache.userCacheRoot().map(root -> new DiskReplayCache(root, engine)));
    }

    /**
     * The on-disk parse cache of this build when {@code MIGRATION_REVIEW_PARSE_CACHE=on}. Off by default, as measured
     * on an 800-file history (docs/performance.md): read back in one piece it now pays when the base gained a
     * migration (1.65 s of CPU against 2.06 s parsing again), but writing its 800 entries on the first run costs
     * 0.8 s more than the review itself, and with the replayed-history cache on it only helps when the base moved.
     * Runs from classes (development, tests) have no build to key the cache by, and get none.
     */
    static Optional<ParseCache> userParseCache(Optional<String> build) {
        if (!"on".equalsIgnoreCase(System.getenv("MIGRATION_REVIEW_PARSE_CACHE"))) {
            return Optional.empty();
        }
        return build.flatMap(engine -> DiskParseCache.userCacheRoot().map(root -> new DiskParseCache(root, engine)));
    }

    /** A command that is a bean of this context ({@link Prototype}), made with the engine's beans it needs. */
    <T> T create(Class<T> command) {
        return beans().createBean(command);
    }

    /** The engine's beans, started on first use. */
    synchronized BeanContext beans() {
        if (beans == null) {
            beans = new EngineBeanContext(services).start();
            parseCache.ifPresent(cache -> beans.registerBeanDefinition(new Given<>(ParseCache.class, cache)));
            replayCache.ifPresent(cache -> beans.registerBeanDefinition(new Given<>(ReplayCache.class, cache)));
        }
        return beans;
    }

    @Override
    public synchronized void close() {
        if (beans != null && beans.isRunning()) {
            beans.close();
        }
    }

    /** Whether a service implementation is the engine's business: anything but the server's libraries. */
    static boolean engineService(String implementationClass) {
        for (String server : SERVER_LIBRARIES) {
            if (implementationClass.startsWith(server)) {
                return false;
            }
        }
        return true;
    }

    static boolean engineBean(String definitionClass) {
        for (String container : CONTAINER) {
            if (definitionClass.startsWith(container)) {
                return true;
            }
        }
        if (!definitionClass.startsWith(PROJECT)) {
            return false;
        }
        for (String server : SERVER_PACKAGES) {
            if (definitionClass.startsWith(server)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the generated bean definitions by name and loads only the engine's. */
    private static final class EngineBeanContext extends DefaultBeanContext {
        private final Optional<JarServices> services;
        private List<BeanDefinitionReference> references;
        private MutableConversionService conversions;

        EngineBeanContext(Optional<JarServices> services) {
            super(EngineContext.class.getClassLoader());
            this.services = services;
        }

        @Override
        protected List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
            if (references == null) {
                ClassLoader loader = getClassLoader();
                // sorted for a stable order of beans, once the jar's 467 definitions are down to the engine's ~95
                Set<String> names = new TreeSet<>();
                for (String name : services.isPresent()
                        ? services.get().implementations(BeanDefinitionReference.class.getName(), EngineContext::engineBean)
                        : scanned(loader)) {
                    if (engineBean(name)) {
                        names.add(name);
                    }
                }
                List<BeanDefinitionReference> found = new ArrayList<>();
                for (String name : names) {
                    BeanDefinitionReference reference = instantiate(loader, name);
                    if (reference != null && reference.isPresent()) {
                        found.add(reference);
                    }
                }
                references = found;
            }
            return references;
        }

        /**
         * None at start: no engine bean converts a value (none has configuration properties or a conversion service
         * to inject, and this context registers no converters), yet Micronaut's start made two conversion services of
         * ~100 converters each (the JVM-wide {@link io.micronaut.core.convert.ConversionService#SHARED} first, as the
         * interface's initialiser) and registered one as a bean: ~5% of a warm review's main thread.
         */
        @Override
        protected void registerConversionService() {
        }

        /** This context's own conversion service, made on first use (never, in a review). */
        @Override
        public synchronized MutableConversionService getConversionService() {
            if (conversions == null) {
                conversions = MutableConversionService.create();
            }
            return conversions;
        }

        /** Micronaut's own scan of the class path, for runs from classes. */
        private static Set<String> scanned(ClassLoader loader) {
            try {
                return MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(loader, BeanDefinitionReference.class.getName());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the engine's bean definitions", e);
            }
        }

        /** The libraries' configurations (management, metrics, the connection pool) are the server's. */
        @Override
        protected Iterable<BeanConfiguration> resolveBeanConfigurations() {
            return List.of();
        }

        /** The definition, or null when it refers to a library that is not there (javax.inject, say), as Micronaut skips it. */
        private static BeanDefinitionReference instantiate(ClassLoader loader, String name) {
            try {
                return (BeanDefinitionReference) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
            } catch (NoClassDefFoundError e) {
                return null;
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                     | InvocationTargetException e) {
                throw new IllegalStateException("bean definition " + name + " cannot be loaded: " + e, e);
            }
        }
    }

    /**
     * A bean of this context made by none of the jar's definitions: an on-disk cache, which the environment turns on.
     * What {@link BeanContext#registerSingleton} registers, without the name Micronaut generates for such a bean: that
     * name is its only string concatenation of this shape in a review, and bootstrapping it cost ~6 ms of the main
     * thread's CPU, more than everything else registering the bean does.
     */
    private static final class Given<T> implements RuntimeBeanDefinition<T> {
        private final Class<T> type;
        private final T bean;

        Given(Class<T> type, T bean) {
            this.type = type;
            this.bean = bean;
        }

        @Override
        public Class<T> getBeanType() {
            return type;
        }

        @Override
        public String getBeanDefinitionName() {
            return type.getName();
        }

        @Override
        public boolean isSingleton() {
            return true;
        }

        /** Micronaut takes a bean whose type is an interface for an abstract one that no one can make. */
        @Override
        public boolean isAbstract() {
            return false;
        }

        @Override
        public T instantiate(BeanResolutionContext resolution, BeanContext context) {
            return bean;
        }
    }
}
