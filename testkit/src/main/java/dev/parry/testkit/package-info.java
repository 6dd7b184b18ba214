/**
 * Parry's test kit: a harness that wires the runtime to fake backends, a virtual clock and the
 * in-memory store, for services that embed Parry and for Parry's own tests.
 */
@NullMarked
package dev.parry.testkit;

import org.jspecify.annotations.NullMarked;
