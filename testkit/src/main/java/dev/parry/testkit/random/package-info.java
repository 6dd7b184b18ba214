/**
 * A small runner for randomized tests: many cases from one printed seed, replay of a given seed, and
 * shrinking of a failing sequence to a short one.
 */
@NullMarked
package dev.parry.testkit.random;

import org.jspecify.annotations.NullMarked;
