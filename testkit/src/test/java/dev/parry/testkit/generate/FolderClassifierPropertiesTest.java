package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.automation.FolderClass;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.WindowsPath;
import dev.parry.testkit.random.Randomized;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

  /** The rule as the class documents it, without any of its shortcuts. */
  static FolderClass reference(List<String> core, List<String> temp, String path) {
    String noDrive = path.length() >= 2 && path.charAt(1) == ':' ? path.substring(2) : path;
    List<String> segments = Arrays.asList(noDrive.toLowerCase(Locale.ROOT).split("\\\\", -1));
    List<String> folders = segments.subList(1, Math.max(1, segments.size() - 1)); // after the root, before the file
    int coreDepth = deepest(core, folders);
    int tempDepth = deepest(temp, folders);
    if (tempDepth > 0 && tempDepth >= coreDepth) {
      return FolderClass.TEMP;
    }
    return coreDepth > 0 ? FolderClass.CORE : FolderClass.OTHER;
  }

  static int deepest(List<String> patterns, List<String> folders) {
    int best = 0;
    for (String pattern : patterns) {
      String folder = pattern.replace('\\', '/');
      if (folder.endsWith("/*")) {
        folder = folder.substring(0, folder.length() - 2); // "everything beneath": the folder itself
      }
      List<String> parts = Arrays.asList(folder.substring(1).toLowerCase(Locale.ROOT).split("/"));
      boolean beneath = parts.size() <= folders.size();
      for (int i = 0; beneath && i < parts.size(); i++) {
        beneath = parts.get(i).equals("*") ? !folders.get(i).isEmpty() : parts.get(i).equals(folders.get(i));
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
}
