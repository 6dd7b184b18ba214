/**
 * The runnable demo: the seed scenarios played end to end on the fakes, printed as an action
 * center.
 */
@NullMarked
package dev.parry.testkit.demo;

import org.jspecify.annotations.NullMarked;
