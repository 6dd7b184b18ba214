package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.automation.FolderClass;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.WindowsPath;
import dev.parry.testkit.random.Randomized;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Folder classification agrees with the plain reading of its rule, for random patterns and paths")
class FolderClassifierPropertiesTest {

  static final List<String> WORDS = List.of("windows", "Temp", "users", "alice", "AppData", "program files", "x",
      "Downloads", "local");

  /** A classifier with random patterns, and paths made of the same words so that many match. */
  record Case(List<String> core, List<String> temp, List<String> paths) {}

  static String folder(Random random, boolean wildcards) {
    StringBuilder out = new StringBuilder();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      out.append(random.nextBoolean() ? '/' : '\\');
      // a wildcard anywhere but last: a pattern of wildcards alone would match every file and is refused
      out.append(wildcards && i > 1 && random.nextInt(4) == 0 ? "*" : WORDS.get(random.nextInt(WORDS.size())));
    }
    return out.toString();
  }

  static final Gen<Case> CASES = random -> {
    List<String> core = new ArrayList<>();
    List<String> temp = new ArrayList<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      core.add(folder(random, true));
    }
    for (int i = random.nextInt(6); i > 0; i--) {
      temp.add(folder(random, true));
    }
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String name = random.nextBoolean() ? "x.exe" : "y.dll";
      paths.add(random.nextInt(5) == 0 ? DomainGenerators.filePaths().next(random).value()
          : (random.nextBoolean() ? "C:" : "d:") + folder(random, false).replace('/', '\\') + "\\" + name);
    }
    return new Case(core, temp, paths);
  };

  /**
   * The rule as the class documents it, without any of its shortcuts, on the resolved path, names
   * compared by their characters' simple upper case as NTFS compares them. A file on a share other
   * than a drive's is core (the share may point into a core folder).
   */
  static FolderClass reference(List<String> core, List<String> temp, String path) {
    String resolved = WindowsPath.of(path).resolved();
    if (resolved.startsWith("\\\\")) {
      return FolderClass.CORE; // these paths hold no admin share of a drive
    }
    return reference(core, temp, folders(resolved));
  }

  /** The folder names of a resolved path: after the root, before the file. */
  static List<String> folders(String resolved) {
    String noDrive = resolved.length() >= 2 && resolved.charAt(1) == ':' ? resolved.substring(2) : resolved;
    List<String> segments = Arrays.asList(noDrive.split("\\\\", -1));
    return segments.subList(1, Math.max(1, segments.size() - 1));
  }

  static FolderClass reference(List<String> core, List<String> temp, List<String> folders) {
    int coreDepth = deepest(core, folders);
    int tempDepth = deepest(temp, folders);
    if (tempDepth > 0 && tempDepth >= coreDepth) {
      return FolderClass.TEMP;
    }
    return coreDepth > 0 ? FolderClass.CORE : FolderClass.OTHER;
  }

  static String upper(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      out.append(Character.toUpperCase(name.charAt(i)));
    }
    return out.toString();
  }

  static int deepest(List<String> patterns, List<String> folders) {
    int best = 0;
    for (String pattern : patterns) {
      String folder = pattern.replace('\\', '/');
      if (folder.endsWith("/*")) {
        folder = folder.substring(0, folder.length() - 2); // "everything beneath": the folder itself
      }
      List<String> parts = Arrays.asList(folder.substring(1).split("/"));
      boolean beneath = parts.size() <= folders.size();
      for (int i = 0; beneath && i < parts.size(); i++) {
        beneath = parts.get(i).equals("*") ? !folders.get(i).isEmpty() : upper(parts.get(i)).equals(upper(folders.get(i)));
      }
      if (beneath) {
        best = Math.max(best, parts.size());
      }
    }
    return best;
  }

  @Test
  @DisplayName("every path is classified as the longest matching pattern says, temp winning ties")
  void agreesWithTheRule() {
    Randomized.cases(2_000).forAll(CASES, c -> {
      FolderClassifier classifier = FolderClassifier.of(c.core(), c.temp());
      for (String path : c.paths()) {
        assertEquals(reference(c.core(), c.temp(), path), classifier.classify(WindowsPath.of(path)),
            () -> path + " with core " + c.core() + " and temp " + c.temp());
      }
    });
  }

  /** How much approval a class asks for: temp least, then other, then core. */
  static int protection(FolderClass folderClass) {
    return switch (folderClass) {
      case TEMP -> 0;
      case OTHER -> 1;
      case CORE -> 2;
    };
  }

  /**
   * The most protected class of any reading of the short names: each short folder name may stand for
   * any name, and every name behaves like one of the patterns' literal segments or like a name none
   * of them holds, so trying those covers every reading.
   */
  static FolderClass mostProtected(List<String> core, List<String> temp, List<String> folders) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String pattern : concat(core, temp)) {
      for (String segment : pattern.replace('\\', '/').substring(1).split("/")) {
        if (!segment.equals("*")) {
          distinct.add(upper(segment));
        }
      }
    }
    distinct.add("NO-PATTERN-HOLDS-THIS");
    List<String> candidates = new ArrayList<>(distinct);
    List<Integer> shortAt = new ArrayList<>();
    for (int i = 0; i < folders.size(); i++) {
      if (folders.get(i).matches(".*~[0-9].*")) {
        shortAt.add(i);
      }
    }
    FolderClass best = FolderClass.TEMP;
    int readings = (int) Math.pow(candidates.size(), shortAt.size());
    for (int reading = 0; reading < readings; reading++) {
      List<String> resolved = new ArrayList<>(folders);
      int rest = reading;
      for (int at : shortAt) {
        resolved.set(at, candidates.get(rest % candidates.size()));
        rest /= candidates.size();
      }
      FolderClass folderClass = reference(core, temp, resolved);
      if (protection(folderClass) > protection(best)) {
        best = folderClass;
      }
    }
    return best;
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static final List<String> SHORT_NAMES = List.of("WINDOW~1", "PROGRA~1", "TEMP~1", "AB~12", "x~3");

  @Test
  @DisplayName("a folder that may be an 8.3 short name gets the most protected class any reading of it gives")
  void shortNamesTakeTheMostProtectedReading() {
    Randomized.cases(400).forAll(CASES, c -> {
      FolderClassifier classifier = FolderClassifier.of(c.core(), c.temp());
      Random random = new Random(c.paths().hashCode());
      for (String path : c.paths()) {
        String resolved = WindowsPath.of(path).resolved();
        List<String> folders = new ArrayList<>(folders(resolved));
        if (folders.isEmpty() || resolved.startsWith("\\\\")) {
          continue; // a share is core whatever its folders
        }
        for (int n = 1 + random.nextInt(Math.min(3, folders.size())); n > 0; n--) {
          folders.set(random.nextInt(folders.size()), SHORT_NAMES.get(random.nextInt(SHORT_NAMES.size())));
        }
        String spelled = "C:\\" + String.join("\\", folders) + "\\x.exe";
        assertEquals(mostProtected(c.core(), c.temp(), folders), classifier.classify(WindowsPath.of(spelled)),
            () -> spelled + " with core " + c.core() + " and temp " + c.temp());
      }
    });
  }
}
