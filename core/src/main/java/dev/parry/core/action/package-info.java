/**
 * The remediation action catalogue: one record per kind of action, typed by its target, with the
 * properties every kind declares (family, reversibility, impact, whether it may ever run
 * automatically).
 */
@NullMarked
package dev.parry.core.action;

import org.jspecify.annotations.NullMarked;
