/**
 * The investigation aggregate: an immutable state driven by commands and events, its action life
 * cycle, statuses and completion rule.
 */
@NullMarked
package dev.parry.core.investigation;

import org.jspecify.annotations.NullMarked;
