package dev.parry.core.automation;

import dev.parry.core.entity.WindowsPath;
import dev.parry.core.internal.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies a file path as {@link FolderClass#CORE core}, {@link FolderClass#TEMP temp} or
 * {@link FolderClass#OTHER other}, case-insensitively and whatever the drive letter.
 *
 * <p>A pattern is a folder written with {@code \} or {@code /}, where a {@code *} segment stands
 * for exactly one folder name; a file matches a pattern when it lies anywhere beneath the folder. A
 * final {@code \*} adds nothing: {@code \Windows\*} is {@code \Windows}.
 * When several patterns match, the one with the most segments wins (so {@code /windows/temp} is
 * temp although {@code /windows} is core); at equal length temp wins.
 *
 * <p><b>Program Files is core.</b> Defender's documentation names Program Files a core folder on one
 * page and a temp folder on another. Parry's defaults follow the conservative reading: a file under
 * Program Files or Program Files (x86) is core, so under {@link AutomationLevel#SEMI_CORE_FOLDERS}
 * and {@link AutomationLevel#SEMI_NON_TEMP_FOLDERS} its remediation waits for approval. A caller who
 * wants the other reading builds its own classifier with {@link #of(List, List)}.
 *
 * <pre>{@code
 * FolderClassifier folders = FolderClassifier.defaults();
 * folders.classify(WindowsPath.of("C:\\Windows\\System32\\evil.dll"));   // CORE
 * folders.classify(WindowsPath.of("D:\\Windows\\Temp\\evil.exe"));       // TEMP
 * }</pre>
 */
public final class FolderClassifier {

  /** The default core folders. */
  public static final List<String> DEFAULT_CORE =
      List.of("/windows", "/program files", "/program files (x86)");

  /** The default temp folders, as Defender lists them, less Program Files (see the class comment). */
  public static final List<String> DEFAULT_TEMP = List.of(
      "/users/*/appdata/local/temp",
      "/documents and settings/*/local settings/temp",
      "/documents and settings/*/local settings/temporary",
      "/windows/temp",
      "/users/*/downloads",
      "/documents and settings/*/users");

  private static final FolderClassifier DEFAULTS = of(DEFAULT_CORE, DEFAULT_TEMP);

  /** Patterns that share their first segment: a path's first folder is compared once per group. */
  private record Group(String first, List<List<String>> core, List<List<String>> temp) {}

  private final List<Group> groups;

  private FolderClassifier(List<List<String>> core, List<List<String>> temp) {
    Map<String, List<List<String>>> coreByFirst = byFirstSegment(core);
    Map<String, List<List<String>>> tempByFirst = byFirstSegment(temp);
    Set<String> firsts = new LinkedHashSet<>(coreByFirst.keySet());
    firsts.addAll(tempByFirst.keySet());
    List<Group> all = new ArrayList<>();
    for (String first : firsts) {
      all.add(new Group(first, coreByFirst.getOrDefault(first, List.of()), tempByFirst.getOrDefault(first, List.of())));
    }
    this.groups = List.copyOf(all);
  }

  private static Map<String, List<List<String>>> byFirstSegment(List<List<String>> patterns) {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    for (List<String> pattern : patterns) {
      out.computeIfAbsent(pattern.get(0), k -> new ArrayList<>()).add(pattern);
    }
    return out;
  }

  /** {@return the classifier with {@link #DEFAULT_CORE} and {@link #DEFAULT_TEMP}} */
  public static FolderClassifier defaults() {
    return DEFAULTS;
  }

  /**
   * {@return a classifier with these patterns}
   *
   * @param corePatterns folders whose files are core
   * @param tempPatterns folders whose files are temp
   * @throws NullPointerException if a list or a pattern is null
   * @throws IllegalArgumentException if a pattern is not absolute, has an empty segment, a control
   *     character, or a {@code *} that is not a whole segment
   */
  public static FolderClassifier of(List<String> corePatterns, List<String> tempPatterns) {
    return new FolderClassifier(parse(corePatterns), parse(tempPatterns));
  }

  private static List<List<String>> parse(List<String> patterns) {
    List<List<String>> out = new ArrayList<>();
    for (String pattern : Objects.requireNonNull(patterns, "patterns")) {
      Text.require("folder pattern", pattern, 1, 1024);
      String p = pattern.replace('\\', '/');
      if (p.endsWith("/*")) {
        p = p.substring(0, p.length() - 2);
      }
      if (!p.startsWith("/") || p.length() < 2) {
        throw new IllegalArgumentException("folder pattern must start with '/' or '\\' and name a folder, was: "
            + Text.show(pattern));
      }
      List<String> segments = List.of(p.substring(1).toLowerCase(Locale.ROOT).split("/", -1));
      for (String segment : segments) {
        if (segment.isEmpty() || (segment.contains("*") && !segment.equals("*"))) {
          throw new IllegalArgumentException(
              "folder pattern segments must be non-empty and '*' must stand alone, was: " + Text.show(pattern));
        }
      }
      out.add(segments);
    }
    return List.copyOf(out);
  }

  /**
   * {@return the class of the folder {@code file} lies in}
   *
   * @param file the file's path
   * @throws NullPointerException if {@code file} is null
   */
  public FolderClass classify(WindowsPath file) {
    String path = file.value();
    int start = path.length() >= 2 && path.charAt(1) == ':' ? 2 : 0;
    // the positions of the separators that open each folder segment (the file's own segment excluded)
    int[] cuts = new int[MAX_DEPTH + 1];
    int folders = 0;
    for (int at = path.indexOf('\\', start); at >= 0 && folders <= MAX_DEPTH; at = path.indexOf('\\', at + 1)) {
      cuts[folders++] = at;
    }
    folders--; // the last separator opens the file name
    if (folders < 1) {
      return FolderClass.OTHER; // a file at the root lies in no folder
    }
    int from = cuts[0] + 1;
    int length = cuts[1] - from;
    int coreDepth = 0;
    int tempDepth = 0;
    for (int g = 0; g < groups.size(); g++) { // indexed, as below: classification allocates no iterators
      Group group = groups.get(g);
      boolean firstMatches = isWildcard(group.first()) ? length > 0
          : length == group.first().length() && path.regionMatches(true, from, group.first(), 0, length);
      if (firstMatches) {
        coreDepth = Math.max(coreDepth, deepestMatch(group.core(), path, cuts, folders));
        tempDepth = Math.max(tempDepth, deepestMatch(group.temp(), path, cuts, folders));
      }
    }
    if (tempDepth > 0 && tempDepth >= coreDepth) {
      return FolderClass.TEMP;
    }
    return coreDepth > 0 ? FolderClass.CORE : FolderClass.OTHER;
  }

  /** Patterns deeper than this never match (no default pattern comes close). */
  private static final int MAX_DEPTH = 15;

  /**
   * The number of segments of the longest pattern the file lies beneath, or 0. Compares in place,
   * ignoring case: classification sits on the policy's hot path.
   */
  private static int deepestMatch(List<List<String>> patterns, String path, int[] cuts, int folders) {
    int best = 0;
    for (int p = 0; p < patterns.size(); p++) {
      List<String> pattern = patterns.get(p);
      int size = pattern.size();
      if (size <= best || size > folders) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < size && matches; i++) {
        String segment = pattern.get(i);
        int from = cuts[i] + 1;
        int length = cuts[i + 1] - from;
        matches = isWildcard(segment)
            ? length > 0
            : length == segment.length() && path.regionMatches(true, from, segment, 0, length);
      }
      if (matches) {
        best = size;
      }
    }
    return best;
  }

  private static boolean isWildcard(String segment) {
    return segment.length() == 1 && segment.charAt(0) == '*';
  }

  @Override
  public String toString() {
    int core = groups.stream().mapToInt(g -> g.core().size()).sum();
    int temp = groups.stream().mapToInt(g -> g.temp().size()).sum();
    return "FolderClassifier{core=" + core + " patterns, temp=" + temp + " patterns}";
  }
}
