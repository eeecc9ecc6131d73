package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;

/**
 * One thing a reviewer would say about one statement (or a run of statements).
 *
 * @param line       first line the finding is anchored to (1-based, file as committed)
 * @param endLine    last line
 * @param message    the consequence: what, on which table, which lock, what it blocks, how long
 * @param fix        "Instead:" text, written for this statement with the user's names
 * @param suggestion exact replacement text for lines line..endLine where the rewrite is mechanical, else null
 */
public record Finding(String rule, Risk risk, int line, int endLine, String title, String message, String fix, String suggestion) {}
