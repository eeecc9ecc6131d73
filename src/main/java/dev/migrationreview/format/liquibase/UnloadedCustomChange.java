package dev.migrationreview.format.liquibase;

import java.util.Set;
import java.util.TreeMap;
import liquibase.change.AbstractChange;
import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.ResourceAccessor;
import liquibase.statement.SqlStatement;

/**
 * A {@code customChange} whose Java class is not here (it lives in the application under review). Liquibase's
 * own wrapper loads the class while parsing and fails without it; this one keeps the class name and parameters,
 * so the changelog reads through and the change is reported as code migration-review cannot see.
 */
@DatabaseChange(name = "customChange", description = "A customChange read without loading its class",
        priority = ChangeMetaData.PRIORITY_DEFAULT + 100)
public class UnloadedCustomChange extends AbstractChange {
    private String className = "";
    private final TreeMap<String, String> params = new TreeMap<>();

    public String getClassName() {
        return className;
    }

    @Override
    public void load(ParsedNode node, ResourceAccessor resourceAccessor) throws ParsedNodeException {
        Object cls = node.getChildValue(null, "class");
        className = cls == null ? "" : cls.toString();
        for (ParsedNode param : node.getChildren(null, "param")) {
            Object name = param.getChildValue(null, "name");
            Object value = param.getChildValue(null, "value");
            if (value == null) {
                value = param.getValue();
            }
            if (name != null) {
                params.put(name.toString(), value == null ? "" : value.toString());
            }
        }
    }

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return true;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[0];
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }

    @Override
    public CheckSum generateCheckSum() {
        return CheckSum.compute("customChange:" + className + ":" + params);
    }

    @Override
    public String getConfirmationMessage() {
        return "Custom change " + className;
    }

    @Override
    public Set<String> getSerializableFields() {
        return Set.of();
    }

    @Override
    public String getSerializedObjectNamespace() {
        return STANDARD_CHANGELOG_NAMESPACE;
    }
}
