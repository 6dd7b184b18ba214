package dev.parry.core.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.WindowsPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * For every default folder rule, many spellings of a file beneath it. Seeded: the base seed is
 * printed, {@code -Dparry.seed=<seed of a failing case> -Dparry.cases=1} replays one case.
 */
@DisplayName(
    "Every spelling of a file under a folder rule is in the same folders (seeded, README Path rules)")
class PathSpellingPropertiesTest {

  private static final int CASES = Integer.getInteger("parry.cases", 1_500);

  /** Names that no default rule holds, so that a file's class comes from its rule alone. */
  private static final List<String> WORDS =
      List.of("alice", "Bob", "svc-01", "Vendor", "x64", "data", "\u00E9t\u00E9");

  private static final List<String> RULES = new ArrayList<>();

  static {
    RULES.addAll(FolderClassifier.DEFAULT_CORE);
    RULES.addAll(FolderClassifier.DEFAULT_TEMP);
  }

  /** How a spelling names drive C: (the same place) or some volume (the same folders only). */
  private enum Root {
    DRIVE("C:", true, false),
    DRIVE_LOWER("c:", true, false),
    LOCALHOST("\\\\localhost\\C$", true, false),
    LOOPBACK("\\\\127.0.0.1\\c$", true, false),
    IPV6_LOOPBACK("\\\\0--1.ipv6-literal.net\\C$", true, false),
    DEVICE("\\\\.\\C:", true, false),
    DEVICE_SLASHES("//?/C:", true, false),
    DEVICE_DETOUR("\\\\.\\D:\\..\\C:", true, false),
    DEVICE_UNC("\\\\.\\UNC\\localhost\\C$", true, false),
    VERBATIM("\\\\?\\C:", true, true),
    VERBATIM_UNC("\\\\?\\UNC\\127.0.0.1\\C$", true, true),
    NT("\\??\\C:", true, true),
    NO_DRIVE("", false, false),
    OTHER_DRIVE("E:", false, false),
    REMOTE_ADMIN_SHARE("\\\\fs01\\C$", false, false),
    NT_VOLUME("\\Device\\HarddiskVolume2", false, true),
    VOLUME_GUID("\\\\?\\Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}", false, true);

    final String prefix;
    final boolean sameAsDriveC;
    final boolean verbatim;

    Root(String prefix, boolean sameAsDriveC, boolean verbatim) {
      this.prefix = prefix;
      this.sameAsDriveC = sameAsDriveC;
      this.verbatim = verbatim;
    }
  }

  /**
   * A file beneath a rule's folder: the folder's names (wildcards filled), then subfolders and the
   * file.
   */
  private record Place(String rule, int ruleDepth, List<String> names) {

    WindowsPath plain() {
      return WindowsPath.of("C:\\" + String.join("\\", names));
    }

    WindowsPath ruleFolder() {
      return WindowsPath.of("C:\\" + String.join("\\", names.subList(0, ruleDepth)));
    }
  }

  private static Place place(Random random) {
    String rule = RULES.get(random.nextInt(RULES.size()));
    List<String> names = new ArrayList<>();
    for (String segment : rule.substring(1).split("/")) {
      names.add(segment.equals("*") ? pick(random, WORDS) : segment);
    }
    int depth = names.size();
    for (int i = random.nextInt(3); i > 0; i--) {
      names.add(pick(random, WORDS));
    }
    names.add(pick(random, WORDS) + pick(random, List.of(".exe", ".dll", ".ps1")));
    return new Place(rule, depth, List.copyOf(names));
  }

  private static String spell(Random random, Root root, List<String> names) {
    StringBuilder out = new StringBuilder(root.prefix);
    for (String name : names) {
      if (!root.verbatim && random.nextInt(6) == 0) {
        out.append(separator(random, out))
            .append(
                random.nextBoolean() ? "." : pick(random, WORDS) + separator(random, out) + "..");
      }
      out.append(root.verbatim ? "\\" : separator(random, out)).append(mixCase(random, name));
      if (!root.verbatim && random.nextInt(4) == 0) {
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          out.append(random.nextBoolean() ? '.' : ' ');
        }
      }
    }
    return out.toString();
  }

  /**
   * One separator, sometimes doubled; single at the start of a drive-less path, where two would
   * make it UNC.
   */
  private static String separator(Random random, StringBuilder before) {
    String one = random.nextBoolean() ? "\\" : "/";
    return before.length() > 0 && random.nextInt(5) == 0 ? one + one : one;
  }

  private static String mixCase(Random random, String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return out.toString();
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Runs {@code property} on {@link #CASES} seeded cases, naming the seed of a failing one. */
  private static void forAll(String name, BiConsumer<Random, Long> property) {
    String fixed = System.getProperty("parry.seed");
    long base = fixed == null ? new Random().nextLong() : Long.parseLong(fixed.trim());
    System.out.println(
        name + ": base seed " + base + " (replay a case: -Dparry.seed=<seed> -Dparry.cases=1)");
    for (int i = 0; i < CASES; i++) {
      long seed = base + i;
      try {
        property.accept(new Random(seed), seed);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(
            name
                + " failed at case "
                + i
                + " with seed "
                + seed
                + " (replay: -Dparry.seed="
                + seed
                + " -Dparry.cases=1): "
                + e.getMessage(),
            e);
      }
    }
  }

  @Test
  @DisplayName(
      "case, trailing dots and spaces, slashes, doubled separators, . and x\\.., admin shares and device paths")
  void everySpellingIsInTheSameFolders() {
    FolderClassifier unmapped = FolderClassifier.defaults();
    FolderClassifier folders =
        unmapped.withVolumes(
            Map.of("HarddiskVolume2", 'C', "Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}", 'D'));
    forAll(
        "everySpellingIsInTheSameFolders",
        (random, seed) -> {
          Place place = place(random);
          boolean core = folders.isInCoreFolder(place.plain());
          boolean temp = folders.isInTempFolder(place.plain());
          for (Root root : Root.values()) {
            String spelling = spell(random, root, place.names());
            assertEquals(
                core,
                folders.isInCoreFolder(WindowsPath.of(spelling)),
                () -> place.rule() + ", core: " + spelling);
            assertEquals(
                temp,
                folders.isInTempFolder(WindowsPath.of(spelling)),
                () -> place.rule() + ", temp: " + spelling);
            if (root == Root.NT_VOLUME
                || root == Root.VOLUME_GUID) { // a volume not mapped may be mounted anywhere
              assertTrue(
                  unmapped.isInCoreFolder(WindowsPath.of(spelling)),
                  () -> "unmapped, core: " + spelling);
              assertFalse(
                  unmapped.isInTempFolder(WindowsPath.of(spelling)),
                  () -> "unmapped, temp: " + spelling);
            }
          }
        });
  }

  @Test
  @DisplayName("spellings of one place are one path, excluded by an exclusion of its folder")
  void spellingsOfOnePlace() {
    forAll(
        "spellingsOfOnePlace",
        (random, seed) -> {
          Place place = place(random);
          WindowsPath plain = place.plain();
          AutomationExclusions onC =
              AutomationExclusions.builder().folder(place.ruleFolder()).build();
          AutomationExclusions anyDrive =
              AutomationExclusions.builder()
                  .folder(WindowsPath.of(place.ruleFolder().value().substring(2)))
                  .build();
          for (Root root : Root.values()) {
            WindowsPath spelled = WindowsPath.of(spell(random, root, place.names()));
            if (root.sameAsDriveC) {
              assertEquals(plain, spelled, spelled::value);
              assertEquals(plain.hashCode(), spelled.hashCode(), spelled::value);
              assertTrue(onC.excludes(spelled), spelled::value);
            }
            if (root != Root.REMOTE_ADMIN_SHARE) {
              assertTrue(anyDrive.excludes(spelled), spelled::value);
            }
          }
        });
  }

  /** The place's names with one folder on the way written as a short name. */
  private static List<String> withShortName(Random random, Place place) {
    List<String> names = new ArrayList<>(place.names());
    int at = random.nextInt(names.size() - 1);
    String name = names.get(at).replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
    names.set(at, name.substring(0, Math.min(6, name.length())) + "~" + (1 + random.nextInt(9)));
    return names;
  }

  @Test
  @DisplayName(
      "a file in a core folder with any folder on the way written as a short name is still in a core folder")
  void shortNamesStayInCoreFolders() {
    FolderClassifier folders = FolderClassifier.defaults();
    forAll(
        "shortNamesStayInCoreFolders",
        (random, seed) -> {
          Place place = place(random);
          if (!folders.isInCoreFolder(place.plain())) {
            return;
          }
          String spelling =
              spell(random, pick(random, List.of(Root.values())), withShortName(random, place));
          assertTrue(folders.isInCoreFolder(WindowsPath.of(spelling)), spelling);
        });
  }

  @Test
  @DisplayName("a short name never puts a file in a temp folder its long name leaves out")
  void shortNamesAddNoTempFolder() {
    FolderClassifier folders = FolderClassifier.defaults();
    forAll(
        "shortNamesAddNoTempFolder",
        (random, seed) -> {
          Place place = place(random);
          List<String> names = withShortName(random, place);
          WindowsPath spelled = WindowsPath.of("C:\\" + String.join("\\", names));
          if (folders.isInTempFolder(spelled)) {
            assertTrue(folders.isInTempFolder(place.plain()), spelled::value);
          }
        });
  }
}
