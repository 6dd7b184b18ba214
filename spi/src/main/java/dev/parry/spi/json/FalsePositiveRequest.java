package dev.parry.spi.json;

import dev.parry.core.entity.Entity;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.Command;

/**
 * The body of a false positive report: the entity wrongly judged and why, {@code {"entity":
 * {"type": "file", …}, "comment": "…"}}.
 *
 * <pre>{@code
 * FalsePositiveRequest body = ParryJson.readFalsePositive(requestBody);
 * FalsePositiveReport report = runtime.reportFalsePositive(body.entity(), caller, body.comment());
 * }</pre>
 *
 * @param entity the entity
 * @param comment why: text a reader can see, as {@code ParryRuntime#reportFalsePositive} requires
 */
public record FalsePositiveRequest(Entity entity, String comment) {

  /**
   * Validates the body.
   *
   * @param entity the entity
   * @param comment why: text a reader can see, as {@code ParryRuntime#reportFalsePositive} requires
   * @throws InvalidInputException if a component is null
   * @throws InvalidInputException if the comment shows nothing, is longer than {@value
   *     Command#MAX_TEXT} characters or holds a control character
   */
  public FalsePositiveRequest {
    Checks.notNull(entity, "entity");
    Text.requireVisible("comment", comment, Command.MAX_TEXT);
  }
}
