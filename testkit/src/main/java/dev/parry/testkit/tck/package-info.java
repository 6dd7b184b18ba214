/**
 * Contract tests (a TCK) for SPI implementors: extend {@link
 * dev.parry.testkit.tck.DeviceExecutorContract}, {@link
 * dev.parry.testkit.tck.EmailExecutorContract}, {@link
 * dev.parry.testkit.tck.IdentityExecutorContract}, {@link
 * dev.parry.testkit.tck.InvestigationStoreContract} or {@link
 * dev.parry.testkit.tck.AuthorizerContract}, supply a factory, and run. Every test is named after
 * the rule of {@code spi/SPEC.md} it checks.
 */
@NullMarked
package dev.parry.testkit.tck;

import org.jspecify.annotations.NullMarked;
