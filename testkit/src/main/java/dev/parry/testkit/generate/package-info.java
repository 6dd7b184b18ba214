/**
 * Seeded generators of valid Parry domain values, for property-based tests. Every generator takes a
 * {@link java.util.Random}, so the same seed gives the same value, and plugs into any
 * property-testing library. {@link dev.parry.testkit.generate.HostileText} holds fixed lists of
 * hostile text instead: spoofing characters, free text a store must keep exactly, and spellings of
 * a name that must stay distinct.
 */
@NullMarked
package dev.parry.testkit.generate;

import org.jspecify.annotations.NullMarked;
