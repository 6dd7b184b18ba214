package dev.parry.core.action;

import dev.parry.core.entity.Url;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Block a URL at time of click.
 *
 * <p>Kind {@link ActionKind#BLOCK_URL}; known to Defender's action API as "block URL".
 *
 * @param url the URL to block
 */
public record BlockUrl(Url url) implements EmailAction, ReversibleAction {

  /**
   * Validates the action.
   *
   * @param url the URL to block
   * @throws InvalidInputException if a component is null
   */
  public BlockUrl {
    Checks.notNull(url, "url");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.BLOCK_URL;
  }

  @Override
  public Url target() {
    return url;
  }

  /** {@return the action that undoes this one: {@link UnblockUrl} on the same target} */
  @Override
  public RemediationAction inverse() {
    return new UnblockUrl(url);
  }
}
