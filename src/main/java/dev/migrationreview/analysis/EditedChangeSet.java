package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;
import dev.migrationreview.format.MigrationScript;
import java.util.ArrayList;
import java.util.List;

/**
 * A changeSet that already ran, edited by the change. Liquibase records each changeSet's checksum when it runs
 * it; on the next {@code update} it validates every recorded changeSet against the changelog, and a changed
 * checksum stops the whole update with a validation error (unless the changeSet has {@code runOnChange} or a
 * {@code validCheckSum}). So the edit does not reach databases that ran it, and blocks their deploys.
 */
final class EditedChangeSet {
    static final String ID = "edited-applied-migration";
    /** Liquibase validates every applied changeSet's checksum before it runs anything: the next deploy stops. */
    private static final Risk RISK = Risk.HIGH;

    private EditedChangeSet() {}

    /** Whether an edited unit at the head is one this check speaks for: a Liquibase changeSet. */
    static boolean applies(MigrationScript headUnit) {
        return headUnit.tool().configName().equals("liquibase") && headUnit.version() != null;
    }

    /** The finding on the edited changeSet's first statement, added to the report. */
    static Report mark(Report report, List<MigrationScript> editedAtHead) {
        if (editedAtHead.isEmpty()) {
            return report;
        }
        List<FileReport> files = new ArrayList<>();
        for (FileReport file : report.files()) {
            List<StatementReport> statements = new ArrayList<>(file.statements());
            Risk fileRisk = file.risk();
            for (MigrationScript unit : editedAtHead) {
                if (!unit.path().equals(file.path())) {
                    continue;
                }
                int first = firstLine(unit);
                for (int i = 0; i < statements.size(); i++) {
                    StatementReport s = statements.get(i);
                    if (s.startLine() >= first) {
                        List<Finding> findings = new ArrayList<>(s.findings());
                        findings.add(finding(unit, s));
                        statements.set(i, new StatementReport(s.index(), s.startLine(), s.endLine(), s.sql(), s.kind(), s.understood(),
                                s.locks(), s.rewrites(), s.scans(), findings, s.operation(), s.ddl()));
                        fileRisk = Risk.max(fileRisk, RISK);
                        break;
                    }
                }
            }
            files.add(new FileReport(file.path(), file.tool(), file.transactional(), fileRisk, statements));
        }
        Risk risk = files.stream().map(FileReport::risk).reduce(Risk.NONE, Risk::max);
        return new Report(report.dialect(), report.databaseVersion(), risk, files, report.notes());
    }

    private static int firstLine(MigrationScript unit) {
        if (!unit.isSql()) {
            return unit.operations().isEmpty() ? 1 : unit.operations().get(0).span().startLine();
        }
        return unit.sections().isEmpty() ? 1 : unit.sections().get(0).firstLine();
    }

    private static Finding finding(MigrationScript unit, StatementReport s) {
        String[] idAuthor = unit.version().split("::", 2);
        String name = "changeSet `" + idAuthor[0] + "`" + (idAuthor.length > 1 ? " (author " + idAuthor[1] + ")" : "");
        return new Finding(ID, RISK, s.startLine(), s.endLine(), "Edited a changeSet that already ran",
                name + " in " + unit.path() + " already ran on every database that applied the base commit, and this change edits it."
                        + " Liquibase does not run it again there; its checksum no longer matches the one recorded in DATABASECHANGELOG,"
                        + " so the next `liquibase update` on those databases stops with a validation error before running anything.",
                "Instead: leave the applied changeSet as it was and make the change in a new changeSet. If the changeSet is meant to"
                        + " run again whenever it changes (a view, a function), mark it `runOnChange=\"true\"`; if the edit changes nothing"
                        + " the database sees, accept the new checksum with `<validCheckSum>ANY</validCheckSum>` in the changeSet.",
                null);
    }
}
