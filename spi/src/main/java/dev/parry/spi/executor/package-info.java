/**
 * The executor SPI vendors implement: one executor per entity family (device, email, identity),
 * found with {@link java.util.ServiceLoader} through {@link
 * dev.parry.spi.executor.ExecutorProvider} or registered explicitly.
 */
@NullMarked
package dev.parry.spi.executor;

import org.jspecify.annotations.NullMarked;
