package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * An absolute path on a device, in the form of the device's operating system: a {@link WindowsPath}
 * ({@code C:\...}, {@code \Device\HarddiskVolume3\...}, UNC) or a {@link PosixPath} (macOS, Linux:
 * {@code /usr/bin/...}). The two never convert into each other: a POSIX path is not rewritten with
 * backslashes, and a backslash in a POSIX name is an ordinary character.
 *
 * <p>Each family compares as its file systems do and is judged by its own folder rules ({@code
 * FolderClassifier}); README "Path rules" lists both.
 *
 * <pre>{@code
 * FilePath windows = FilePath.of("C:\\Temp\\x.exe", OsPlatform.WINDOWS);    // a WindowsPath
 * FilePath linux = FilePath.of("/tmp/x", OsPlatform.LINUX);                 // a PosixPath
 * }</pre>
 */
public sealed interface FilePath permits WindowsPath, PosixPath {

  /** {@return the path as given} */
  String value();

  /** {@return a form equal for two paths exactly when they name one place, for entity keys} */
  String comparisonKey();

  /** {@return the last name of the path (the file name), or an empty string for a root} */
  String fileName();

  /**
   * {@return the path {@code value} names on a device running {@code os}}: a {@link PosixPath} for
   * macOS, Linux, iOS and Android, a {@link WindowsPath} otherwise
   *
   * @param value the path as the device reports it
   * @param os the device's operating system
   * @throws InvalidInputException if an argument is null
   * @throws InvalidInputException if the value is not a valid absolute path of that system
   */
  static FilePath of(String value, OsPlatform os) {
    return switch (Checks.notNull(os, "os")) {
      case MACOS, LINUX, IOS, ANDROID -> PosixPath.of(value);
      case WINDOWS, WINDOWS_SERVER, OTHER -> WindowsPath.of(value);
    };
  }
}
