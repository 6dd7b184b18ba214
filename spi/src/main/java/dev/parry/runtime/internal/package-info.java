/**
 * The parts behind {@link dev.parry.runtime.ParryRuntime}, each with one job: deciding and storing
 * commands, dispatching, reconciling due work, safety controls, routing events. <b>Internal:</b>
 * nothing in this package is API; it may change in any release without notice.
 */
@NullMarked
package dev.parry.runtime.internal;

import org.jspecify.annotations.NullMarked;
