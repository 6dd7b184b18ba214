package dev.parry.spi.json;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Durations;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.Command;
import java.time.Duration;

/**
 * The body of a request to keep a time-boxed action in effect longer: {@code {"extra": "PT4H",
 * "comment": "…"}}. The comment may be empty or left out, as {@code ParryRuntime#extendTimeBox}
 * allows.
 *
 * <pre>{@code
 * ExtendTimeBoxRequest body = ParryJson.readExtendTimeBox(requestBody);
 * ActionRecord extended = runtime.extendTimeBox(actionId, body.extra(), caller, body.comment());
 * }</pre>
 *
 * @param extra how much longer, an ISO-8601 duration: positive, at most {@code
 *     ParryRuntime#MAX_DURATION}
 * @param comment why, possibly empty
 */
public record ExtendTimeBoxRequest(Duration extra, String comment) {

  /**
   * Validates the body.
   *
   * @param extra how much longer, an ISO-8601 duration: positive, at most {@code
   *     ParryRuntime#MAX_DURATION}
   * @param comment why, possibly empty
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if {@code extra} is not positive or longer than {@code
   *     ParryRuntime#MAX_DURATION}, or the comment is longer than {@value Command#MAX_TEXT}
   *     characters or holds a control character
   */
  public ExtendTimeBoxRequest {
    Durations.requirePositive("extra", Checks.notNull(extra, "extra"));
    Text.require("comment", comment, 0, Command.MAX_TEXT);
  }
}
