/**
 * Parry's service provider interfaces and the runtime that drives them.
 */
@NullMarked
package dev.parry.spi;

import org.jspecify.annotations.NullMarked;
