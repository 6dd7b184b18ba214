/**
 * Virtual time: a clock that moves only when told to and a scheduler that runs exactly the timers
 * that fall due, so a 7-day expiry runs in milliseconds and every run interleaves the same way.
 */
@NullMarked
package dev.parry.testkit.time;

import org.jspecify.annotations.NullMarked;
