package dev.migrationreview.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrationreview.setup.DataDirectory;
import dev.migrationreview.setup.ServerSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The server's store: the embedded H2 file in DATA_DIR, or the database DATABASE_URL names when
 * several instances share the work. Its tables are migrated before anyone gets the DataSource, so
 * the job scheduler never starts on a store without its table.
 */
@Factory
public class StoreFactory {

    @Singleton
    @Named("default")
    @Bean(preDestroy = "close")
    public HikariDataSource dataSource(ServerSettings settings, DataDirectory dataDirectory) {
        String url = settings.jdbcUrl();
        boolean embedded = url.startsWith("jdbc:h2:file:");
        if (embedded) {
            dataDirectory.prepare();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (!settings.databaseUsername().isEmpty()) {
            config.setUsername(settings.databaseUsername());
        }
        if (!settings.databasePassword().isEmpty()) {
            config.setPassword(settings.databasePassword());
        }
        config.setMaximumPoolSize(12);
        config.setPoolName("migration-review-store");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("Could not prepare the store at " + redact(url) + ": " + e.getMessage(), e);
        }
        if (embedded) {
            // H2 created its files with the process umask; they hold cached repository contents
            dataDirectory.tightenFiles();
        }
        return dataSource;
    }

    /** A JDBC URL may carry a password as a parameter; never put it in a message. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
