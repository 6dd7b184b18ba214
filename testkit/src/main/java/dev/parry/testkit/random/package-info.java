/**
 * A small runner for randomized tests: many cases from one printed seed, replay of a given seed,
 * and shrinking of a failing value to a 1-minimal one (any generated value that says how it
 * shrinks, and sequences of steps).
 */
@NullMarked
package dev.parry.testkit.random;

import org.jspecify.annotations.NullMarked;
