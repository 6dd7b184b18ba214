package dev.parry.core.automation;

import dev.parry.core.entity.FilePath;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.HashSet;
import java.util.Set;

/**
 * Automation folder exclusions: the files automated investigation ignores, so no action is planned
 * for them. Each exclusion is a {@link FolderExclusion}: a folder with everything beneath it,
 * optionally narrowed by extensions and file names; a file is excluded when one of them covers it.
 * An extension or a name never excludes a file outside its folder: there is no way to write one
 * without a folder.
 *
 * <p>Paths are matched on the place Windows resolves them to ({@code \\localhost\C$\BuildAgent.\x}
 * is in {@code C:\BuildAgent}), and names are compared as NTFS compares them: one character's
 * simple upper case against another's, so the Kelvin sign is not a {@code k} here although Java's
 * {@code equalsIgnoreCase} says it is.
 *
 * <p>Where an 8.3 short name ({@code BUILDA~1}, or a file named {@code TOOL~1.EXE} in a folder
 * narrowed by names or extensions) or a volume named without its letter leaves it open whether an
 * exclusion applies, {@link #excludes(WindowsPath)} says no and {@link #mightExclude(WindowsPath)}
 * says yes: the standard policy then plans the remediation but asks for approval, the cautious side
 * between ignoring a file and remediating it unasked.
 *
 * <pre>{@code
 * AutomationExclusions exclusions = AutomationExclusions.builder()
 *     .folder(WindowsPath.of("C:\\BuildAgent"))
 *     .add(FolderExclusion.of(WindowsPath.of("D:\\Images")).withExtensions("vhdx"))
 *     .add(FolderExclusion.of(WindowsPath.of("C:\\Tools")).withFileNames(FileName.of("approved-tool.exe")))
 *     .build();
 * exclusions.excludes(WindowsPath.of("C:\\BuildAgent\\work\\a.exe"));   // true
 * exclusions.excludes(WindowsPath.of("D:\\Images\\base.vhdx"));         // true
 * exclusions.excludes(WindowsPath.of("C:\\Temp\\base.vhdx"));           // false: not in D:\Images
 * }</pre>
 */
public final class AutomationExclusions {

  private static final AutomationExclusions NONE = new AutomationExclusions(Set.of());

  private final Set<FolderExclusion> exclusions;

  private AutomationExclusions(Set<FolderExclusion> exclusions) {
    this.exclusions = exclusions;
  }

  /** {@return exclusions that exclude nothing} */
  public static AutomationExclusions none() {
    return NONE;
  }

  /** {@return a builder with no exclusions} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return whether no folder is excluded} */
  public boolean isEmpty() {
    return exclusions.isEmpty();
  }

  /**
   * {@return whether automated investigation ignores the file at {@code path}}: an exclusion
   * certainly covers it
   *
   * @param path the file's path
   */
  public boolean excludes(WindowsPath path) {
    if (exclusions.isEmpty()) {
      return false; // the common case, without an iterator
    }
    for (FolderExclusion exclusion : exclusions) {
      if (exclusion.covers(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return whether an exclusion could cover the file at {@code path} although none certainly
   * does}: it {@linkplain WindowsPath#couldBeWithin(WindowsPath) could be within} an excluded
   * folder, and, where extensions or names narrow that folder, its name may be an 8.3 short name or
   * is one of them
   *
   * <pre>{@code
   * AutomationExclusions exclusions = AutomationExclusions.builder().folder(WindowsPath.of("C:\\BuildAgent")).build();
   * exclusions.mightExclude(WindowsPath.of("C:\\BUILDA~1\\a.exe"));   // true: approval decides
   * }</pre>
   *
   * @param path the file's path
   */
  public boolean mightExclude(WindowsPath path) {
    if (exclusions.isEmpty() || excludes(path)) {
      return false;
    }
    for (FolderExclusion exclusion : exclusions) {
      if (exclusion.mightCover(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return whether an exclusion certainly covers the file at {@code path}}: for a Windows path as
   * {@link #excludes(WindowsPath)}; a POSIX path never (exclusions name Windows folders)
   *
   * @param path the file's path
   */
  public boolean excludes(FilePath path) {
    return path instanceof WindowsPath windows && excludes(windows);
  }

  /**
   * {@return whether an exclusion could cover the file at {@code path} although none certainly
   * does}: for a Windows path as {@link #mightExclude(WindowsPath)}; a POSIX path never
   *
   * @param path the file's path
   */
  public boolean mightExclude(FilePath path) {
    return path instanceof WindowsPath windows && mightExclude(windows);
  }

  /** {@return the exclusions} */
  public Set<FolderExclusion> exclusions() {
    return exclusions;
  }

  @Override
  public String toString() {
    return "AutomationExclusions{exclusions=" + exclusions + "}";
  }

  /** Collects exclusions; every method fails fast on a bad value. */
  public static final class Builder {
    private final Set<FolderExclusion> exclusions = new HashSet<>();

    private Builder() {}

    /**
     * Excludes a folder and every file beneath it: automated investigation ignores them and plans
     * no action (default: no folder is excluded); {@link #add(FolderExclusion)} narrows one by
     * extensions or names. Excluding a folder twice is the same as once.
     *
     * @param folder the folder, below a root; without a drive letter it applies on every drive
     * @return this builder
     * @throws InvalidInputException if {@code folder} is null
     * @throws InvalidInputException if {@code folder} is a root
     */
    public Builder folder(WindowsPath folder) {
      return add(FolderExclusion.of(folder));
    }

    /**
     * Adds an exclusion: a folder, narrowed to some extensions or file names or not (default:
     * none). Adding one twice is the same as once.
     *
     * @param exclusion the exclusion
     * @return this builder
     * @throws InvalidInputException if {@code exclusion} is null
     */
    public Builder add(FolderExclusion exclusion) {
      exclusions.add(Checks.notNull(exclusion, "exclusion"));
      return this;
    }

    /** {@return the exclusions collected so far} */
    public AutomationExclusions build() {
      return exclusions.isEmpty() ? NONE : new AutomationExclusions(Set.copyOf(exclusions));
    }
  }
}
