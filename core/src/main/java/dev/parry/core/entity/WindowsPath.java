package dev.parry.core.entity;

import dev.parry.core.internal.Text;
import java.util.Locale;

/**
 * An absolute Windows file or folder path, normalised and compared case-insensitively.
 *
 * <p>Accepted forms are {@code C:\dir\file}, drive-less {@code \dir\file} and UNC
 * {@code \\server\share\dir}. Forward slashes become backslashes, repeated separators collapse and a
 * trailing separator is dropped, so {@code C:/Windows//System32/} and {@code c:\windows\system32}
 * are equal. Relative paths, {@code .} and {@code ..} segments and the characters
 * {@code < > " | ? *} are refused: a path names one place, never a pattern.
 *
 * @param value the normalised path, case preserved
 */
public record WindowsPath(String value) {

  /** The longest path accepted, Windows' extended-length limit: {@value}. */
  public static final int MAX_LENGTH = 32_767;

  private static final String FORBIDDEN = "<>\"|?*";

  /**
   * Validates and normalises the path.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the path is empty, too long, relative, holds a spoofing or
   *     forbidden character, or a {@code .} or {@code ..} segment
   */
  public WindowsPath {
    Text.requireIdentifier("windowsPath", value, 1, MAX_LENGTH);
    value = normalise(value);
  }

  /**
   * {@return the path for {@code value}}
   *
   * <pre>{@code WindowsPath path = WindowsPath.of("C:\\Users\\alice\\Downloads\\invoice.exe");}</pre>
   *
   * @param value an absolute Windows path
   * @throws IllegalArgumentException if the value is not a valid absolute path
   */
  public static WindowsPath of(String value) {
    return new WindowsPath(value);
  }

  private static String normalise(String raw) {
    String path = raw.replace('/', '\\');
    boolean unc = path.startsWith("\\\\");
    boolean drive = path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))
        && path.charAt(0) < 128;
    if (drive && (path.length() == 2 || path.charAt(2) != '\\')) {
      throw new IllegalArgumentException("windowsPath must be absolute (drive letter then '\\'), was: " + Text.show(raw));
    }
    if (!drive && !path.startsWith("\\")) {
      throw new IllegalArgumentException("windowsPath must be absolute (C:\\..., \\... or \\\\server\\share), was: " + Text.show(raw));
    }
    String body = drive ? path.substring(2) : path;
    StringBuilder out = new StringBuilder(path.length());
    if (drive) {
      out.append(Character.toUpperCase(path.charAt(0))).append(':');
    }
    if (unc) {
      out.append('\\');
    }
    for (String segment : body.split("\\\\", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("windowsPath must not contain '.' or '..' segments, was: " + Text.show(raw));
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (FORBIDDEN.indexOf(c) >= 0 || c == ':') {
          throw new IllegalArgumentException(
              "windowsPath must not contain the characters <>\"|?*: (found '" + c + "'), was: " + Text.show(raw));
        }
      }
      out.append('\\').append(segment);
    }
    if (out.length() == 0 || (drive && out.length() == 2)) {
      out.append('\\');
    }
    if (unc && out.length() < 3) {
      throw new IllegalArgumentException("windowsPath must name a server after '\\\\', was: " + Text.show(raw));
    }
    return out.toString();
  }

  /** {@return the path in lower case without its drive letter, the form folder rules match on} */
  public String folderForm() {
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.length() >= 2 && lower.charAt(1) == ':' ? lower.substring(2) : lower;
  }

  /** {@return the last segment (the file name), or an empty string for a root} */
  public String fileName() {
    return value.substring(value.lastIndexOf('\\') + 1);
  }

  /** {@return the file name's extension in lower case without the dot, or an empty string if none} */
  public String extension() {
    String name = fileName();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * {@return whether this path is {@code folder} or lies beneath it} A folder without a drive letter
   * matches on every drive.
   *
   * @param folder the folder
   */
  public boolean isWithin(WindowsPath folder) {
    boolean folderHasDrive = folder.value.length() >= 2 && folder.value.charAt(1) == ':';
    String mine = folderHasDrive ? value.toLowerCase(Locale.ROOT) : folderForm();
    String theirs = folderHasDrive ? folder.value.toLowerCase(Locale.ROOT) : folder.folderForm();
    if (theirs.endsWith("\\")) {
      return mine.startsWith(theirs);
    }
    return mine.equals(theirs) || mine.startsWith(theirs + "\\");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WindowsPath that && Text.equalsFolded(value, that.value);
  }

  @Override
  public int hashCode() {
    return Text.foldedHash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
