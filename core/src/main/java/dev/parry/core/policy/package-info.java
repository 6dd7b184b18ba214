/**
 * Remediation policies: evidence plus automation context in, planned actions (automatic or
 * requiring approval, each with a reason) out.
 */
@NullMarked
package dev.parry.core.policy;

import org.jspecify.annotations.NullMarked;
