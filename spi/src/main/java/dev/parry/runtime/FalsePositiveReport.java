package dev.parry.runtime;

import dev.parry.core.investigation.ActionId;
import dev.parry.core.policy.AllowIndicator;
import java.util.List;
import java.util.Objects;

/**
 * What reporting a false positive did.
 *
 * @param rejected the pending actions on the entity that were rejected
 * @param undone the completed reversible actions on the entity whose undo was requested
 * @param allowed the allow indicator recorded, so later evidence about the entity plans no action
 */
public record FalsePositiveReport(List<ActionId> rejected, List<ActionId> undone, AllowIndicator allowed) {

  /**
   * Copies.
   *
   * @throws NullPointerException if a component or an element is null
   */
  public FalsePositiveReport {
    rejected = List.copyOf(Objects.requireNonNull(rejected, "rejected"));
    undone = List.copyOf(Objects.requireNonNull(undone, "undone"));
    Objects.requireNonNull(allowed, "allowed");
  }
}
