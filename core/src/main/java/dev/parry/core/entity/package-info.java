/**
 * Entities an investigation gathers evidence about: the sealed {@link dev.parry.core.entity.Entity} family, split into device, email and identity entities (one per executor SPI), and the validated identifiers they are built from.
 */
@NullMarked
package dev.parry.core.entity;

import org.jspecify.annotations.NullMarked;
