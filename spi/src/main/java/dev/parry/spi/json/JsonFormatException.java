package dev.parry.spi.json;

import dev.parry.core.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * JSON that does not describe a value {@link ParryJson} reads: text that is not well-formed, a
 * member missing, unknown or of the wrong type, or a value the domain refuses. The message names
 * the member by its path from the document's root ({@code $.action.target.id}, {@code
 * $.steps[2].at}) and shows the offending value with control, bidirectional and invisible
 * characters escaped, so it is safe to log and to return to the client that sent the body. It is
 * invalid input: its {@link #field()} is the path.
 *
 * <pre>{@code
 * try {
 *   ApproveRequest body = ParryJson.readApprove(requestBody);
 * } catch (JsonFormatException e) {
 *   return badRequest(e.path(), e.getMessage());
 * }
 * }</pre>
 */
public final class JsonFormatException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  /** The offending member's path from the document's root. */
  private final String path;

  /**
   * Creates the exception; Parry's reader makes them, and a service that checks a body further may
   * too.
   *
   * @param path the member's path from the root, {@code $} for the document itself
   * @param problem what is wrong there, offending values already escaped
   * @param cause what the domain said, or null
   */
  public JsonFormatException(String path, String problem, @Nullable Throwable cause) {
    super(path, null, path + ": " + problem, cause);
    this.path = path;
  }

  /**
   * {@return the path of the offending member from the document's root: {@code $}, {@code
   * $.reason}, {@code $.items[3].id}}
   */
  public String path() {
    return path;
  }
}
