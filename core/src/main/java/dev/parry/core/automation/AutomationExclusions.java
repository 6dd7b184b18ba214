package dev.parry.core.automation;

import dev.parry.core.entity.FileName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.internal.NtfsNames;
import dev.parry.core.internal.Text;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Automation folder exclusions: files automated investigation ignores, so no action is planned for
 * them. An exclusion is a folder (with everything beneath it), a file extension or a file name.
 * Wildcards are not supported: a folder is a {@link WindowsPath}, which refuses {@code *} and
 * {@code ?}, and extensions and names refuse them too.
 *
 * <p>Paths are matched on the place Windows resolves them to ({@code \\localhost\C$\BuildAgent.\x}
 * is in {@code C:\BuildAgent}), and names are compared as NTFS compares them: one character's simple
 * upper case against another's, so the Kelvin sign is not a {@code k} here although Java's
 * {@code equalsIgnoreCase} says it is. A file whose name may be an 8.3 short name ({@code TOOL~1.EXE})
 * is not excluded by an extension or a name: only the file system knows its long name.
 *
 * <p>Where an 8.3 short name ({@code BUILDA~1}) or a volume named
 * without its letter leaves it open whether an exclusion applies, {@link #excludes(WindowsPath)} says
 * no and {@link #mightExclude(WindowsPath)} says yes: the standard policy then plans the remediation
 * but asks for approval, the cautious side between ignoring a file and remediating it unasked.
 *
 * <pre>{@code
 * AutomationExclusions exclusions = AutomationExclusions.builder()
 *     .folder(WindowsPath.of("C:\\BuildAgent"))
 *     .extension("vhdx")
 *     .fileName(FileName.of("approved-tool.exe"))
 *     .build();
 * exclusions.excludes(WindowsPath.of("C:\\BuildAgent\\work\\a.exe"));   // true
 * }</pre>
 */
public final class AutomationExclusions {

  private static final AutomationExclusions NONE = new AutomationExclusions(Set.of(), Set.of(), Set.of());

  private final Set<WindowsPath> folders;
  private final Set<String> extensions;
  private final Set<String> fileNames;

  private AutomationExclusions(Set<WindowsPath> folders, Set<String> extensions, Set<String> fileNames) {
    this.folders = folders;
    this.extensions = extensions;
    this.fileNames = fileNames;
  }

  /** {@return exclusions that exclude nothing} */
  public static AutomationExclusions none() {
    return NONE;
  }

  /** {@return a builder with no exclusions} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return whether automated investigation ignores the file at {@code path}}: an exclusion certainly
   * covers it
   *
   * @param path the file's path
   */
  public boolean excludes(WindowsPath path) {
    if (folders.isEmpty() && extensions.isEmpty() && fileNames.isEmpty()) {
      return false;
    }
    String name = path.fileName();
    if (!NtfsNames.mayBeShortName(name)
        && (extensions.contains(path.extension()) || fileNames.contains(NtfsNames.key(name)))) {
      return true;
    }
    for (WindowsPath folder : folders) {
      if (path.isWithin(folder)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return whether an exclusion could cover the file at {@code path} although it does not certainly}:
   * its name may be an 8.3 short name while extensions or names are excluded, or
   * {@link WindowsPath#couldBeWithin(WindowsPath) it could be within} an excluded folder
   *
   * <pre>{@code
   * AutomationExclusions exclusions = AutomationExclusions.builder().folder(WindowsPath.of("C:\\BuildAgent")).build();
   * exclusions.mightExclude(WindowsPath.of("C:\\BUILDA~1\\a.exe"));   // true: approval decides
   * }</pre>
   *
   * @param path the file's path
   */
  public boolean mightExclude(WindowsPath path) {
    if ((folders.isEmpty() && extensions.isEmpty() && fileNames.isEmpty()) || excludes(path)) {
      return false;
    }
    if (NtfsNames.mayBeShortName(path.fileName()) && (!extensions.isEmpty() || !fileNames.isEmpty())) {
      return true;
    }
    for (WindowsPath folder : folders) {
      if (path.couldBeWithin(folder)) {
        return true;
      }
    }
    return false;
  }

  /** {@return the excluded folders} */
  public Set<WindowsPath> folders() {
    return folders;
  }

  /** {@return the excluded extensions without the dot, lower case} */
  public Set<String> extensions() {
    return extensions;
  }

  /**
   * {@return the excluded file names as Windows resolves them (trailing dots and spaces stripped), in
   * lower case where NTFS's upper-case rule allows}
   */
  public Set<String> fileNames() {
    return fileNames;
  }

  @Override
  public String toString() {
    return "AutomationExclusions{folders=" + folders + ", extensions=" + extensions + ", fileNames=" + fileNames + "}";
  }

  /** Collects exclusions; every method fails fast on a bad value. */
  public static final class Builder {
    private final Set<WindowsPath> folders = new HashSet<>();
    private final Set<String> extensions = new HashSet<>();
    private final Set<String> fileNames = new HashSet<>();

    private Builder() {}

    /**
     * Excludes a folder and everything beneath it.
     *
     * @param folder the folder; without a drive letter it applies on every drive
     * @return this builder
     * @throws NullPointerException if {@code folder} is null
     */
    public Builder folder(WindowsPath folder) {
      folders.add(Objects.requireNonNull(folder, "folder"));
      return this;
    }

    /**
     * Excludes every file with an extension.
     *
     * @param extension 1-32 ASCII letters or digits, with or without a leading dot
     * @return this builder
     * @throws IllegalArgumentException if the extension is empty, too long or holds another character
     */
    public Builder extension(String extension) {
      Objects.requireNonNull(extension, "extension");
      String bare = extension.startsWith(".") ? extension.substring(1) : extension;
      Text.requireChars("extension", bare, 1, 32, "ASCII letters or digits (no wildcards)", Text::isAsciiAlphanumeric);
      extensions.add(NtfsNames.key(bare));
      return this;
    }

    /**
     * Excludes every file with a name.
     *
     * @param fileName the name, without wildcards
     * @return this builder
     * @throws IllegalArgumentException if the name holds {@code *} or {@code ?}, or is only dots and spaces
     */
    public Builder fileName(FileName fileName) {
      Objects.requireNonNull(fileName, "fileName");
      if (fileName.value().indexOf('*') >= 0 || fileName.value().indexOf('?') >= 0) {
        throw new IllegalArgumentException("fileName exclusions take no wildcards, was: " + Text.show(fileName.value()));
      }
      String resolved = fileName.value().replaceFirst("[. ]+$", "");
      if (resolved.isEmpty()) {
        throw new IllegalArgumentException("fileName exclusions must name a file, not only dots and spaces, was: "
            + Text.show(fileName.value()));
      }
      fileNames.add(NtfsNames.key(resolved));
      return this;
    }

    /** {@return the exclusions collected so far} */
    public AutomationExclusions build() {
      return new AutomationExclusions(Set.copyOf(folders), Set.copyOf(extensions), Set.copyOf(fileNames));
    }
  }
}
