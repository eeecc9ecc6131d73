package dev.migrationreview.store;

import java.util.List;

/** An installation of the app on an account, with the repositories it was granted. */
public record Installation(long id, String accountLogin, String accountType, String repositorySelection,
                           boolean suspended, List<String> repositories) {
    public Installation {
        repositories = List.copyOf(repositories);
    }
}
