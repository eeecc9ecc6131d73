package dev.migrationreview.store;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The installations of the app, kept current from installation and installation_repositories events. */
@Singleton
public class InstallationDirectory {
    private final Transactions transactions;

    public InstallationDirectory(Transactions transactions) {
        this.transactions = transactions;
    }

    public void save(Connection connection, long id, String accountLogin, String accountType,
                     String repositorySelection, boolean suspended) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement update = connection.prepareStatement(
                "update installations set account_login = ?, account_type = ?, repository_selection = ?, "
                        + "suspended = ?, updated_at = ? where installation_id = ?")) {
            update.setString(1, accountLogin);
            update.setString(2, accountType);
            update.setString(3, repositorySelection);
            update.setBoolean(4, suspended);
            update.setObject(5, now);
            update.setLong(6, id);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into installations (installation_id, account_login, account_type, repository_selection, "
                        + "suspended, updated_at) values (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, accountLogin);
            insert.setString(3, accountType);
            insert.setString(4, repositorySelection);
            insert.setBoolean(5, suspended);
            insert.setObject(6, now);
            insert.executeUpdate();
        }
    }

    public void setSuspended(Connection connection, long id, boolean suspended) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update installations set suspended = ?, updated_at = ? where installation_id = ?")) {
            update.setBoolean(1, suspended);
            update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    public void delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement repositories = connection.prepareStatement(
                "delete from installation_repositories where installation_id = ?");
             PreparedStatement installation = connection.prepareStatement(
                     "delete from installations where installation_id = ?")) {
            repositories.setLong(1, id);
            repositories.executeUpdate();
            installation.setLong(1, id);
            installation.executeUpdate();
        }
    }

    public void addRepositories(Connection connection, long id, Collection<String> fullNames) throws SQLException {
        for (String fullName : fullNames) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "select 1 from installation_repositories where installation_id = ? and full_name = ?")) {
                exists.setLong(1, id);
                exists.setString(2, fullName);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into installation_repositories (installation_id, full_name) values (?, ?)")) {
                insert.setLong(1, id);
                insert.setString(2, fullName);
                insert.executeUpdate();
            }
        }
    }

    public void removeRepositories(Connection connection, long id, Collection<String> fullNames) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from installation_repositories where installation_id = ? and full_name = ?")) {
            for (String fullName : fullNames) {
                delete.setLong(1, id);
                delete.setString(2, fullName);
                delete.executeUpdate();
            }
        }
    }

    public Optional<Installation> find(long id) {
        return transactions.inTransaction("reading installation " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select account_login, account_type, repository_selection, suspended from installations "
                            + "where installation_id = ?")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Installation(id, rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getBoolean(4), repositories(connection, id)));
                }
            }
        });
    }

    public List<Installation> all() {
        return transactions.inTransaction("listing installations", connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select installation_id from installations order by installation_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            List<Installation> installations = new ArrayList<>();
            for (long id : ids) {
                find(id).ifPresent(installations::add);
            }
            return installations;
        });
    }

    private static List<String> repositories(Connection connection, long id) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select full_name from installation_repositories where installation_id = ? order by full_name")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
