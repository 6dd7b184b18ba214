/**
 * What the runtime reports about its own work, for metrics and traces: a small interface Parry owns
 * ({@link dev.parry.runtime.observe.Instrumentation}), silent unless one is passed to {@link
 * dev.parry.runtime.ParryRuntime.Builder#instrumentation}. The Micrometer adapter in {@code
 * dev.parry.runtime.micrometer} implements it; nothing here needs Micrometer on the class path.
 */
@NullMarked
package dev.parry.runtime.observe;

import org.jspecify.annotations.NullMarked;
