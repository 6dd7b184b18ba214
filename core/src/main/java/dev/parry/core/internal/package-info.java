/**
 * Implementation details of Parry core. <b>Internal:</b> nothing in this package is API; it may
 * change in any release without notice.
 */
@NullMarked
package dev.parry.core.internal;

import org.jspecify.annotations.NullMarked;
