/**
 * Safety guards: the blast-radius breaker, protected assets with an audited break-glass override,
 * and the automation kill switch. Each turns an automatic action into one pending approval, with
 * the reason recorded on the action; none ever drops or fails an action.
 */
@NullMarked
package dev.parry.spi.safety;

import org.jspecify.annotations.NullMarked;
