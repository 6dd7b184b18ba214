package dev.parry.core.action;

import dev.parry.core.entity.Url;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * Remove a URL block: the undo of {@link BlockUrl}.
 *
 * <p>Kind {@link ActionKind#UNBLOCK_URL}; known to Defender's action API as "unblock URL".
 *
 * @param url the URL to unblock
 */
public record UnblockUrl(Url url) implements EmailAction {

  /**
   * Validates the action.
   *
   * @param url the URL to unblock
   * @throws InvalidInputException if a component is null
   */
  public UnblockUrl {
    Checks.notNull(url, "url");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.UNBLOCK_URL;
  }

  @Override
  public Url target() {
    return url;
  }
}
