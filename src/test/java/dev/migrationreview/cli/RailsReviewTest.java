package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Rails application reviewed by the CLI on a real git repository, with no migration-review config about it: the
 * migrations found in db/migrate, the adapter read from config/database.yml and the Rails version from
 * Gemfile.lock, the schema the change meets loaded from db/schema.rb at the base, findings on the Ruby lines with
 * fixes written in Rails.
 */
public class RailsReviewTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static final String DATABASE_YML = """
            default: &default
              adapter: postgresql
              encoding: unicode
              pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

            development:
              <<: *default
              database: shop_development

            production:
              <<: *default
              database: <%= ENV.fetch("DATABASE_NAME") { "shop" } %>
            """;

    public static final String GEMFILE_LOCK = """
            GEM
              remote: https://rubygems.org/
              specs:
                activerecord (7.1.3)
                  activemodel (= 7.1.3)
                pg (1.5.4)
                rails (7.1.3)
                  activerecord (= 7.1.3)

            PLATFORMS
              x86_64-linux

            DEPENDENCIES
              pg
              rails (~> 7.1)
            """;

    public static final String CREATE_ORDERS = """
            class CreateOrders < ActiveRecord::Migration[7.1]
              def change
                create_table :orders do |t|
                  t.bigint :customer_id, null: false
                  t.string :status, null: false, default: "new"
                  t.timestamps
                end
              end
            end
            """;

    public static final String SCHEMA_RB = """
            # This file is auto-generated from the current state of the database.

            ActiveRecord::Schema[7.1].define(version: 2024_01_10_120000) do
              # These are extensions that must be enabled in order to support this database
              enable_extension "plpgsql"

              create_table "orders", force: :cascade do |t|
                t.bigint "customer_id", null: false
                t.string "status", default: "new", null: false
                t.datetime "created_at", null: false
                t.datetime "updated_at", null: false
              end

            end
            """;

    public static final String CREATE_ORDERS_PATH = "db/migrate/20240110120000_create_orders.rb";
    public static final String ADD_INDEX_PATH = "db/migrate/20240201090000_add_customer_index_to_orders.rb";
    public static final String ADD_INDEX = """
            class AddCustomerIndexToOrders < ActiveRecord::Migration[7.1]
              def change
                add_index :orders, :customer_id
              end
            end
            """;

    /** The application at the base: schema.rb records its one migration. */
    public static Map<String, String> baseFiles() {
        return Map.of("config/database.yml", DATABASE_YML, "Gemfile.lock", GEMFILE_LOCK, "db/schema.rb", SCHEMA_RB,
                CREATE_ORDERS_PATH, CREATE_ORDERS, ".github/migration-review.yml", "tables:\n  orders: { rows: 50000000 }\n");
    }

    @TempDir
    Path dir;

    @Test
    void anAddIndexOnABigTableIsReviewedOnItsRubyLineWithTheRailsFix() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        for (Map.Entry<String, String> e : baseFiles().entrySet()) {
            git.write(e.getKey(), e.getValue());
        }
        git.commit("orders");
        git.git("checkout", "-q", "-b", "feature");
        git.write(ADD_INDEX_PATH, ADD_INDEX);
        git.commit("index orders by customer");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"review", "--repo", dir.toString(), "--format", "json"}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(1, code, "an index build blocking writes on 50M rows fails the review; stderr: " + err + " stdout: " + out);
        JsonNode report = MAPPER.readTree(out.toString());
        assertEquals("postgresql", report.get("dialect").asText());
        JsonNode files = report.get("files");
        assertEquals(1, files.size(), files.toString());
        JsonNode file = files.get(0);
        assertEquals(ADD_INDEX_PATH, file.get("path").asText());
        assertEquals("rails", file.get("tool").asText());
        JsonNode statement = file.get("statements").get(0);
        assertEquals(3, statement.get("startLine").asInt(), statement.toString());
        assertEquals(3, statement.get("endLine").asInt(), statement.toString());
        assertEquals("add_index :orders, :customer_id", statement.get("operation").asText());
        assertTrue(statement.get("sql").asText().equals("CREATE INDEX \"index_orders_on_customer_id\" ON \"orders\" (\"customer_id\")"), statement.toString());
        JsonNode finding = null;
        for (JsonNode f : statement.get("findings")) {
            if (f.get("rule").asText().equals("create-index-non-concurrent")) {
                finding = f;
            }
        }
        assertTrue(finding != null, statement.toString());
        assertEquals(3, finding.get("line").asInt());
        String fix = finding.get("fix").asText();
        assertTrue(fix.contains("disable_ddl_transaction!"), fix);
        assertTrue(fix.contains("algorithm: :concurrently"), fix);

        String notes = report.get("notes").toString();
        assertTrue(notes.contains("Schema: db/schema.rb at the base commit stands for the 1 migration it records"), notes);
    }

    @Test
    void aMysql2AdapterMakesTheReviewMysqlAndAMalformedDatabaseYmlIsAnErrorNamingItsLine() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        git.write("config/database.yml", "production:\n  adapter: <%= ENV['DATABASE_ADAPTER'].presence || \"mysql2\" %>\n");
        git.write(CREATE_ORDERS_PATH, CREATE_ORDERS);
        git.commit("orders");
        git.git("checkout", "-q", "-b", "feature");
        git.write(ADD_INDEX_PATH, ADD_INDEX);
        git.commit("index orders by customer");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.execute(new String[] {"review", "--repo", dir.toString(), "--format", "json"}, new PrintWriter(out), new PrintWriter(err));
        JsonNode report = MAPPER.readTree(out.toString());
        assertEquals("mysql", report.get("dialect").asText(), out.toString());
        assertTrue(report.get("notes").toString().contains("Detected dialect mysql, from config/database.yml:2 (adapter: mysql2)"),
                report.get("notes").toString());
        JsonNode statement = report.get("files").get(0).get("statements").get(0);
        assertEquals(3, statement.get("startLine").asInt(), statement.toString());
        assertTrue(statement.get("sql").asText().contains("`orders`"), "MySQL quoting: " + statement);

        git.git("checkout", "-q", "main");
        git.write("config/database.yml", "production:\n  adapter: mysql2\n   database: [x\n");
        git.commit("a broken database.yml");
        git.git("checkout", "-q", "feature");
        git.git("-c", "user.name=Test", "-c", "user.email=test@example.com", "merge", "-q", "--no-edit", "main");
        StringWriter broken = new StringWriter();
        StringWriter brokenErr = new StringWriter();
        int code = Main.execute(new String[] {"review", "--repo", dir.toString(), "--base", "main"}, new PrintWriter(broken),
                new PrintWriter(brokenErr));
        assertEquals(2, code, broken + " " + brokenErr);
        assertTrue(brokenErr.toString().contains("config/database.yml:3: not valid YAML"), brokenErr.toString());
        assertTrue(brokenErr.toString().contains("`dialect:` in .github/migration-review.yml"), brokenErr.toString());
    }

    @Test
    void anApplicationWithStructureSqlStartsFromItAndItsRegeneratedDumpIsNoUnclaimedMigration() throws Exception {
        String structure = """
                SET statement_timeout = 0;

                CREATE TABLE public.orders (
                    id bigint NOT NULL,
                    customer_id bigint NOT NULL
                );

                ALTER TABLE ONLY public.orders
                    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

                SET search_path TO "$user", public;

                INSERT INTO "schema_migrations" (version) VALUES
                ('20240110120000');

                """;
        TestGit git = new TestGit(dir);
        git.init();
        git.write("config/database.yml", DATABASE_YML);
        git.write("db/structure.sql", structure);
        git.write(CREATE_ORDERS_PATH, CREATE_ORDERS);
        git.write(".github/migration-review.yml", "tables:\n  orders: { rows: 50000000 }\n");
        git.commit("orders");
        git.git("checkout", "-q", "-b", "feature");
        git.write(ADD_INDEX_PATH, ADD_INDEX);
        git.write("db/structure.sql", structure.replace("('20240110120000');", "('20240110120000'),\n('20240201090000');")
                + "CREATE INDEX index_orders_on_customer_id ON public.orders USING btree (customer_id);\n");
        git.commit("index orders by customer");

        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"review", "--repo", dir.toString(), "--format", "json"}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertEquals(1, code, out.toString());
        JsonNode report = MAPPER.readTree(out.toString());
        assertEquals(1, report.get("files").size(), out.toString());
        String notes = report.get("notes").toString();
        assertTrue(notes.contains("Schema: db/structure.sql at the base commit stands for the 1 migration it records"), notes);
        assertTrue(notes.contains("db/structure.sql is the schema dump the migrations regenerate"), notes);
        assertTrue(!notes.contains("looks like a migration"), notes);
    }
}
