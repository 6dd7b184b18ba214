package dev.parry.spi.json;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.Command;

/**
 * The body of a request to undo a completed action: {@code {"reason": "…"}}. The reason may be
 * empty or left out, as {@code ParryRuntime#undo} allows.
 *
 * <pre>{@code
 * UndoRequest body = ParryJson.readUndo(requestBody);
 * ActionRecord undoing = runtime.undo(actionId, caller, body.reason());
 * }</pre>
 *
 * @param reason why the action is undone, possibly empty
 */
public record UndoRequest(String reason) {

  /**
   * Validates the body.
   *
   * @param reason why the action is undone, possibly empty
   * @throws InvalidInputException if {@code reason} is null
   * @throws InvalidInputException if the reason is longer than {@value Command#MAX_TEXT} characters
   *     or holds a control character
   */
  public UndoRequest {
    Text.require("reason", reason, 0, Command.MAX_TEXT);
  }
}
