package dev.parry.core.automation;

import dev.parry.core.entity.PosixPath;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder rules of macOS and Linux paths for {@link FolderClassifier}: patterns of names written
 * with {@code /}, matched with or without case as the question's cautious side asks.
 */
final class PosixFolders {

  private PosixFolders() {}

  static String[][] parse(List<String> patterns, String name) {
    List<String[]> out = new ArrayList<>();
    Checks.notNull(patterns, name);
    for (int index = 0; index < patterns.size(); index++) {
      String pattern = patterns.get(index);
      String field = name + "[" + index + "]";
      Text.require(field, pattern, 1, 1024);
      String p = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
      if (!p.startsWith("/") || p.length() < 2) {
        throw new InvalidInputException(
            field,
            pattern,
            "posix folder pattern must start with '/' and name a folder, was: "
                + Text.show(pattern));
      }
      String[] segments = p.substring(1).split("/", -1);
      if (segments.length > FolderClassifier.MAX_SEGMENTS) {
        throw new InvalidInputException(
            field,
            pattern,
            "posix folder pattern must have at most "
                + FolderClassifier.MAX_SEGMENTS
                + " segments, was: "
                + Text.show(pattern));
      }
      for (String segment : segments) {
        if (segment.isEmpty()
            || segment.equals(".")
            || segment.equals("..")
            || (segment.contains("*") && !segment.equals("*"))) {
          throw new InvalidInputException(
              field,
              pattern,
              "posix folder pattern segments must be non-empty, not '.' or '..',"
                  + " and '*' must stand alone, was: "
                  + Text.show(pattern));
        }
      }
      out.add(segments);
    }
    return out.toArray(new String[0][]);
  }

  /**
   * Whether the folders of {@code file} match a pattern; {@code cautiousCore} decides the doubtful
   * cases.
   */
  static boolean match(PosixPath file, String[][] patterns, boolean cautiousCore) {
    List<String> names = file.names();
    if (names.contains("..")) {
      return cautiousCore;
    }
    int folders = names.size() - 1; // the file's own name is not a folder
    for (String[] pattern : patterns) {
      if (pattern.length > folders) {
        continue;
      }
      boolean match = true;
      for (int i = 0; match && i < pattern.length; i++) {
        String name = names.get(i);
        match =
            pattern[i].equals("*")
                || (cautiousCore ? pattern[i].equalsIgnoreCase(name) : pattern[i].equals(name));
      }
      if (match) {
        return true;
      }
    }
    return false;
  }
}
