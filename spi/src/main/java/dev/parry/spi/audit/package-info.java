/**
 * The tamper-evident audit trail (every event chained by SHA-256, with a verification that says
 * where a record was changed, removed, inserted or reordered) and the History's CSV export.
 */
@NullMarked
package dev.parry.spi.audit;

import org.jspecify.annotations.NullMarked;
