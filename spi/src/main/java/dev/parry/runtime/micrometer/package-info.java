/**
 * Parry's metrics and traces through Micrometer: {@link
 * dev.parry.runtime.micrometer.MicrometerInstrumentation} turns what the runtime reports into
 * observations (spans, with a tracing bridge), timers, counters and gauges. The only package of
 * Parry that uses Micrometer's types; Micrometer is an optional dependency, needed on the class
 * path only by those who use this package.
 */
@NullMarked
package dev.parry.runtime.micrometer;

import org.jspecify.annotations.NullMarked;
