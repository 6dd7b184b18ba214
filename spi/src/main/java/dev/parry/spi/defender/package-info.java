/**
 * Defender alerts read into Parry's evidence: {@link dev.parry.spi.defender.DefenderAlerts} reads a
 * Microsoft Graph security alert or a Defender for Endpoint alert and machine, and reports what it
 * could not map ({@link dev.parry.spi.defender.Unmapped}).
 */
@NullMarked
package dev.parry.spi.defender;

import org.jspecify.annotations.NullMarked;
