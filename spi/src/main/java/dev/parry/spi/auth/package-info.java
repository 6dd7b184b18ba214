/**
 * The authorization seam: callers with permissions, the rules that say who may act on which kind of
 * action, and approval rules as code.
 */
@NullMarked
package dev.parry.spi.auth;

import org.jspecify.annotations.NullMarked;
