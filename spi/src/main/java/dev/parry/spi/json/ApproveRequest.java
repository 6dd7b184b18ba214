package dev.parry.spi.json;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.Command;

/**
 * The body of a request to approve a pending action: {@code {"comment": "…"}}. The comment may be
 * empty or left out, as {@code ParryRuntime#approve} allows.
 *
 * <pre>{@code
 * ApproveRequest body = ParryJson.readApprove(requestBody);
 * ActionRecord approved = runtime.approve(actionId, caller, body.comment());
 * }</pre>
 *
 * @param comment why the action is approved, possibly empty
 */
public record ApproveRequest(String comment) {

  /**
   * Validates the body.
   *
   * @param comment why the action is approved, possibly empty
   * @throws InvalidInputException if {@code comment} is null
   * @throws InvalidInputException if the comment is longer than {@value Command#MAX_TEXT}
   *     characters or holds a control character
   */
  public ApproveRequest {
    Text.require("comment", comment, 0, Command.MAX_TEXT);
  }
}
