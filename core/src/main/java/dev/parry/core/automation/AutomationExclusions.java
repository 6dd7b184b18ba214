package dev.parry.core.automation;

import dev.parry.core.entity.FileName;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.internal.Text;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Automation folder exclusions: files automated investigation ignores, so no action is planned for
 * them. An exclusion is a folder (with everything beneath it), a file extension or a file name.
 * Wildcards are not supported: a folder is a {@link WindowsPath}, which refuses {@code *} and
 * {@code ?}, and extensions and names refuse them too. Matching is case-insensitive.
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
   * {@return whether automated investigation ignores the file at {@code path}}
   *
   * @param path the file's path
   */
  public boolean excludes(WindowsPath path) {
    if (folders.isEmpty() && extensions.isEmpty() && fileNames.isEmpty()) {
      return false;
    }
    if (extensions.contains(path.extension()) || fileNames.contains(path.fileName().toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (WindowsPath folder : folders) {
      if (path.isWithin(folder)) {
        return true;
      }
    }
    return false;
  }

  /** {@return the excluded folders} */
  public Set<WindowsPath> folders() {
    return folders;
  }

  /** {@return the excluded extensions, lower case, without the dot} */
  public Set<String> extensions() {
    return extensions;
  }

  /** {@return the excluded file names, lower case} */
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
      extensions.add(bare.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Excludes every file with a name.
     *
     * @param fileName the name, without wildcards
     * @return this builder
     * @throws IllegalArgumentException if the name holds {@code *} or {@code ?}
     */
    public Builder fileName(FileName fileName) {
      Objects.requireNonNull(fileName, "fileName");
      if (fileName.value().indexOf('*') >= 0 || fileName.value().indexOf('?') >= 0) {
        throw new IllegalArgumentException("fileName exclusions take no wildcards, was: " + Text.show(fileName.value()));
      }
      fileNames.add(fileName.value().toLowerCase(Locale.ROOT));
      return this;
    }

    /** {@return the exclusions collected so far} */
    public AutomationExclusions build() {
      return new AutomationExclusions(Set.copyOf(folders), Set.copyOf(extensions), Set.copyOf(fileNames));
    }
  }
}
