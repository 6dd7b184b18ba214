package dev.parry.core.entity;

import java.util.Objects;

/**
 * A cluster of similar messages across mailboxes, acted on as one.
 *
 * @param id the cluster id
 */
public record EmailCluster(ClusterId id) implements EmailContent {

  /**
   * Validates the cluster.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public EmailCluster {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("email-cluster:" + id.value());
  }
}
