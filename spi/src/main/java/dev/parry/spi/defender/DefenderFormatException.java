package dev.parry.spi.defender;

import dev.parry.core.error.InvalidInputException;

/**
 * Defender output that is not the documented shape: text that is not JSON, or a member of the wrong
 * JSON type where the shape fixes one (an {@code evidence} that is not an array, a {@code
 * processId} that is a string). Nothing was imported.
 *
 * <p>A value of the right type that Parry refuses (a hash of the wrong length, a path with a
 * spoofing character) is not this error: that evidence item is reported in {@link
 * AlertImport#unmapped()} and the rest of the alert still imports, so one hostile file name cannot
 * keep an alert out of Parry.
 *
 * <p>An {@link InvalidInputException} (HTTP 400) whose {@link #field()} is the member that was
 * wrong, as a path from the document's root, for example {@code $.evidence[3].processId}; {@code $}
 * for text that is not JSON at all.
 */
public final class DefenderFormatException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  DefenderFormatException(String field, String message, Throwable cause) {
    super(field, null, field + ": " + message, cause);
  }

  DefenderFormatException(String field, String message) {
    super(field, null, field + ": " + message);
  }
}
