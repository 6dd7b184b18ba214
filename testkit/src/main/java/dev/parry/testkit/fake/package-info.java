/**
 * In-memory fakes of the backends Parry acts on (devices, mail, directory), each exposing the
 * matching executor, with state a test can read and faults a test can script; stores that forward
 * or fail; and an audit anchor kept in memory.
 */
@NullMarked
package dev.parry.testkit.fake;

import org.jspecify.annotations.NullMarked;
