package dev.parry.spi.json;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.Command;

/**
 * The body of a request to reject a pending action: {@code {"reason": "…"}}. The reason may be
 * empty or left out, as {@code ParryRuntime#reject} allows.
 *
 * <pre>{@code
 * RejectRequest body = ParryJson.readReject(requestBody);
 * ActionRecord rejected = runtime.reject(actionId, caller, body.reason());
 * }</pre>
 *
 * @param reason why the action is rejected, possibly empty
 */
public record RejectRequest(String reason) {

  /**
   * Validates the body.
   *
   * @param reason why the action is rejected, possibly empty
   * @throws InvalidInputException if {@code reason} is null
   * @throws InvalidInputException if the reason is longer than {@value Command#MAX_TEXT} characters
   *     or holds a control character
   */
  public RejectRequest {
    Text.require("reason", reason, 0, Command.MAX_TEXT);
  }
}
