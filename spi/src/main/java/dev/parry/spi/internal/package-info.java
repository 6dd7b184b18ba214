/**
 * Implementation details shared by the stores and the runtime: the stored JSON codec and log-safe
 * text. <b>Internal:</b> nothing in this package is API; it may change in any release without
 * notice.
 */
@NullMarked
package dev.parry.spi.internal;

import org.jspecify.annotations.NullMarked;
