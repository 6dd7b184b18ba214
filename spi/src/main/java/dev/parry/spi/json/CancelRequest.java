package dev.parry.spi.json;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.Command;

/**
 * The body of a request to cancel an approved or in-progress action: {@code {"reason": "…"}}. The
 * reason may be empty or left out, as {@code ParryRuntime#cancel} allows.
 *
 * <pre>{@code
 * CancelRequest body = ParryJson.readCancel(requestBody);
 * ActionRecord cancelled = runtime.cancel(actionId, caller, body.reason());
 * }</pre>
 *
 * @param reason why the action is cancelled, possibly empty
 */
public record CancelRequest(String reason) {

  /**
   * Validates the body.
   *
   * @param reason why the action is cancelled, possibly empty
   * @throws InvalidInputException if {@code reason} is null
   * @throws InvalidInputException if the reason is longer than {@value Command#MAX_TEXT} characters
   *     or holds a control character
   */
  public CancelRequest {
    Text.require("reason", reason, 0, Command.MAX_TEXT);
  }
}
