/**
 * Who did something: the system itself or a named principal. Every transition in Parry records its
 * actor.
 */
@NullMarked
package dev.parry.core.actor;

import org.jspecify.annotations.NullMarked;
