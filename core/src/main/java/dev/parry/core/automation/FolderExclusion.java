package dev.parry.core.automation;

import dev.parry.core.entity.FileName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.NtfsNames;
import dev.parry.core.internal.Text;
import java.util.HashSet;
import java.util.Set;

/**
 * One automation folder exclusion, as Defender defines it: a folder with everything beneath it,
 * optionally narrowed by file extensions and file names ("the extensions to exclude in a specific
 * directory… a way to prevent an attacker from using an excluded folder to hide an exploit"). A
 * file is excluded when it lies beneath the folder and, if extensions or names are given, has one
 * of the extensions or one of the names.
 *
 * <p><b>Extensions and names never reach outside their folder.</b> There is no exclusion by
 * extension or by name alone, and the folder must lie below a root: an exclusion of {@code C:\} or
 * of {@code \} (every drive) would hide a kind of file, or every file, anywhere, which is what the
 * documentation says extensions and names are there to prevent. Wildcards are not supported: the
 * folder is a {@link WindowsPath}, which refuses {@code *} and {@code ?}, and extensions and names
 * refuse them too.
 *
 * <p>Paths are matched on the place Windows resolves them to, names compared as NTFS compares them
 * (see {@link AutomationExclusions} for the cases an 8.3 short name leaves open).
 *
 * <pre>{@code
 * FolderExclusion agent = FolderExclusion.of(WindowsPath.of("C:\\BuildAgent"));   // every file beneath it
 * FolderExclusion images = FolderExclusion.of(WindowsPath.of("D:\\Images")).withExtensions("vhdx", "iso");
 * FolderExclusion tool = FolderExclusion.of(WindowsPath.of("C:\\Tools")).withFileNames(FileName.of("approved.exe"));
 * }</pre>
 *
 * @param folder the folder, below a root; without a drive letter it applies on every drive
 * @param extensions the extensions that narrow it, stored without the dot in lower case; empty when
 *     no extension narrows it
 * @param fileNames the file names that narrow it, stored as Windows resolves them (trailing dots
 *     and spaces stripped) in lower case where NTFS's upper-case rule allows; empty when no name
 *     narrows it
 */
public record FolderExclusion(WindowsPath folder, Set<String> extensions, Set<String> fileNames) {

  /** The longest extension accepted: {@value}. */
  public static final int MAX_EXTENSION_LENGTH = 32;

  /**
   * Validates the exclusion and brings extensions and names to the form they are compared in.
   *
   * @param folder the folder, below a root; without a drive letter it applies on every drive
   * @param extensions the extensions that narrow it, stored without the dot in lower case; empty
   *     when no extension narrows it
   * @param fileNames the file names that narrow it, stored as Windows resolves them (trailing dots
   *     and spaces stripped) in lower case where NTFS's upper-case rule allows; empty when no name
   *     narrows it
   * @throws InvalidInputException if a component, an extension or a name is null
   * @throws InvalidInputException if the folder is a root (a drive, every drive, a volume or a
   *     share), an extension is empty, longer than {@value #MAX_EXTENSION_LENGTH} or not ASCII
   *     letters and digits, or a name is not a valid {@link FileName}, holds {@code *} or {@code
   *     ?}, or is only dots and spaces
   */
  public FolderExclusion {
    Checks.notNull(folder, "folder");
    if (folder.fileName().isEmpty()) {
      throw new InvalidInputException(
          "folder",
          folder.value(),
          "folder must lie below a root (an exclusion of a root would exclude files"
              + " anywhere on it), was: "
              + Text.show(folder.value()));
    }
    Set<String> extensionKeys = new HashSet<>();
    for (String extension : Checks.notNull(extensions, "extensions")) {
      extensionKeys.add(extensionKey(extension));
    }
    Set<String> nameKeys = new HashSet<>();
    for (String fileName : Checks.notNull(fileNames, "fileNames")) {
      nameKeys.add(fileNameKey(new FileName(Checks.notNull(fileName, "fileName"))));
    }
    extensions = Set.copyOf(extensionKeys);
    fileNames = Set.copyOf(nameKeys);
  }

  /**
   * {@return an exclusion of {@code folder} and every file beneath it}
   *
   * <pre>{@code FolderExclusion agent = FolderExclusion.of(WindowsPath.of("C:\\BuildAgent"));}
   * </pre>
   *
   * @param folder the folder, below a root; without a drive letter it applies on every drive
   * @throws InvalidInputException if {@code folder} is null
   * @throws InvalidInputException if {@code folder} is a root
   */
  public static FolderExclusion of(WindowsPath folder) {
    return new FolderExclusion(folder, Set.of(), Set.of());
  }

  /**
   * {@return this exclusion narrowed to files with one of these extensions} (or with one of its
   * names)
   *
   * <pre>{@code FolderExclusion.of(WindowsPath.of("D:\\Images")).withExtensions(".VHDX", "iso");}
   * </pre>
   *
   * @param values 1-{@value #MAX_EXTENSION_LENGTH} ASCII letters or digits each, with or without a
   *     leading dot, compared case-insensitively
   * @throws InvalidInputException if an extension is null
   * @throws InvalidInputException if an extension is empty, too long or holds another character
   */
  public FolderExclusion withExtensions(String... values) {
    Set<String> more = new HashSet<>(extensions);
    for (String value : values) {
      more.add(extensionKey(Checks.notNull(value, "extension")));
    }
    return new FolderExclusion(folder, more, fileNames);
  }

  /**
   * {@return this exclusion narrowed to files with one of these names} (or with one of its
   * extensions)
   *
   * <pre>
   * {@code FolderExclusion.of(WindowsPath.of("C:\\Tools")).withFileNames(FileName.of("approved.exe"));}
   * </pre>
   *
   * @param values names without wildcards, compared as NTFS compares them
   * @throws InvalidInputException if a name is null
   * @throws InvalidInputException if a name holds {@code *} or {@code ?}, or is only dots and
   *     spaces
   */
  public FolderExclusion withFileNames(FileName... values) {
    Set<String> more = new HashSet<>(fileNames);
    for (FileName value : values) {
      more.add(fileNameKey(Checks.notNull(value, "fileName")));
    }
    return new FolderExclusion(folder, extensions, more);
  }

  /** {@return whether extensions or names narrow the folder} */
  public boolean isNarrowed() {
    return !extensions.isEmpty() || !fileNames.isEmpty();
  }

  /**
   * Whether this exclusion certainly covers the file at {@code path}: beneath the folder, and, when
   * narrowed, with one of the extensions or names. A name that may be an 8.3 short name is not
   * certainly any of them.
   */
  boolean covers(WindowsPath path) {
    if (!path.isWithin(folder)) {
      return false;
    }
    if (!isNarrowed()) {
      return true;
    }
    String name = path.fileName();
    return !NtfsNames.mayBeShortName(name) && hasNarrowingName(path, name);
  }

  /**
   * Whether this exclusion could cover the file at {@code path}: {@linkplain
   * WindowsPath#couldBeWithin(WindowsPath) it could be beneath the folder}, and, when narrowed, its
   * name may be a short name or has one of the extensions or names.
   */
  boolean mightCover(WindowsPath path) {
    if (!path.couldBeWithin(folder)) {
      return false;
    }
    if (!isNarrowed()) {
      return true;
    }
    String name = path.fileName();
    return NtfsNames.mayBeShortName(name) || hasNarrowingName(path, name);
  }

  private boolean hasNarrowingName(WindowsPath path, String name) {
    return extensions.contains(path.extension()) || fileNames.contains(NtfsNames.key(name));
  }

  private static String extensionKey(String extension) {
    String bare = extension.startsWith(".") ? extension.substring(1) : extension;
    Text.requireChars(
        "extension",
        bare,
        1,
        MAX_EXTENSION_LENGTH,
        "ASCII letters or digits (no wildcards)",
        Text::isAsciiAlphanumeric);
    return NtfsNames.key(bare);
  }

  private static String fileNameKey(FileName fileName) {
    if (fileName.value().indexOf('*') >= 0 || fileName.value().indexOf('?') >= 0) {
      throw new InvalidInputException(
          "fileName",
          fileName.value(),
          "fileName exclusions take no wildcards, was: " + Text.show(fileName.value()));
    }
    String resolved = fileName.value().replaceFirst("[. ]+$", "");
    if (resolved.isEmpty()) {
      throw new InvalidInputException(
          "fileName",
          fileName.value(),
          "fileName exclusions must name a file, not only dots and spaces, was: "
              + Text.show(fileName.value()));
    }
    return NtfsNames.key(resolved);
  }

  @Override
  public String toString() {
    return "FolderExclusion{folder="
        + folder
        + ", extensions="
        + extensions
        + ", fileNames="
        + fileNames
        + "}";
  }
}
