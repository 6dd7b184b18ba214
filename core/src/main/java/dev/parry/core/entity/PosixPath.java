package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * An absolute POSIX path (macOS, Linux): the spelling given, kept as it is, never rewritten with
 * backslashes.
 *
 * <p><b>Comparison</b>: repeated {@code /} collapse, {@code .} names and a trailing {@code /} are
 * dropped, and names are compared exactly, case included (Linux file systems are case-sensitive;
 * where macOS's are not, the folder rules take the cautious side, see {@code FolderClassifier}). A
 * {@code ..} is kept: the name before it may be a symbolic link, so only the file system can tell
 * where it leads. A backslash is an ordinary character of a name.
 *
 * <p><b>Refused</b>, naming the value: a path that does not start with {@code /}, one longer than
 * {@value #MAX_LENGTH} characters, and one holding a spoofing or control character (see the package
 * documentation; NUL is never part of a POSIX path).
 *
 * @param value the path as given, kept as it is: starts with {@code /}, 1-{@value #MAX_LENGTH}
 *     characters, no spoofing or control characters
 */
public record PosixPath(String value) implements FilePath {

  /** The longest path accepted, Linux's {@code PATH_MAX}: {@value}. */
  public static final int MAX_LENGTH = 4096;

  /**
   * Validates the path.
   *
   * @param value the path as given, kept as it is: starts with {@code /}, 1-{@value #MAX_LENGTH}
   *     characters, no spoofing or control characters
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if the path is empty, too long, holds a spoofing character or
   *     does not start with {@code /}
   */
  public PosixPath {
    Text.requireIdentifier("posixPath", value, 1, MAX_LENGTH);
    if (value.charAt(0) != '/') {
      throw new InvalidInputException(
          "posixPath",
          value,
          "posixPath must be absolute (start with '/'), was: " + Text.show(value));
    }
  }

  /**
   * {@return the path for {@code value}}
   *
   * <pre>{@code PosixPath path = PosixPath.of("/Users/alice/Downloads/invoice.app");}</pre>
   *
   * @param value an absolute POSIX path
   * @throws InvalidInputException if the value is not a valid absolute path
   */
  public static PosixPath of(String value) {
    return new PosixPath(value);
  }

  /** {@return the path's names, without empty and {@code .} names} */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (String name : value.split("/", -1)) {
      if (!name.isEmpty() && !name.equals(".")) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * {@return the path with repeated {@code /}, {@code .} names and a trailing {@code /} dropped}
   */
  @Override
  public String comparisonKey() {
    return "/" + String.join("/", names());
  }

  @Override
  public String fileName() {
    List<String> names = names();
    return names.isEmpty() ? "" : names.get(names.size() - 1);
  }

  /** Equal when both name the same place as their spelling tells, case included. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PosixPath that && comparisonKey().equals(that.comparisonKey());
  }

  @Override
  public int hashCode() {
    return comparisonKey().hashCode();
  }

  /** {@return the path as given} */
  @Override
  public String toString() {
    return value;
  }
}
