package dev.migrationreview;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine is pure: files in, report out. The server and GitHub sit around it, never inside. */
@AnalyzeClasses(packages = "dev.migrationreview", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] ENGINE = {
        "dev.migrationreview.config..",
        "dev.migrationreview.format..",
        "dev.migrationreview.sql..",
        "dev.migrationreview.schema..",
        "dev.migrationreview.analysis..",
        "dev.migrationreview.postgres..",
        "dev.migrationreview.report.."
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
}
