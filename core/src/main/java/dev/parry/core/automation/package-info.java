/**
 * Automation levels, device groups, core and temp folders, and automation folder exclusions: the
 * context that decides whether an action runs automatically.
 */
@NullMarked
package dev.parry.core.automation;

import org.jspecify.annotations.NullMarked;
