/**
 * The persistence seam: an append-only, optimistically concurrent store of investigation events
 * with the action center's queries, and its in-memory default.
 */
@NullMarked
package dev.parry.spi.store;

import org.jspecify.annotations.NullMarked;
