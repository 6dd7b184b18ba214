/**
 * The tamper-evident audit chain (each event stored with a SHA-256 hash linking it to the one
 * before, a verification that names where a record was changed, removed, inserted or moved, and the
 * anchor that keeps chain heads out of the store's reach) and the History's CSV export.
 */
@NullMarked
package dev.parry.spi.audit;

import org.jspecify.annotations.NullMarked;
