package dev.migrationreview.format.rails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.FormatContexts;
import dev.migrationreview.format.MigrationScript;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Rails pull request reviewed by the engine: findings on the Ruby lines, fixes written in Ruby. */
class RailsReviewTest {
    private static ApplicationContext context;
    private static ReviewEngine engine;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).start();
        engine = context.getBean(ReviewEngine.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static final String HISTORY = """
            class CreateOrders < ActiveRecord::Migration[7.1]
              def change
                create_table :customers do |t|
                  t.string :name
                end
                create_table :orders do |t|
                  t.bigint :customer_id
                  t.string :status
                  t.string :legacy_code
                  t.timestamps
                end
              end
            end
            """;

    private static MigrationScript rails(String path, String content) {
        return new RailsFormat().script(path, content, FormatContexts.postgres(), new RailsProject("7.1.3", "postgresql"));
    }

    private static Report review(String changed) {
        return engine.review(ReviewConfig.defaults(), List.of(rails("db/migrate/20240101000000_create_orders.rb", HISTORY)),
                List.of(rails("db/migrate/20240501120000_change_orders.rb", changed)), Optional.empty());
    }

    private static Finding finding(Report report, String rule) {
        return report.files().get(0).statements().stream().flatMap(s -> s.findings().stream()).filter(f -> f.rule().equals(rule))
                .findFirst().orElseThrow(() -> new AssertionError(rule + " not in " + report.files().get(0).statements()));
    }

    @Test
    void addIndexWithoutConcurrentlyIsFoundOnTheRubyLineWithTheFixInRuby() {
        Report report = review("""
                class AddCustomerIndex < ActiveRecord::Migration[7.1]
                  def change
                    add_index :orders, :customer_id
                  end
                end
                """);
        StatementReport statement = report.files().get(0).statements().get(0);
        assertEquals(3, statement.startLine());
        assertEquals("add_index :orders, :customer_id", statement.operation());
        assertEquals("CREATE INDEX \"index_orders_on_customer_id\" ON \"orders\" (\"customer_id\")", statement.sql());
        Finding f = finding(report, "create-index-non-concurrent");
        assertEquals(3, f.line());
        assertTrue(f.fix().contains("""
                ```ruby
                class AddIndexOrdersOnCustomerId < ActiveRecord::Migration[7.1]
                  disable_ddl_transaction!

                  def change
                    add_index :orders, :customer_id, algorithm: :concurrently
                  end
                end
                ```"""), f.fix());
        assertNull(f.suggestion(), "in a transaction, adding the option alone would make the migration fail");
    }

    @Test
    void inAMigrationWithoutATransactionTheFixIsASuggestionForTheLine() {
        Report report = review("""
                class AddCustomerIndex < ActiveRecord::Migration[7.1]
                  disable_ddl_transaction!

                  def change
                    add_index :orders, :customer_id # for the customer page
                  end
                end
                """);
        Finding f = finding(report, "create-index-non-concurrent");
        assertEquals(5, f.line());
        assertEquals("    add_index :orders, :customer_id, algorithm: :concurrently # for the customer page", f.suggestion());
    }

    @Test
    void foreignKeysNotNullAndRemovedColumnsGetTheRailsRoute() {
        Report report = review("""
                class Constraints < ActiveRecord::Migration[7.1]
                  def change
                    add_foreign_key :orders, :customers
                    change_column_null :orders, :status, false
                    remove_column :orders, :legacy_code
                  end
                end
                """);
        Finding fk = finding(report, "add-foreign-key-validating");
        assertEquals(3, fk.line());
        assertEquals("    add_foreign_key :orders, :customers, validate: false", fk.suggestion());
        assertTrue(fk.fix().contains("validate_foreign_key :orders, :customers"), fk.fix());

        Finding notNull = finding(report, "set-not-null-scan");
        assertEquals(4, notNull.line());
        assertTrue(notNull.fix().contains("add_check_constraint :orders, \"status IS NOT NULL\", name: \"orders_status_null\", validate: false"),
                notNull.fix());
        assertTrue(notNull.fix().contains("validate_check_constraint :orders, name: \"orders_status_null\""), notNull.fix());
        assertTrue(notNull.fix().contains("change_column_null :orders, :status, false"), notNull.fix());

        Finding drop = finding(report, "drop-column");
        assertEquals(5, drop.line());
        assertTrue(drop.fix().contains("class Order < ApplicationRecord\n  self.ignored_columns += [\"legacy_code\"]\nend"), drop.fix());
    }

    @Test
    void modelCodeInsideTheMigrationSaysItHoldsLocksAndHowToBackfill() {
        Report report = review("""
                class BackfillStatus < ActiveRecord::Migration[7.1]
                  def up
                    Order.where(status: nil).update_all(status: "new")
                  end
                end
                """);
        Finding f = finding(report, "statement-not-understood");
        assertEquals(3, f.line());
        assertTrue(f.message().contains("every row it writes stays locked until the whole migration commits"), f.message());
        assertTrue(f.fix().contains("in_batches"), f.fix());
        assertTrue(f.fix().contains("disable_ddl_transaction!"), f.fix());
    }

    @Test
    void safetyAssuredSilencesItsCallsAndTheNotesSayWhatItAcknowledged() {
        Report report = review("""
                class DropLegacy < ActiveRecord::Migration[7.1]
                  def change
                    safety_assured { remove_column :orders, :legacy_code }
                    add_index :orders, :status
                  end
                end
                """);
        List<String> rules = report.files().get(0).statements().stream().flatMap(s -> s.findings().stream()).map(Finding::rule).toList();
        assertTrue(rules.stream().noneMatch(r -> r.equals("drop-column")), rules.toString());
        assertTrue(rules.contains("create-index-non-concurrent"), "outside safety_assured the rules still apply");
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("Acknowledged with safety_assured: db/migrate/20240501120000_change_orders.rb:3 drop-column (")
                && n.contains("on `remove_column :orders, :legacy_code`") && n.endsWith(", not reported.")), report.notes().toString());
    }

    @Test
    void aConcurrentBuildInsideTheMigrationsTransactionGetsDisableDdlTransaction() {
        Report report = review("""
                class AddCustomerIndex < ActiveRecord::Migration[7.1]
                  def change
                    add_index :orders, :customer_id, algorithm: :concurrently
                  end
                end
                """);
        Finding f = finding(report, "concurrently-in-transaction");
        assertEquals(3, f.line());
        assertTrue(f.fix().contains("""
                class AddCustomerIndex < ActiveRecord::Migration[7.1]
                  disable_ddl_transaction!

                  def change
                    add_index :orders, :customer_id, algorithm: :concurrently
                  end
                end"""), f.fix());
    }

    @Test
    void sqlInAHeredocKeepsTheRulesSqlSuggestionOnItsOwnLine() {
        Report report = review("""
                class AddCustomerIndex < ActiveRecord::Migration[7.1]
                  disable_ddl_transaction!

                  def up
                    execute <<~SQL
                      CREATE INDEX orders_customer_idx ON orders (customer_id);
                    SQL
                  end
                end
                """);
        Finding f = finding(report, "create-index-non-concurrent");
        assertEquals(6, f.line());
        assertEquals("      CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id)", f.suggestion().replace(";", ""));
    }

    @Test
    void rubyCommentsCarryIgnoreDirectives() {
        Report report = review("""
                class AddCustomerIndex < ActiveRecord::Migration[7.1]
                  def change
                    # migration-review:ignore create-index-non-concurrent orders is empty until launch
                    add_index :orders, :customer_id
                  end
                end
                """);
        List<String> rules = report.files().get(0).statements().stream().flatMap(s -> s.findings().stream()).map(Finding::rule).toList();
        assertTrue(rules.stream().noneMatch(r -> r.equals("create-index-non-concurrent")), rules.toString());
    }
}
