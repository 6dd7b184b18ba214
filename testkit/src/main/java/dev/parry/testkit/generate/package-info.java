/**
 * Seeded generators of valid Parry domain values, for property-based tests. Every generator takes a
 * {@link java.util.Random}, so the same seed gives the same value, and plugs into any
 * property-testing library.
 */
@NullMarked
package dev.parry.testkit.generate;

import org.jspecify.annotations.NullMarked;
