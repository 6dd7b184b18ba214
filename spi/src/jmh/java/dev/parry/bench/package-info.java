/** JMH benchmarks of Parry, compiled only with {@code -Dbench}; never part of the test run. */
@NullMarked
package dev.parry.bench;

import org.jspecify.annotations.NullMarked;
