package dev.parry.runtime;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.policy.AllowIndicator;
import java.util.List;

/**
 * What reporting a false positive did.
 *
 * @param rejected the pending actions on the entity that were rejected
 * @param undone the completed reversible actions on the entity whose undo was requested
 * @param cancelled the approved or in-progress actions on the entity that were stopped before they
 *     took effect
 * @param stillRunning the approved or in-progress actions that could not be stopped (their executor
 *     could not stop work already sent, or another runtime carries them), and automatic ones
 *     decided while the report recorded its indicators: each settles on its executor's outcome, and
 *     a reversible one that succeeds is then undone, its undo stored with it now ({@code
 *     ActionRecord.undoOnSuccess()}); one held for approval and approved again is an analyst's new
 *     decision, left alone
 * @param allowed the allow indicators recorded, one per value the entity carries (a file's SHA-256
 *     and SHA-1, a user's identifiers), so later evidence naming it by any of them plans no action
 */
public record FalsePositiveReport(
    List<ActionId> rejected,
    List<ActionId> undone,
    List<ActionId> cancelled,
    List<ActionId> stillRunning,
    List<AllowIndicator> allowed) {

  /**
   * Copies.
   *
   * @param rejected the pending actions on the entity that were rejected
   * @param undone the completed reversible actions on the entity whose undo was requested
   * @param cancelled the approved or in-progress actions on the entity that were stopped before
   *     they took effect
   * @param stillRunning the approved or in-progress actions that could not be stopped (their
   *     executor could not stop work already sent, or another runtime carries them), and automatic
   *     ones decided while the report recorded its indicators: each settles on its executor's
   *     outcome, and a reversible one that succeeds is then undone, its undo stored with it now
   *     ({@code ActionRecord.undoOnSuccess()}); one held for approval and approved again is an
   *     analyst's new decision, left alone
   * @param allowed the allow indicators recorded, one per value the entity carries (a file's
   *     SHA-256 and SHA-1, a user's identifiers), so later evidence naming it by any of them plans
   *     no action
   * @throws InvalidInputException if a component or an element is null
   */
  public FalsePositiveReport {
    rejected = Checks.listOf(rejected, "rejected");
    undone = Checks.listOf(undone, "undone");
    cancelled = Checks.listOf(cancelled, "cancelled");
    stillRunning = Checks.listOf(stillRunning, "stillRunning");
    allowed = Checks.listOf(allowed, "allowed");
  }
}
