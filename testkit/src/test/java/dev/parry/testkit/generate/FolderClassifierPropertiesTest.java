package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.AutomationContext;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.core.policy.RemediationPolicy;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.testkit.random.Randomized;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two folder questions against a plain statement of each rule, for random lists and paths.
 * Seeded: each test prints its base seed, and a failure names the seed that replays it ({@code
 * -Dparry.seed=<seed> -Dparry.cases=1}).
 */
@DisplayName(
    "In a core folder? In a temp folder? Each answer agrees with the plain reading of its own rule")
class FolderClassifierPropertiesTest {

  static final List<String> WORDS =
      List.of(
          "windows",
          "Temp",
          "users",
          "alice",
          "AppData",
          "program files",
          "x",
          "Downloads",
          "local");

  /** Folder names that may be 8.3 short names: {@code ~} then a digit. */
  static final List<String> SHORT_NAMES = List.of("WINDOW~1", "PROGRA~1", "TEMP~1", "AB~12", "x~3");

  /** Two independent random lists, and paths made of the same words so that many match. */
  record Case(List<String> core, List<String> temp, List<String> otherList, List<String> paths) {}

  static String folder(Random random, boolean wildcards) {
    StringBuilder out = new StringBuilder();
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      out.append(random.nextBoolean() ? '/' : '\\');
      // a wildcard anywhere but last: a pattern of wildcards alone would match every file and is
      // refused
      out.append(
          wildcards && i > 1 && random.nextInt(4) == 0
              ? "*"
              : WORDS.get(random.nextInt(WORDS.size())));
    }
    return out.toString();
  }

  static List<String> patterns(Random random) {
    List<String> patterns = new ArrayList<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      patterns.add(folder(random, true));
    }
    return patterns;
  }

  /** A path on a drive: the words, one in six folders a short name. */
  static String path(Random random) {
    StringBuilder out = new StringBuilder(random.nextBoolean() ? "C:" : "d:");
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      out.append('\\')
          .append(
              random.nextInt(6) == 0
                  ? SHORT_NAMES.get(random.nextInt(SHORT_NAMES.size()))
                  : WORDS.get(random.nextInt(WORDS.size())));
    }
    return out.append('\\').append(random.nextBoolean() ? "x.exe" : "y.dll").toString();
  }

  static final Gen<Case> CASES =
      random -> {
        List<String> core = patterns(random);
        List<String> temp = patterns(random);
        List<String> otherList = patterns(random);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          paths.add(
              random.nextInt(5) == 0
                  ? DomainGenerators.filePaths().next(random).value()
                  : path(random));
        }
        return new Case(core, temp, otherList, paths);
      };

  /** A runner of {@code cases} cases that prints its base seed first. */
  static Randomized seeded(String name, int cases) {
    Randomized runner = Randomized.cases(cases);
    System.out.println(
        name
            + ": base seed "
            + runner.baseSeed()
            + " (replay a case: -D"
            + Randomized.SEED_PROPERTY
            + "=<seed> -D"
            + Randomized.CASES_PROPERTY
            + "=1)");
    return runner;
  }

  // ---- the rules, stated plainly ---------------------------------------------------------------

  /**
   * "In a core folder?": some reading of the path's short names puts the file beneath a core
   * pattern. A file on a share other than a drive's admin share may lie in any folder: yes.
   */
  static boolean inCoreFolder(List<String> core, String path) {
    List<String> folders = folders(path);
    return folders == null
        || readings(core, folders).stream().anyMatch(reading -> beneathAny(core, reading));
  }

  /**
   * "In a temp folder?": every reading of the path's short names puts the file beneath a temp
   * pattern. A file on a share other than a drive's admin share may lie in any folder: no.
   */
  static boolean inTempFolder(List<String> temp, String path) {
    List<String> folders = folders(path);
    return folders != null
        && readings(temp, folders).stream().allMatch(reading -> beneathAny(temp, reading));
  }

  /** The folder names of the resolved path, after the root and before the file; null on a share. */
  static @Nullable List<String> folders(String path) {
    String resolved = WindowsPath.of(path).resolved();
    if (resolved.startsWith("\\\\")) {
      return null; // these paths hold no admin share of a drive
    }
    String noDrive =
        resolved.length() >= 2 && resolved.charAt(1) == ':' ? resolved.substring(2) : resolved;
    List<String> segments = Arrays.asList(noDrive.split("\\\\", -1));
    return segments.subList(1, Math.max(1, segments.size() - 1));
  }

  /**
   * Every reading of the short folder names: each may stand for any name, and every name behaves
   * like one of the patterns' literal segments or like a name none of them holds, so trying those
   * covers every reading.
   */
  static List<List<String>> readings(List<String> patterns, List<String> folders) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String pattern : patterns) {
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
    List<List<String>> readings = new ArrayList<>();
    int count = (int) Math.pow(candidates.size(), shortAt.size());
    for (int reading = 0; reading < count; reading++) {
      List<String> resolved = new ArrayList<>(folders);
      int rest = reading;
      for (int at : shortAt) {
        resolved.set(at, candidates.get(rest % candidates.size()));
        rest /= candidates.size();
      }
      readings.add(resolved);
    }
    return readings;
  }

  /** Whether the folders begin with some pattern's, a {@code *} standing for any one name. */
  static boolean beneathAny(List<String> patterns, List<String> folders) {
    for (String pattern : patterns) {
      String folder = pattern.replace('\\', '/');
      if (folder.endsWith("/*")) {
        folder =
            folder.substring(0, folder.length() - 2); // "everything beneath": the folder itself
      }
      List<String> parts = Arrays.asList(folder.substring(1).split("/"));
      boolean beneath = parts.size() <= folders.size();
      for (int i = 0; beneath && i < parts.size(); i++) {
        beneath = parts.get(i).equals("*") || upper(parts.get(i)).equals(upper(folders.get(i)));
      }
      if (beneath) {
        return true;
      }
    }
    return false;
  }

  /** Each character's simple upper case, as NTFS compares names. */
  static String upper(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      out.append(Character.toUpperCase(name.charAt(i)));
    }
    return out.toString();
  }

  // ---- the properties --------------------------------------------------------------------------

  @Test
  @DisplayName(
      "in a core folder: when some reading of the path is beneath a core pattern, whatever the temp list")
  void inCoreFolderAgreesWithItsRule() {
    seeded("inCoreFolderAgreesWithItsRule", 2_000)
        .forAll(
            CASES,
            c -> {
              FolderClassifier folders = FolderClassifier.of(c.core(), c.temp());
              for (String path : c.paths()) {
                assertEquals(
                    inCoreFolder(c.core(), path),
                    folders.isInCoreFolder(WindowsPath.of(path)),
                    () -> path + " with core " + c.core() + " and temp " + c.temp());
              }
            });
  }

  @Test
  @DisplayName(
      "in a temp folder: when every reading of the path is beneath a temp pattern, whatever the core list")
  void inTempFolderAgreesWithItsRule() {
    seeded("inTempFolderAgreesWithItsRule", 2_000)
        .forAll(
            CASES,
            c -> {
              FolderClassifier folders = FolderClassifier.of(c.core(), c.temp());
              for (String path : c.paths()) {
                assertEquals(
                    inTempFolder(c.temp(), path),
                    folders.isInTempFolder(WindowsPath.of(path)),
                    () -> path + " with core " + c.core() + " and temp " + c.temp());
              }
            });
  }

  @Test
  @DisplayName("neither list changes the other's answer")
  void eachListAnswersAlone() {
    seeded("eachListAnswersAlone", 1_000)
        .forAll(
            CASES,
            c -> {
              FolderClassifier folders = FolderClassifier.of(c.core(), c.temp());
              FolderClassifier otherTemp = FolderClassifier.of(c.core(), c.otherList());
              FolderClassifier otherCore = FolderClassifier.of(c.otherList(), c.temp());
              for (String path : c.paths()) {
                WindowsPath file = WindowsPath.of(path);
                assertEquals(folders.isInCoreFolder(file), otherTemp.isInCoreFolder(file), path);
                assertEquals(folders.isInTempFolder(file), otherCore.isInTempFolder(file), path);
              }
            });
  }

  @Test
  @DisplayName(
      "a malicious file waits under Semi - core exactly when it is in a core folder, and is remediated"
          + " under Semi - non-temp exactly when it is in a temp folder")
  void eachSemiLevelAsksItsOwnQuestion() {
    Sha256 hash = Sha256.of("a".repeat(64));
    DeviceId device = DeviceId.of("d-1");
    seeded("eachSemiLevelAsksItsOwnQuestion", 1_000)
        .forAll(
            CASES,
            c -> {
              FolderClassifier folders = FolderClassifier.of(c.core(), c.temp());
              for (String path : c.paths()) {
                Evidence evidence =
                    Evidence.of(
                        DeviceFile.onDevice(hash, device, WindowsPath.of(path)),
                        Verdict.MALICIOUS,
                        "",
                        Instant.EPOCH);
                assertEquals(
                    inCoreFolder(c.core(), path)
                        ? ApprovalMode.REQUIRES_APPROVAL
                        : ApprovalMode.AUTOMATIC,
                    mode(
                        evidence,
                        AutomationContext.of(AutomationLevel.SEMI_CORE_FOLDERS)
                            .withFolders(folders)),
                    () -> "Semi - core: " + path + " with core " + c.core());
                assertEquals(
                    inTempFolder(c.temp(), path)
                        ? ApprovalMode.AUTOMATIC
                        : ApprovalMode.REQUIRES_APPROVAL,
                    mode(
                        evidence,
                        AutomationContext.of(AutomationLevel.SEMI_NON_TEMP_FOLDERS)
                            .withFolders(folders)),
                    () -> "Semi - non-temp: " + path + " with temp " + c.temp());
              }
            });
  }

  private static ApprovalMode mode(Evidence evidence, AutomationContext context) {
    RemediationPlan plan = RemediationPolicy.standard().plan(evidence, context);
    assertEquals(1, plan.actions().size(), plan::toString);
    return plan.actions().get(0).mode();
  }

  @Test
  @DisplayName("the default lists answer as the plain rules say")
  void defaultListsFollowTheRules() {
    Predicate<String> core =
        path -> FolderClassifier.defaults().isInCoreFolder(WindowsPath.of(path));
    Predicate<String> temp =
        path -> FolderClassifier.defaults().isInTempFolder(WindowsPath.of(path));
    seeded("defaultListsFollowTheRules", 500)
        .forAll(
            CASES,
            c -> {
              for (String path : c.paths()) {
                assertEquals(
                    inCoreFolder(FolderClassifier.DEFAULT_CORE, path), core.test(path), path);
                assertEquals(
                    inTempFolder(FolderClassifier.DEFAULT_TEMP, path), temp.test(path), path);
              }
            });
  }
}
