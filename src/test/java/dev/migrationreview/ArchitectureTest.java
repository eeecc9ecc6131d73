package dev.migrationreview;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The engine is pure: files in, report out. The server and GitHub sit around it, never inside. Generic code
 * imports no dialect, dialects import each other nowhere, and no two top-level packages import each other in a
 * circle.
 */
@AnalyzeClasses(packages = "dev.migrationreview", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] ENGINE = {
        "dev.migrationreview.config..",
        "dev.migrationreview.fetch..",
        "dev.migrationreview.format..",
        "dev.migrationreview.dialect..",
        "dev.migrationreview.sql..",
        "dev.migrationreview.schema..",
        "dev.migrationreview.analysis..",
        "dev.migrationreview.postgres..",
        "dev.migrationreview.mysql..",
        "dev.migrationreview.mariadb..",
        "dev.migrationreview.report.."
    };

    /** One folder per database. */
    private static final String[] DIALECTS = {
        "dev.migrationreview.postgres..",
        "dev.migrationreview.mysql..",
        "dev.migrationreview.mariadb.."
    };

    @ArchTest
    static final ArchRule engineImportsNeitherHttpNorGitHub = noClasses()
            .that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..", "org.kohsuke..")
            .because("the engine runs without a server: in the CLI, in tests, in any CI");

    @ArchTest
    static final ArchRule engineDependsOnNoFrontEnd = noClasses()
            .that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.migrationreview.cli..", "dev.migrationreview.github..",
                    "dev.migrationreview.webhook..", "dev.migrationreview.jobs..")
            .because("the front ends use the engine, not the other way round");

    @ArchTest
    static final ArchRule genericCodeImportsNoDialect = noClasses()
            .that().resideOutsideOfPackages(DIALECTS)
            .should().dependOnClassesThat().resideInAnyPackage(DIALECTS)
            .because("a dialect plugs in as beans and services; adding one edits no generic code");

    @ArchTest
    static final ArchRule dialectsImportEachOtherNowhere = slices().matching("dev.migrationreview.(postgres|mysql)..")
            .should().notDependOnEachOther()
            .because("what one database decides never depends on another's");

    // MariaDB is a fork of MySQL: its folder builds on MySQL's splitter, parser and online-DDL engine with its own
    // version facts. That one direction is allowed; nothing else reaches across dialects.
    @ArchTest
    static final ArchRule mariadbBuildsOnMysqlOnly = noClasses()
            .that().resideInAPackage("dev.migrationreview.mariadb..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.migrationreview.postgres..")
            .because("MariaDB builds on MySQL, the database it forked from, and on nothing else");

    @ArchTest
    static final ArchRule noDialectImportsMariadb = noClasses()
            .that().resideInAnyPackage("dev.migrationreview.postgres..", "dev.migrationreview.mysql..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.migrationreview.mariadb..")
            .because("MySQL never depends on its fork");

    @ArchTest
    static final ArchRule formatsImportEachOtherNowhere = slices().matching("dev.migrationreview.format.(*)..")
            .should().notDependOnEachOther()
            .because("a migration format is one plug-in of its own");

    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages = slices().assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    String pkg = javaClass.getPackageName();
                    if (!pkg.startsWith("dev.migrationreview.")) {
                        return SliceIdentifier.ignore();
                    }
                    String top = pkg.substring("dev.migrationreview.".length()).split("\\.")[0];
                    return SliceIdentifier.of(top);
                }

                @Override
                public String getDescription() {
                    return "top-level packages of dev.migrationreview";
                }
            })
            .should().beFreeOfCycles()
            .because("the tree reads like the data flow: webhook -> job -> fetch -> format -> parse -> schema -> analyse -> report");
}
