// Past 400 lines because both folder lists, their Windows and POSIX forms and the volume map answer
// one question each, cautious side included, and read best side by side.
package dev.parry.core.automation;

import dev.parry.core.entity.FilePath;
import dev.parry.core.entity.PosixPath;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.NtfsNames;
import dev.parry.core.internal.PathResolver;
import dev.parry.core.internal.PathResolver.Resolution;
import dev.parry.core.internal.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the two questions the folder-based Semi levels ask of a file: {@linkplain
 * #isInCoreFolder(WindowsPath) is it in a core folder?} (Semi - require approval for core folders
 * remediation) and {@linkplain #isInTempFolder(WindowsPath) is it in a temp folder?} (Semi -
 * require approval for non-temp folders remediation). Each question has its own list of folders and
 * neither list bears on the other's answer: a file can be in both ({@code \Windows\Temp} is in
 * {@code \Windows}, Program Files is in both default lists), in one or in neither.
 *
 * <p>A pattern is a folder written with {@code \} or {@code /}, where a {@code *} segment stands
 * for exactly one folder name; a file is in a listed folder when it lies anywhere beneath it, on
 * any drive. A final {@code \*} adds nothing: {@code \Windows\*} is {@code \Windows}.
 *
 * <p><b>Path rules</b> (README "Path rules"). A path is judged as {@link WindowsPath} resolves it:
 * {@code C:\Windows.\x}, {@code \\localhost\C$\Windows\x} and {@code \\?\C:\Windows\x} are all in
 * {@code \Windows}. Names are compared as NTFS compares them, one character's simple upper case
 * against another's: {@code WINDOWS} spelled with a dotted capital I (U+0130) is not {@code
 * Windows}.
 *
 * <p><b>Where the spelling leaves a doubt, each question takes the side that asks for approval.</b>
 * A folder name holding {@code ~} then a digit ({@code PROGRA~1}, {@code WINDOW~1}) may be the 8.3
 * short name of any folder in its parent: only the file system knows which. So a file is in a core
 * folder when <em>some</em> reading of its short names puts it in one, and in a temp folder only
 * when <em>every</em> reading does. {@code C:\PROGRA~1\x.exe} and {@code C:\ABC~1\x.exe} are in a
 * core folder (either could be Program Files) and, for the same reason, not in a temp folder;
 * {@code C:\Users\alice\DOWNLO~1\x.exe} is not in a temp folder (it could be Downloads, or not);
 * {@code C:\Users\ALICE~1\Downloads\x.exe} is (any user folder will do). Short names set by hand
 * ({@code fsutil file setshortname}) need administrator rights and are out of scope. A file on a
 * share that is not a drive's admin share ({@code \\server\share\x}, {@code ADMIN$}) or on an NT
 * device other than a volume may lie in any folder of that machine: it is in a core folder and not
 * in a temp folder. A drive's admin share on another host ({@code \\fs01\C$\Windows\x}) is judged
 * by its folders, like a drive. A volume named without its letter ({@code
 * \Device\HarddiskVolume3\...}, {@code \\?\Volume{GUID}\...}, the form Defender reports many paths
 * in) may be mounted in any folder, {@code \Windows} included: unless {@link #withVolumes(Map)}
 * says which drive it is, a file on it is in a core folder and not in a temp folder.
 *
 * <p><b>POSIX paths</b> (macOS, Linux; {@link PosixPath}) have their own two lists, written with
 * {@code /} ({@link #DEFAULT_POSIX_CORE}, {@link #DEFAULT_POSIX_TEMP}; {@link #withPosix(List,
 * List)} replaces them). Linux compares names with their case and macOS usually without, so a file
 * is in a core folder when its names match a pattern in either way, and in a temp folder only when
 * they match exactly. A {@code ..} name may follow a symbolic link anywhere: such a path is in a
 * core folder and not in a temp folder.
 *
 * <p><b>Defaults</b> follow Defender's documentation. Core: {@code \Windows} and the Program Files
 * folders ("operating system directories such as Windows folder and Program files folder"; Program
 * Files (x86) is the Program Files folder of 32-bit programs on 64-bit Windows). Temp: the list the
 * documentation gives for Semi - non-temp folders, Program Files and Program Files (x86) included.
 *
 * <pre>{@code
 * FolderClassifier folders = FolderClassifier.defaults();
 * folders.isInCoreFolder(WindowsPath.of("C:\\Windows\\Temp\\evil.exe"));   // true: Semi - core asks approval
 * folders.isInTempFolder(WindowsPath.of("C:\\Windows\\Temp\\evil.exe"));   // true: Semi - non-temp remediates
 * folders.isInTempFolder(WindowsPath.of("C:\\PROGRA~1\\Vendor\\app.exe")); // false: PROGRA~1 may be another folder
 * }</pre>
 *
 * <p>Past 400 lines because both folder lists, their Windows and POSIX forms and the volume map
 * answer one question each, cautious side included, and read best side by side.
 */
public final class FolderClassifier {

  /**
   * The default core folders: {@code \Windows}, {@code \Program Files}, {@code \Program Files
   * (x86)}.
   */
  public static final List<String> DEFAULT_CORE =
      List.of("/windows", "/program files", "/program files (x86)");

  /** The default temp folders, as Defender's documentation lists them. */
  public static final List<String> DEFAULT_TEMP =
      List.of(
          "/users/*/appdata/local/temp",
          "/documents and settings/*/local settings/temp",
          "/documents and settings/*/local settings/temporary",
          "/windows/temp",
          "/users/*/downloads",
          "/program files",
          "/program files (x86)",
          "/documents and settings/*/users");

  /**
   * The default core folders of macOS and Linux: the system's programs, libraries and configuration
   * ({@code /bin}, {@code /sbin}, {@code /usr}, {@code /lib}, {@code /lib32}, {@code /lib64},
   * {@code /etc}, {@code /boot}), add-on software ({@code /opt}, {@code /Applications}, the Program
   * Files of each) and macOS's own ({@code /System}, {@code /Library}, {@code /private/etc}).
   */
  public static final List<String> DEFAULT_POSIX_CORE =
      List.of(
          "/bin",
          "/sbin",
          "/usr",
          "/lib",
          "/lib32",
          "/lib64",
          "/etc",
          "/boot",
          "/opt",
          "/Applications",
          "/System",
          "/Library",
          "/private/etc");

  /**
   * The default temp folders of macOS and Linux: the system's temp folders ({@code /tmp}, {@code
   * /var/tmp}, macOS's {@code /private/tmp}, {@code /private/var/tmp} and per-user {@code
   * /private/var/folders}) and each user's Downloads, as Defender lists Downloads for Windows.
   */
  public static final List<String> DEFAULT_POSIX_TEMP =
      List.of(
          "/tmp",
          "/var/tmp",
          "/private/tmp",
          "/private/var/tmp",
          "/private/var/folders",
          "/home/*/Downloads",
          "/Users/*/Downloads");

  /** The most segments a pattern may have: {@value}. */
  public static final int MAX_SEGMENTS = 64;

  private static final FolderClassifier DEFAULTS = of(DEFAULT_CORE, DEFAULT_TEMP);

  /** A pattern's segments in upper case, {@code *} for a wildcard. */
  private final String[][] core;

  private final String[][] temp;

  /** The most segments of any pattern of a list: folders deeper than this never decide a match. */
  private final int coreDepth;

  private final int tempDepth;

  /** POSIX patterns' segments as written, {@code *} for a wildcard. */
  private final String[][] posixCore;

  private final String[][] posixTemp;

  /** Volumes known to be a drive's root: the volume's name in upper case, to its drive letter. */
  private final Map<String, Character> volumes;

  private FolderClassifier(
      String[][] core,
      String[][] temp,
      String[][] posixCore,
      String[][] posixTemp,
      Map<String, Character> volumes) {
    this.core = core;
    this.temp = temp;
    this.coreDepth = deepest(core);
    this.tempDepth = deepest(temp);
    this.posixCore = posixCore;
    this.posixTemp = posixTemp;
    this.volumes = Map.copyOf(volumes);
  }

  private static int deepest(String[][] patterns) {
    int deepest = 0;
    for (String[] pattern : patterns) {
      deepest = Math.max(deepest, pattern.length);
    }
    return deepest;
  }

  /** {@return the folders with {@link #DEFAULT_CORE} and {@link #DEFAULT_TEMP}} */
  public static FolderClassifier defaults() {
    return DEFAULTS;
  }

  /**
   * {@return the folders with these two lists}, each answering its own question; a folder may be in
   * both, and an empty list holds no file
   *
   * <pre>{@code
   * FolderClassifier folders = FolderClassifier.of(FolderClassifier.DEFAULT_CORE,
   *     List.of("\\windows\\temp", "\\build\\scratch"));   // only these two are temp
   * }</pre>
   *
   * @param corePatterns the core folders, asked about by Semi - require approval for core folders
   *     remediation
   * @param tempPatterns the temp folders, asked about by Semi - require approval for non-temp
   *     folders remediation
   * @throws InvalidInputException if a list or a pattern is null
   * @throws InvalidInputException if a pattern is not absolute, has an empty segment, a control
   *     character, a {@code *} that is not a whole segment, a {@code .} or {@code ..} segment or
   *     one ending in a dot or a space (Windows strips those), or more than {@value #MAX_SEGMENTS}
   *     segments
   */
  public static FolderClassifier of(List<String> corePatterns, List<String> tempPatterns) {
    return new FolderClassifier(
        parse(corePatterns, "corePatterns"),
        parse(tempPatterns, "tempPatterns"),
        PosixFolders.parse(DEFAULT_POSIX_CORE, "posixCorePatterns"),
        PosixFolders.parse(DEFAULT_POSIX_TEMP, "posixTempPatterns"),
        Map.of());
  }

  /**
   * {@return these folders with these POSIX lists instead of their own}, for macOS and Linux paths
   *
   * <pre>{@code
   * FolderClassifier folders = FolderClassifier.defaults().withPosix(FolderClassifier.DEFAULT_POSIX_CORE,
   *     List.of("/tmp", "/srv/scratch"));
   * }</pre>
   *
   * @param corePatterns the core folders, each starting with {@code /}; {@code *} stands for one
   *     name
   * @param tempPatterns the temp folders, likewise
   * @throws InvalidInputException if a list or a pattern is null
   * @throws InvalidInputException if a pattern does not start with {@code /}, has an empty, {@code
   *     .} or {@code ..} segment, a control character, a {@code *} that is not a whole segment, or
   *     more than {@value #MAX_SEGMENTS} segments
   */
  public FolderClassifier withPosix(List<String> corePatterns, List<String> tempPatterns) {
    return new FolderClassifier(
        core,
        temp,
        PosixFolders.parse(corePatterns, "corePatterns"),
        PosixFolders.parse(tempPatterns, "tempPatterns"),
        volumes);
  }

  /**
   * {@return these folders, knowing which drive each of these volumes is}: a file on a listed
   * volume is judged by its folders, as on a drive; one on a volume not listed stays in a core
   * folder and out of the temp folders (it may be mounted anywhere). The map applies to every
   * device, so list only what holds across the fleet (a standard image's system volume).
   *
   * <pre>{@code
   * FolderClassifier folders = FolderClassifier.defaults().withVolumes(Map.of("HarddiskVolume3", 'C'));
   * }</pre>
   *
   * @param mapping volume names as they follow {@code \Device\} or {@code \\?\} ({@code
   *     HarddiskVolume3}, {@code Volume{GUID}}, compared case-insensitively) to drive letters
   * @throws InvalidInputException if the map, a name or a letter is null
   * @throws InvalidInputException if a name is not a volume's or a letter is not A-Z
   */
  public FolderClassifier withVolumes(Map<String, Character> mapping) {
    Map<String, Character> out = new HashMap<>();
    for (Map.Entry<String, Character> entry : Checks.notNull(mapping, "mapping").entrySet()) {
      String name = Checks.notNull(entry.getKey(), "volume");
      char letter = Character.toUpperCase(Checks.notNull(entry.getValue(), "drive letter"));
      if (letter < 'A' || letter > 'Z') {
        throw new InvalidInputException(
            "letter",
            name,
            "drive letter must be A-Z, was: "
                + Text.show(String.valueOf(letter))
                + " for "
                + Text.show(name));
      }
      out.put(volumeName(volume(name)), letter);
    }
    return new FolderClassifier(core, temp, posixCore, posixTemp, out);
  }

  private static Resolution volume(String name) {
    Text.requireIdentifier("volume", name, 1, 64);
    try {
      Resolution resolved = PathResolver.resolve("\\\\?\\" + name + "\\");
      if (resolved.root() == PathResolver.Root.VOLUME) {
        return resolved;
      }
    } catch (IllegalArgumentException | InvalidInputException e) {
      // not a volume's name: refused below
    }
    throw new InvalidInputException(
        "volume", name, "volume must be HarddiskVolumeN or Volume{GUID}, was: " + Text.show(name));
  }

  /** {@return the volume's own name in upper case: {@code HARDDISKVOLUME3}, {@code VOLUME{...}}} */
  private static String volumeName(Resolution resolved) {
    String root = resolved.rootName();
    return NtfsNames.upper(root.substring(root.lastIndexOf('\\') + 1));
  }

  /** Whether a file on this root is judged by its folders: a drive, or a volume known to be one. */
  private boolean placed(Resolution resolved) {
    if (resolved.root() == PathResolver.Root.VOLUME) {
      return volumes.containsKey(volumeName(resolved));
    }
    return resolved.root().isVolumeRoot();
  }

  private static String[][] parse(List<String> patterns, String name) {
    List<String[]> out = new ArrayList<>();
    Checks.notNull(patterns, name);
    for (int index = 0; index < patterns.size(); index++) {
      String pattern = patterns.get(index);
      String field = name + "[" + index + "]";
      Text.require(field, pattern, 1, 1024);
      String p = pattern.replace('\\', '/');
      if (p.endsWith("/*")) {
        p = p.substring(0, p.length() - 2);
      }
      if (!p.startsWith("/") || p.length() < 2) {
        throw new InvalidInputException(
            field,
            pattern,
            "folder pattern must start with '/' or '\\' and name a folder, was: "
                + Text.show(pattern));
      }
      String[] segments = p.substring(1).split("/", -1);
      if (segments.length > MAX_SEGMENTS) {
        throw new InvalidInputException(
            field,
            pattern,
            "folder pattern must have at most "
                + MAX_SEGMENTS
                + " segments, was: "
                + Text.show(pattern));
      }
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        if (segment.isEmpty() || (segment.contains("*") && !segment.equals("*"))) {
          throw new InvalidInputException(
              field,
              pattern,
              "folder pattern segments must be non-empty and '*' must stand alone, was: "
                  + Text.show(pattern));
        }
        if (segment.endsWith(".") || segment.endsWith(" ")) {
          throw new InvalidInputException(
              field,
              pattern,
              "folder pattern segments must not be '.' or '..' or end in a dot or a"
                  + " space (Windows strips those from names), was: "
                  + Text.show(pattern));
        }
        segments[i] = NtfsNames.upper(segment);
      }
      out.add(segments);
    }
    return out.toArray(new String[0][]);
  }

  /**
   * {@return whether {@code file} is in a core folder}: a Windows path as {@link
   * #isInCoreFolder(WindowsPath)} says, a POSIX path when its folders match a POSIX core pattern,
   * case ignored (macOS), or when it holds a {@code ..}
   *
   * <pre>{@code
   * FolderClassifier.defaults().isInCoreFolder(PosixPath.of("/usr/local/bin/x"));   // true
   * }</pre>
   *
   * @param file the file's path
   * @throws InvalidInputException if {@code file} is null
   */
  public boolean isInCoreFolder(FilePath file) {
    return Checks.notNull(file, "file") instanceof WindowsPath windows
        ? isInCoreFolder(windows)
        : PosixFolders.match((PosixPath) file, posixCore, true);
  }

  /**
   * {@return whether {@code file} is in a temp folder}: a Windows path as {@link
   * #isInTempFolder(WindowsPath)} says, a POSIX path when its folders match a POSIX temp pattern
   * exactly, case included, and it holds no {@code ..}
   *
   * <pre>{@code
   * FolderClassifier.defaults().isInTempFolder(PosixPath.of("/tmp/payload"));   // true
   * FolderClassifier.defaults().isInTempFolder(PosixPath.of("/TMP/payload"));   // false: may be another folder
   * }</pre>
   *
   * @param file the file's path
   * @throws InvalidInputException if {@code file} is null
   */
  public boolean isInTempFolder(FilePath file) {
    return Checks.notNull(file, "file") instanceof WindowsPath windows
        ? isInTempFolder(windows)
        : PosixFolders.match((PosixPath) file, posixTemp, false);
  }

  /**
   * {@return whether {@code file} is in a core folder}: beneath a folder of the core list, in some
   * reading of its 8.3 short names; also true for a file on a share or device Parry cannot place
   * (see the class comment)
   *
   * <pre>{@code
   * FolderClassifier.defaults().isInCoreFolder(WindowsPath.of("C:\\Windows\\Temp\\evil.exe"));   // true
   * FolderClassifier.defaults().isInCoreFolder(WindowsPath.of("C:\\Users\\al\\Downloads\\x.exe")); // false
   * }</pre>
   *
   * @param file the file's path
   * @throws InvalidInputException if {@code file} is null
   */
  public boolean isInCoreFolder(WindowsPath file) {
    Resolution resolved = PathResolver.resolve(Checks.notNull(file, "file").value());
    if (!placed(resolved)) {
      return true;
    }
    Folders folders = Folders.of(resolved, coreDepth);
    for (String[] pattern :
        core) { // indexed loops over arrays: the question allocates no iterators
      if (folders.couldMatch(pattern)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return whether {@code file} is in a temp folder}: beneath a folder of the temp list, in every
   * reading of its 8.3 short names; false for a file on a share or device Parry cannot place (see
   * the class comment)
   *
   * <pre>{@code
   * FolderClassifier.defaults().isInTempFolder(WindowsPath.of("C:\\Program Files\\Vendor\\app.exe")); // true
   * FolderClassifier.defaults().isInTempFolder(WindowsPath.of("C:\\Windows\\System32\\evil.dll"));    // false
   * }</pre>
   *
   * @param file the file's path
   * @throws InvalidInputException if {@code file} is null
   */
  public boolean isInTempFolder(WindowsPath file) {
    Resolution resolved = PathResolver.resolve(Checks.notNull(file, "file").value());
    if (!placed(resolved)) {
      return false;
    }
    Folders folders = Folders.of(resolved, tempDepth);
    for (String[] pattern : temp) {
      if (folders.certainlyMatches(pattern)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWildcard(String segment) {
    return segment.length() == 1 && segment.charAt(0) == '*';
  }

  /**
   * The folder names of a resolved path, as positions in it, with those that may be short names
   * marked.
   */
  private static final class Folders {
    private final String path;
    private final int[] bounds;
    private final int count;
    private final long shortNames;

    private Folders(String path, int[] bounds, int count, long shortNames) {
      this.path = path;
      this.bounds = bounds;
      this.count = count;
      this.shortNames = shortNames;
    }

    /** The first {@code depth} folders of {@code resolved}; the file's own name is not a folder. */
    static Folders of(Resolution resolved, int depth) {
      String path = resolved.path();
      int[] bounds = new int[2 * depth];
      int count = 0;
      long shortNames = 0;
      int from = resolved.namesStart();
      while (count < depth) {
        int to = path.indexOf('\\', from);
        if (to < 0) {
          break;
        }
        bounds[2 * count] = from;
        bounds[2 * count + 1] = to;
        if (resolved.mayHoldShortName() && NtfsNames.mayBeShortName(path, from, to)) {
          shortNames |= 1L << count;
        }
        count++;
        from = to + 1;
      }
      return new Folders(path, bounds, count, shortNames);
    }

    boolean isShort(int index) {
      return (shortNames & (1L << index)) != 0;
    }

    /** Whether folder {@code index} is the name {@code upper}, already upper case. */
    boolean is(int index, String upper) {
      return NtfsNames.regionIs(path, bounds[2 * index], bounds[2 * index + 1], upper);
    }

    /**
     * Whether every reading of the short names makes {@code pattern} match: a short name matches
     * only a wildcard.
     */
    boolean certainlyMatches(String[] pattern) {
      if (pattern.length > count) {
        return false;
      }
      for (int i = 0; i < pattern.length; i++) {
        if (!isWildcard(pattern[i]) && (isShort(i) || !is(i, pattern[i]))) {
          return false;
        }
      }
      return true;
    }

    /**
     * Whether some reading of the short names makes {@code pattern} match: a short name matches any
     * name.
     */
    boolean couldMatch(String[] pattern) {
      if (pattern.length > count) {
        return false;
      }
      for (int i = 0; i < pattern.length; i++) {
        if (!isWildcard(pattern[i]) && !isShort(i) && !is(i, pattern[i])) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public String toString() {
    return "FolderClassifier{core="
        + core.length
        + " patterns, temp="
        + temp.length
        + " patterns, posixCore="
        + posixCore.length
        + " patterns, posixTemp="
        + posixTemp.length
        + " patterns, volumes="
        + volumes
        + "}";
  }
}
