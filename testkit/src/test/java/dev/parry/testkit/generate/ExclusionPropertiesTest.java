package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.FolderExclusion;
import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.FileName;
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
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Automation folder exclusions against a plain statement of their rule, for random exclusions and
 * paths. Seeded: each test prints its base seed, and a failure names the seed that replays it
 * ({@code -Dparry.seed=<seed> -Dparry.cases=1}).
 */
@DisplayName(
    "An exclusion is a folder, narrowed by extensions and names: random exclusions against the plain rule")
class ExclusionPropertiesTest {

  static final List<String> FOLDER_WORDS =
      List.of("Images", "tools", "Users", "alice", "TEMP", "Kit", "IMAGES~1");
  static final List<String> EXTENSIONS = List.of("vhdx", "ISO", "exe", "dll");
  static final List<String> NAMES = List.of("setup.exe", "Approved.EXE", "base.iso", "DISK~1.VHD");
  static final List<String> ROOTS = List.of("C:", "c:", "d:", "");

  /** One exclusion as plain data: a root ("" for every drive), folder names, extensions, names. */
  record Plain(String root, List<String> folders, List<String> extensions, List<String> names) {

    FolderExclusion exclusion() {
      return FolderExclusion.of(WindowsPath.of(root + "\\" + String.join("\\", folders)))
          .withExtensions(extensions.toArray(new String[0]))
          .withFileNames(names.stream().map(FileName::of).toArray(FileName[]::new));
    }

    boolean narrowed() {
      return !extensions.isEmpty() || !names.isEmpty();
    }
  }

  record Case(List<Plain> exclusions, List<String> paths) {

    AutomationExclusions built() {
      AutomationExclusions.Builder builder = AutomationExclusions.builder();
      exclusions.forEach(plain -> builder.add(plain.exclusion()));
      return builder.build();
    }
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static List<String> some(Random random, List<String> values, int most) {
    List<String> out = new ArrayList<>();
    for (int i = random.nextInt(most + 1); i > 0; i--) {
      out.add(pick(random, values));
    }
    return out;
  }

  static final Gen<Case> CASES =
      random -> {
        List<Plain> exclusions = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          List<String> folders = new ArrayList<>();
          for (int n = 1 + random.nextInt(3); n > 0; n--) {
            folders.add(pick(random, FOLDER_WORDS));
          }
          boolean narrowed = random.nextInt(3) > 0;
          exclusions.add(
              new Plain(
                  pick(random, ROOTS),
                  folders,
                  narrowed ? some(random, EXTENSIONS, 2) : List.of(),
                  narrowed ? some(random, NAMES, 2) : List.of()));
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          StringBuilder path = new StringBuilder(pick(random, ROOTS));
          for (int n = random.nextInt(4); n > 0; n--) {
            path.append('\\').append(pick(random, FOLDER_WORDS));
          }
          String file =
              random.nextBoolean()
                  ? pick(random, NAMES)
                  : "x." + pick(random, EXTENSIONS).toLowerCase(Locale.ROOT);
          paths.add(
              path.append('\\').append(random.nextInt(4) == 0 ? upper(file) : file).toString());
        }
        return new Case(exclusions, paths);
      };

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

  // ---- the rule, stated plainly ----------------------------------------------------------------

  static boolean isShort(String name) {
    return name.matches(".*~[0-9].*");
  }

  static String upper(String name) {
    return name.toUpperCase(Locale.ROOT); // these names are ASCII
  }

  /** The drive letter of a generated spelling, or "" for every drive. */
  static String drive(String spelling) {
    return spelling.length() >= 2 && spelling.charAt(1) == ':'
        ? upper(spelling.substring(0, 1))
        : "";
  }

  /** The names after the root, the file's included. */
  static List<String> names(String spelling) {
    List<String> parts = Arrays.asList(spelling.split("\\\\"));
    return parts.subList(1, parts.size());
  }

  /**
   * Beneath the folder: on its drive (a folder without a drive is on every drive), its names
   * beginning the path's. With doubts allowed, a path without a drive may be on the folder's drive
   * and a short name on either side may be any name.
   */
  static boolean beneath(Plain exclusion, String path, boolean doubts) {
    String folderDrive = upper(exclusion.root().isEmpty() ? "" : exclusion.root().substring(0, 1));
    String pathDrive = drive(path);
    boolean sameDrive =
        folderDrive.isEmpty() || folderDrive.equals(pathDrive) || (doubts && pathDrive.isEmpty());
    List<String> names = names(path);
    List<String> folders = exclusion.folders();
    if (!sameDrive || folders.size() > names.size()) {
      return false;
    }
    for (int i = 0; i < folders.size(); i++) {
      boolean same =
          upper(folders.get(i)).equals(upper(names.get(i)))
              || (doubts && (isShort(folders.get(i)) || isShort(names.get(i))));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /**
   * One of the exclusion's extensions or names: compared in upper case, the extension after the
   * last dot.
   */
  static boolean hasNarrowingName(Plain exclusion, String path) {
    List<String> names = names(path);
    String file = names.get(names.size() - 1);
    int dot = file.lastIndexOf('.');
    String extension = dot <= 0 ? "" : upper(file.substring(dot + 1));
    Set<String> extensions =
        exclusion.extensions().stream()
            .map(ExclusionPropertiesTest::upper)
            .collect(Collectors.toSet());
    Set<String> fileNames =
        exclusion.names().stream().map(ExclusionPropertiesTest::upper).collect(Collectors.toSet());
    return extensions.contains(extension) || fileNames.contains(upper(file));
  }

  static String fileName(String path) {
    List<String> names = names(path);
    return names.get(names.size() - 1);
  }

  /**
   * Excluded: beneath an exclusion's folder, and, where it is narrowed, certainly one of its
   * extensions or names.
   */
  static boolean excluded(List<Plain> exclusions, String path) {
    return exclusions.stream()
        .anyMatch(
            e ->
                beneath(e, path, false)
                    && (!e.narrowed() || (!isShort(fileName(path)) && hasNarrowingName(e, path))));
  }

  /**
   * Might be excluded: not excluded, but some reading of the short names and drives would make it
   * so.
   */
  static boolean mightBeExcluded(List<Plain> exclusions, String path) {
    return !excluded(exclusions, path)
        && exclusions.stream()
            .anyMatch(
                e ->
                    beneath(e, path, true)
                        && (!e.narrowed() || isShort(fileName(path)) || hasNarrowingName(e, path)));
  }

  // ---- the properties --------------------------------------------------------------------------

  @Test
  @DisplayName(
      "a file is excluded exactly when it lies beneath an excluded folder and carries one of its"
          + " extensions or names, if any narrow it")
  void excludesAsTheRuleSays() {
    seeded("excludesAsTheRuleSays", 2_000)
        .forAll(
            CASES,
            c -> {
              AutomationExclusions exclusions = c.built();
              for (String path : c.paths()) {
                assertEquals(
                    excluded(c.exclusions(), path),
                    exclusions.excludes(WindowsPath.of(path)),
                    () -> path + " with " + c.exclusions());
                assertEquals(
                    mightBeExcluded(c.exclusions(), path),
                    exclusions.mightExclude(WindowsPath.of(path)),
                    () -> "might: " + path + " with " + c.exclusions());
              }
            });
  }

  @Test
  @DisplayName(
      "the policy plans nothing for an excluded file, asks approval where an exclusion might apply, and"
          + " otherwise remediates it under Full")
  void policyFollowsTheRule() {
    Sha256 hash = Sha256.of("b".repeat(64));
    DeviceId device = DeviceId.of("d-1");
    seeded("policyFollowsTheRule", 1_000)
        .forAll(
            CASES,
            c -> {
              AutomationContext context =
                  AutomationContext.of(AutomationLevel.FULL).withExclusions(c.built());
              for (String path : c.paths()) {
                RemediationPlan plan =
                    RemediationPolicy.standard()
                        .plan(
                            Evidence.of(
                                DeviceFile.onDevice(hash, device, WindowsPath.of(path)),
                                Verdict.MALICIOUS,
                                "",
                                Instant.EPOCH),
                            context);
                String expected =
                    excluded(c.exclusions(), path)
                        ? "none"
                        : mightBeExcluded(c.exclusions(), path)
                            ? ApprovalMode.REQUIRES_APPROVAL.name()
                            : ApprovalMode.AUTOMATIC.name();
                assertEquals(
                    expected,
                    plan.isEmpty() ? "none" : plan.actions().get(0).mode().name(),
                    () -> path + " with " + c.exclusions());
              }
            });
  }
}
