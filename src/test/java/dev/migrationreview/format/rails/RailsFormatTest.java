package dev.migrationreview.format.rails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rails migrations as the finder reads them: each call at its Ruby lines, with the SQL Rails sends to PostgreSQL. */
class RailsFormatTest {
    private static List<MigrationScript> find(String... pathsAndContents) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return new LayoutMigrationFinder().find(new InMemoryRepositoryFiles(files), ReviewConfig.defaults());
    }

    private static List<Operation> read(String migration) throws IOException {
        List<MigrationScript> scripts = find("db/migrate/20240501120000_change.rb", migration);
        assertEquals(1, scripts.size());
        assertEquals("rails", scripts.get(0).tool().configName());
        return scripts.get(0).operations();
    }

    private static void assertOp(Operation op, int start, int end, String... sql) {
        assertEquals(List.of(sql), op.sql(), op.written());
        assertEquals(start, op.span().startLine(), op.written() + " start");
        assertEquals(end, op.span().endLine(), op.written() + " end");
    }

    @Test
    void migrationsAreClaimedInEveryRailsFolderAndOrderedByVersion() throws IOException {
        String empty = "class X < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n";
        List<MigrationScript> scripts = find(
                "db/migrate/20240502000000_b.rb", empty,
                "db/migrate/20240501000000_a.rb", empty,
                "db/post_migrate/20240503000000_c.rb", empty,
                "db/analytics_migrate/20240504000000_d.rb", empty,
                "db/migrate/archive/20230101000000_old.rb", empty,
                "db/seeds.rb", "User.create!(name: 'x')\n",
                "app/models/order.rb", "class Order < ApplicationRecord\nend\n");
        assertEquals(List.of("db/migrate/archive/20230101000000_old.rb", "db/migrate/20240501000000_a.rb", "db/migrate/20240502000000_b.rb",
                "db/post_migrate/20240503000000_c.rb", "db/analytics_migrate/20240504000000_d.rb"), scripts.stream().map(MigrationScript::path)
                .sorted((a, b) -> a.substring(a.lastIndexOf('/')).compareTo(b.substring(b.lastIndexOf('/')))).toList());
        List<String> migrate = scripts.stream().map(MigrationScript::path).filter(p -> p.startsWith("db/migrate/")).toList();
        assertEquals(List.of("db/migrate/archive/20230101000000_old.rb", "db/migrate/20240501000000_a.rb", "db/migrate/20240502000000_b.rb"),
                migrate, "one folder with its subfolders, in version order");
        assertEquals("20240501000000", scripts.stream().filter(s -> s.path().endsWith("_a.rb")).findFirst().orElseThrow().version());
    }

    @Test
    void createTableWithItsBlockIsOneOperationWithTheTableItsIndexesAndForeignKeys() throws IOException {
        List<Operation> ops = read("""
                class CreateOrders < ActiveRecord::Migration[7.1]
                  def change
                    create_table :orders do |t|
                      t.string :number, null: false, limit: 32
                      t.text :note
                      t.integer :quantity, default: 1
                      t.decimal :total, precision: 10, scale: 2
                      t.boolean :paid, null: false, default: false
                      t.references :customer, null: false, foreign_key: true
                      t.belongs_to :shop, polymorphic: true
                      t.index :number, unique: true
                      t.timestamps
                    end
                  end
                end
                """);
        assertEquals(1, ops.size());
        assertOp(ops.get(0), 3, 13,
                "CREATE TABLE \"orders\" (\"id\" bigserial primary key, \"number\" character varying(32) NOT NULL, \"note\" text,"
                        + " \"quantity\" integer DEFAULT 1, \"total\" decimal(10,2), \"paid\" boolean DEFAULT FALSE NOT NULL,"
                        + " \"customer_id\" bigint NOT NULL, \"shop_type\" character varying, \"shop_id\" bigint,"
                        + " \"created_at\" timestamp(6) NOT NULL, \"updated_at\" timestamp(6) NOT NULL,"
                        + " CONSTRAINT \"fk_rails_3dad120da9\" FOREIGN KEY (\"customer_id\") REFERENCES \"customers\" (\"id\"))",
                "CREATE INDEX \"index_orders_on_customer_id\" ON \"orders\" (\"customer_id\")",
                "CREATE INDEX \"index_orders_on_shop\" ON \"orders\" (\"shop_type\", \"shop_id\")",
                "CREATE UNIQUE INDEX \"index_orders_on_number\" ON \"orders\" (\"number\")");
        assertEquals("create_table :orders do |t| … end", ops.get(0).written());
        assertTrue(ops.get(0).transactional());
    }

    @Test
    void theMigrationVersionDecidesRailsDefaults() throws IOException {
        List<Operation> rails42 = read("""
                class CreateUsers < ActiveRecord::Migration
                  def change
                    create_table :users do |t|
                      t.references :team
                      t.timestamps
                    end
                  end
                end
                """);
        assertOp(rails42.get(0), 3, 6, "CREATE TABLE \"users\" (\"id\" serial primary key, \"team_id\" integer,"
                + " \"created_at\" timestamp, \"updated_at\" timestamp)");
        List<Operation> rails50 = read("""
                class CreateUsers < ActiveRecord::Migration[5.0]
                  def change
                    create_table :users, id: :uuid do |t|
                      t.datetime :seen_at
                      t.timestamps
                    end
                  end
                end
                """);
        assertOp(rails50.get(0), 3, 6, "CREATE TABLE \"users\" (\"id\" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,"
                + " \"seen_at\" timestamp, \"created_at\" timestamp NOT NULL, \"updated_at\" timestamp NOT NULL)");
        List<Operation> rails61 = read("""
                class CreateUsers < ActiveRecord::Migration[6.1]
                  def change
                    create_table :users, id: false, force: :cascade do |t|
                      t.datetime :seen_at
                      t.timestamps
                    end
                  end
                end
                """);
        assertOp(rails61.get(0), 3, 6, "DROP TABLE IF EXISTS \"users\" CASCADE",
                "CREATE TABLE \"users\" (\"seen_at\" timestamp, \"created_at\" timestamp(6) NOT NULL, \"updated_at\" timestamp(6) NOT NULL)");
    }

    @Test
    void indexesAreNamedAndBuiltAsRailsDoes() throws IOException {
        List<Operation> ops = read("""
                class AddIndexes < ActiveRecord::Migration[7.1]
                  disable_ddl_transaction!

                  def change
                    add_index :orders, :customer_id, algorithm: :concurrently
                    add_index :orders, [:shop_id, :created_at], unique: true, where: "deleted_at IS NULL", name: "orders_live"
                    add_index :events, :payload, using: :gin, if_not_exists: true
                    remove_index :orders, :legacy_code, algorithm: :concurrently
                    remove_index :orders, name: "orders_old"
                    rename_index :orders, "orders_live", "orders_live_by_shop"
                  end
                end
                """);
        assertOp(ops.get(0), 5, 5, "CREATE INDEX CONCURRENTLY \"index_orders_on_customer_id\" ON \"orders\" (\"customer_id\")");
        assertOp(ops.get(1), 6, 6, "CREATE UNIQUE INDEX \"orders_live\" ON \"orders\" (\"shop_id\", \"created_at\") WHERE deleted_at IS NULL");
        assertOp(ops.get(2), 7, 7, "CREATE INDEX IF NOT EXISTS \"index_events_on_payload\" ON \"events\" USING gin (\"payload\")");
        assertOp(ops.get(3), 8, 8, "DROP INDEX CONCURRENTLY \"index_orders_on_legacy_code\"");
        assertOp(ops.get(4), 9, 9, "DROP INDEX \"orders_old\"");
        assertOp(ops.get(5), 10, 10, "ALTER INDEX \"orders_live\" RENAME TO \"orders_live_by_shop\"");
        assertTrue(ops.stream().noneMatch(Operation::transactional), "disable_ddl_transaction!");
    }

    @Test
    void columnsReferencesAndConstraints() throws IOException {
        List<Operation> ops = read("""
                class ChangeOrders < ActiveRecord::Migration[7.1]
                  def change
                    add_column :orders, :status, :string, default: "new", null: false
                    add_column :orders, :placed_at, :datetime
                    add_reference :orders, :coupon, foreign_key: { validate: false }, index: { algorithm: :concurrently }
                    add_foreign_key :orders, :users, column: :buyer_id, on_delete: :cascade, validate: false
                    validate_foreign_key :orders, :users, column: :buyer_id
                    add_check_constraint :orders, "total >= 0", name: "orders_total_positive", validate: false
                    validate_check_constraint :orders, name: "orders_total_positive"
                    add_check_constraint :orders, "quantity > 0"
                    change_column :orders, :note, :text, null: true
                    change_column_null :orders, :status, false, "new"
                    change_column_default :orders, :status, from: "new", to: "open"
                    change_column_default :orders, :quantity, nil
                    remove_column :orders, :legacy, :string
                    remove_columns :orders, :a, :b
                    rename_column :orders, :note, :remark
                    rename_table :orders, :purchases
                    drop_table :coupons, if_exists: true
                  end
                end
                """);
        assertOp(ops.get(0), 3, 3, "ALTER TABLE \"orders\" ADD \"status\" character varying DEFAULT 'new' NOT NULL");
        assertOp(ops.get(1), 4, 4, "ALTER TABLE \"orders\" ADD \"placed_at\" timestamp(6)");
        assertOp(ops.get(2), 5, 5, "ALTER TABLE \"orders\" ADD \"coupon_id\" bigint",
                "CREATE INDEX CONCURRENTLY \"index_orders_on_coupon_id\" ON \"orders\" (\"coupon_id\")",
                "ALTER TABLE \"orders\" ADD CONSTRAINT \"fk_rails_" + sha("orders_coupon_id_fk")
                        + "\" FOREIGN KEY (\"coupon_id\") REFERENCES \"coupons\" (\"id\") NOT VALID");
        String buyerFk = "fk_rails_" + sha("orders_buyer_id_fk");
        assertOp(ops.get(3), 6, 6, "ALTER TABLE \"orders\" ADD CONSTRAINT \"" + buyerFk
                + "\" FOREIGN KEY (\"buyer_id\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE NOT VALID");
        assertOp(ops.get(4), 7, 7, "ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"" + buyerFk + "\"");
        assertOp(ops.get(5), 8, 8, "ALTER TABLE \"orders\" ADD CONSTRAINT \"orders_total_positive\" CHECK (total >= 0) NOT VALID");
        assertOp(ops.get(6), 9, 9, "ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"orders_total_positive\"");
        assertOp(ops.get(7), 10, 10, "ALTER TABLE \"orders\" ADD CONSTRAINT \"chk_rails_" + sha("orders_quantity > 0_chk")
                + "\" CHECK (quantity > 0)");
        assertOp(ops.get(8), 11, 11, "ALTER TABLE \"orders\" ALTER COLUMN \"note\" TYPE text, ALTER COLUMN \"note\" DROP NOT NULL");
        assertOp(ops.get(9), 12, 12, "UPDATE \"orders\" SET \"status\"='new' WHERE \"status\" IS NULL",
                "ALTER TABLE \"orders\" ALTER COLUMN \"status\" SET NOT NULL");
        assertOp(ops.get(10), 13, 13, "ALTER TABLE \"orders\" ALTER COLUMN \"status\" SET DEFAULT 'open'");
        assertOp(ops.get(11), 14, 14, "ALTER TABLE \"orders\" ALTER COLUMN \"quantity\" DROP DEFAULT");
        assertOp(ops.get(12), 15, 15, "ALTER TABLE \"orders\" DROP COLUMN \"legacy\"");
        assertOp(ops.get(13), 16, 16, "ALTER TABLE \"orders\" DROP COLUMN \"a\", DROP COLUMN \"b\"");
        assertOp(ops.get(14), 17, 17, "ALTER TABLE \"orders\" RENAME COLUMN \"note\" TO \"remark\"");
        assertOp(ops.get(15), 18, 18, "ALTER TABLE \"orders\" RENAME TO \"purchases\"",
                "ALTER INDEX \"index_orders_on_coupon_id\" RENAME TO \"index_purchases_on_coupon_id\"");
        assertOp(ops.get(16), 19, 19, "DROP TABLE IF EXISTS \"coupons\"");
    }

    @Test
    void renamesTakeTheIndexesRailsRenamesWithThemFromTheHistory() throws IOException {
        List<MigrationScript> scripts = find(
                "db/migrate/20240101000000_create_accounts.rb", """
                        class CreateAccounts < ActiveRecord::Migration[7.1]
                          def change
                            create_table :account_balances do |t|
                              t.references :account
                              t.date :on
                              t.index [:account_id, :on], unique: true
                              t.string :code, index: { name: "balances_code" }
                            end
                          end
                        end
                        """,
                "db/migrate/20240201000000_rename.rb", """
                        class Rename < ActiveRecord::Migration[7.1]
                          def change
                            rename_table :account_balances, :balances
                            rename_column :balances, :on, :date
                            remove_index :balances, :code
                          end
                        end
                        """);
        List<Operation> ops = scripts.get(1).operations();
        assertOp(ops.get(0), 3, 3, "ALTER TABLE \"account_balances\" RENAME TO \"balances\"",
                "ALTER INDEX \"account_balances_pkey\" RENAME TO \"balances_pkey\"",
                "ALTER TABLE \"account_balances_id_seq\" RENAME TO \"balances_id_seq\"",
                "ALTER INDEX \"index_account_balances_on_account_id\" RENAME TO \"index_balances_on_account_id\"",
                "ALTER INDEX \"index_account_balances_on_account_id_and_on\" RENAME TO \"index_balances_on_account_id_and_on\"");
        assertOp(ops.get(1), 4, 4, "ALTER TABLE \"balances\" RENAME COLUMN \"on\" TO \"date\"",
                "ALTER INDEX \"index_balances_on_account_id_and_on\" RENAME TO \"index_balances_on_account_id_and_date\"");
        assertOp(ops.get(2), 5, 5, "DROP INDEX \"balances_code\"");
    }

    @Test
    void longIndexNamesAreShortenedAsRails71Does() {
        // as in a real schema.rb: index_data_enrichments_on_enrichable_id_and_… is 89 bytes
        assertEquals("idx_on_enrichable_id_enrichable_type_source_attribu_5be5f63e08", RailsTranslator.indexName("data_enrichments",
                List.of("enrichable_id", "enrichable_type", "source", "attribute_name"), 71));
        assertEquals("index_data_enrichments_on_enrichable_id_and_enrichable_type_and_source_and_attribute_name",
                RailsTranslator.indexName("data_enrichments", List.of("enrichable_id", "enrichable_type", "source", "attribute_name"), 70));
    }

    @Test
    void foreignKeyNamesAreRailsOwn() {
        // the example in Rails' add_foreign_key documentation
        assertEquals("fk_rails_e74ce85cbc", RailsTranslator.foreignKeyName("articles", "authors", Map.of()));
    }

    @Test
    void changeTableEnumsJoinTablesAndExtensions() throws IOException {
        List<Operation> ops = read("""
                class MoreThings < ActiveRecord::Migration[7.1]
                  def change
                    enable_extension "pgcrypto"
                    create_enum :mood, ["happy", "sad"]
                    add_enum_value :mood, "calm", after: "happy"
                    create_join_table :products, :categories do |t|
                      t.index :product_id
                    end
                    change_table :products do |t|
                      t.string :sku
                      t.remove :legacy
                      t.rename :title, :name
                      t.index :sku, unique: true
                      t.references :brand
                    end
                  end
                end
                """);
        assertOp(ops.get(0), 3, 3, "CREATE EXTENSION IF NOT EXISTS \"pgcrypto\"");
        assertOp(ops.get(1), 4, 4, "CREATE TYPE \"mood\" AS ENUM ('happy', 'sad')");
        assertOp(ops.get(2), 5, 5, "ALTER TYPE \"mood\" ADD VALUE 'calm' AFTER 'happy'");
        assertOp(ops.get(3), 6, 8, "CREATE TABLE \"categories_products\" (\"product_id\" bigint NOT NULL, \"category_id\" bigint NOT NULL)",
                "CREATE INDEX \"index_categories_products_on_product_id\" ON \"categories_products\" (\"product_id\")");
        assertOp(ops.get(4), 10, 10, "ALTER TABLE \"products\" ADD \"sku\" character varying");
        assertOp(ops.get(5), 11, 11, "ALTER TABLE \"products\" DROP COLUMN \"legacy\"");
        assertOp(ops.get(6), 12, 12, "ALTER TABLE \"products\" RENAME COLUMN \"title\" TO \"name\"");
        assertOp(ops.get(7), 13, 13, "CREATE UNIQUE INDEX \"index_products_on_sku\" ON \"products\" (\"sku\")");
        assertOp(ops.get(8), 14, 14, "ALTER TABLE \"products\" ADD \"brand_id\" bigint",
                "CREATE INDEX \"index_products_on_brand_id\" ON \"products\" (\"brand_id\")");
    }

    @Test
    void executeSqlIsSplitByTheDialectAtItsOwnLinesInsideTheHeredoc() throws IOException {
        List<Operation> ops = read("""
                class Backfill < ActiveRecord::Migration[7.1]
                  def up
                    execute "UPDATE orders SET status = 'new' WHERE status IS NULL"
                    execute <<~SQL
                      -- migration-review:ignore update-without-where every row is tiny
                      UPDATE orders SET flag = true;

                      CREATE INDEX orders_flag_idx
                        ON orders (flag);
                    SQL
                    execute "SELECT #{column} FROM orders"
                  end

                  def down
                    execute "DROP INDEX orders_flag_idx"
                  end
                end
                """);
        assertEquals(4, ops.size(), ops.toString());
        assertOp(ops.get(0), 3, 3, "UPDATE orders SET status = 'new' WHERE status IS NULL");
        assertOp(ops.get(1), 6, 6, "-- migration-review:ignore update-without-where every row is tiny\nUPDATE orders SET flag = true");
        assertOp(ops.get(2), 8, 9, "CREATE INDEX orders_flag_idx\n  ON orders (flag)");
        assertEquals("execute: CREATE INDEX orders_flag_idx ON orders (flag)", ops.get(2).written());
        assertOp(ops.get(3), 11, 11);
        assertTrue(ops.get(3).untranslated().contains("SQL that Ruby builds"), ops.get(3).untranslated());
    }

    @Test
    void reversibleUpIsTheForwardDirectionAndSafetyAssuredIsRecorded() throws IOException {
        List<Operation> ops = read("""
                class Reversible < ActiveRecord::Migration[7.1]
                  def change
                    reversible do |dir|
                      dir.up { execute "UPDATE orders SET total = 0 WHERE total IS NULL" }
                      dir.down { execute "SELECT 1" }
                    end
                    safety_assured do
                      remove_column :orders, :legacy
                    end
                    up_only { add_column :orders, :archived, :boolean }
                  end
                end
                """);
        assertEquals(3, ops.size(), ops.toString());
        assertOp(ops.get(0), 4, 4, "UPDATE orders SET total = 0 WHERE total IS NULL");
        assertNull(ops.get(0).acknowledged());
        assertOp(ops.get(1), 8, 8, "ALTER TABLE \"orders\" DROP COLUMN \"legacy\"");
        assertEquals("safety_assured", ops.get(1).acknowledged());
        assertOp(ops.get(2), 10, 10, "ALTER TABLE \"orders\" ADD \"archived\" boolean");
    }

    @Test
    void modelCodeAndHelpersAreOperationsOfTheirOwnWithTheReason() throws IOException {
        List<Operation> ops = read("""
                class BackfillStatus < ActiveRecord::Migration[7.1]
                  def up
                    say_with_time "backfilling" do
                      Order.where(status: nil).update_all(status: "new")
                    end
                    Order.reset_column_information
                    Order.in_batches { |batch| batch.update_all(paid: false) }
                    add_column_with_default :orders, :flag, :boolean
                    puts "done"
                  end
                end
                """);
        assertEquals(3, ops.size(), ops.toString());
        assertOp(ops.get(0), 4, 4);
        assertTrue(ops.get(0).untranslated().contains("model code that changes data inside the migration's transaction"),
                ops.get(0).untranslated());
        assertEquals("Order.where(status: nil).update_all(status: \"new\")", ops.get(0).written());
        assertOp(ops.get(1), 7, 7);
        assertTrue(ops.get(1).untranslated().contains("in_batches"), ops.get(1).untranslated());
        assertOp(ops.get(2), 8, 8);
        assertTrue(ops.get(2).untranslated().contains("`add_column_with_default` is not a schema statement"), ops.get(2).untranslated());
    }

    @Test
    void linesAreCountedInCharactersNotBytes() throws IOException {
        List<Operation> ops = read("""
                # Größen — ünïcödé comments before the class
                class AddNote < ActiveRecord::Migration[7.1]
                  def change
                    add_column :orders, :note, :string, default: "naïve ✓"
                    add_index :orders, :note
                  end
                end
                """);
        assertOp(ops.get(0), 4, 4, "ALTER TABLE \"orders\" ADD \"note\" character varying DEFAULT 'naïve ✓'");
        assertOp(ops.get(1), 5, 5, "CREATE INDEX \"index_orders_on_note\" ON \"orders\" (\"note\")");
        assertEquals(5, ops.get(1).span().startColumn());
    }

    @Test
    void schemaRbIsTheSameDsl() throws IOException {
        String schema = """
                ActiveRecord::Schema[7.1].define(version: 2024_05_01_120000) do
                  enable_extension "plpgsql"

                  create_table "orders", force: :cascade do |t|
                    t.bigint "customer_id", null: false
                    t.string "status", default: "new", null: false
                    t.index ["customer_id"], name: "index_orders_on_customer_id"
                    t.check_constraint "status <> ''", name: "orders_status_present"
                  end

                  add_foreign_key "orders", "customers"
                end
                """;
        MigrationScript script = find("db/migrate/20240101000000_x.rb", "class X < ActiveRecord::Migration[7.1]\nend\n", "db/schema.rb", schema)
                .stream().findFirst().orElseThrow();
        assertFalse(script.path().endsWith("schema.rb"), "schema.rb is not a migration");
        List<Operation> ops = RailsFormat.schema("db/schema.rb", schema, RailsFormatTest.context(), new RailsProject("7.1.3", "postgresql"))
                .operations();
        assertOp(ops.get(0), 2, 2, "CREATE EXTENSION IF NOT EXISTS \"plpgsql\"");
        assertOp(ops.get(1), 4, 9, "DROP TABLE IF EXISTS \"orders\" CASCADE",
                "CREATE TABLE \"orders\" (\"id\" bigserial primary key, \"customer_id\" bigint NOT NULL,"
                        + " \"status\" character varying DEFAULT 'new' NOT NULL, CONSTRAINT \"orders_status_present\" CHECK (status <> ''))",
                "CREATE INDEX \"index_orders_on_customer_id\" ON \"orders\" (\"customer_id\")");
        assertOp(ops.get(2), 11, 11, "ALTER TABLE \"orders\" ADD CONSTRAINT \"fk_rails_" + sha("orders_customer_id_fk")
                + "\" FOREIGN KEY (\"customer_id\") REFERENCES \"customers\" (\"id\")");
    }

    @Test
    void mysqlAdaptersGetMysqlTypesAndQuoting() throws IOException {
        MigrationScript script = new RailsFormat().script("db/migrate/20240501120000_x.rb", """
                class CreateOrders < ActiveRecord::Migration[7.1]
                  def change
                    create_table :orders do |t|
                      t.string :number
                      t.boolean :paid
                      t.timestamps
                    end
                    add_index :orders, :number, algorithm: :inplace
                  end
                end
                """, context(), new RailsProject("7.1.3", "trilogy"));
        assertOp(script.operations().get(0), 3, 7, "CREATE TABLE `orders` (`id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " `number` varchar(255), `paid` tinyint(1), `created_at` datetime(6) NOT NULL, `updated_at` datetime(6) NOT NULL)");
        assertOp(script.operations().get(1), 8, 8, "CREATE INDEX `index_orders_on_number` ON `orders` (`number`) ALGORITHM = INPLACE");
    }

    @Test
    void aFileWithoutAMigrationClassIsShownNotDropped() throws IOException {
        List<Operation> ops = read("puts 'hello'\n");
        assertEquals(1, ops.size());
        assertTrue(ops.get(0).untranslated().contains("no class inheriting from ActiveRecord::Migration"));
    }

    @Test
    void brokenAndHostileRubyIsShownNeverThrown() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        for (String content : List.of("", "\u0000\u0001garbage", "class X < ActiveRecord::Migration[7.1]\n  def change\n    execute <<~SQL\n",
                "class X < ActiveRecord::Migration[7.1]\n  def change\n    add_index :t, " + deep + "\n  end\nend\n",
                "class X < ActiveRecord::Migration[9.9]\n  def change\n    create_table do |t|\n  end\nend\n")) {
            MigrationScript script = new RailsFormat().script("db/migrate/20240101000000_x.rb", content, context(),
                    new RailsProject(null, null));
            assertFalse(script.operations().isEmpty(), "nothing silent for: " + content.substring(0, Math.min(40, content.length())));
        }
    }

    static dev.migrationreview.format.FormatContext context() {
        return dev.migrationreview.format.FormatContexts.postgres();
    }

    private static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
