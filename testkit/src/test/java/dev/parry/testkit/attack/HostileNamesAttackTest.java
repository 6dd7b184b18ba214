package dev.parry.testkit.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Principal names and paths spelled to pass for another. */
@DisplayName("Attack: hostile spellings of principals and paths")
class HostileNamesAttackTest {

  @Test
  @DisplayName(
      "held: the canonical form is a fixed point for every BMP character, so a stored name reads back as itself")
  void canonicalFormIsStable() {
    List<String> unstable = new ArrayList<>();
    for (int c = 0x80; c <= 0xFFFF; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String spelled = "a" + (char) c + "b@contoso.com";
      PrincipalName once;
      try {
        once = PrincipalName.of(spelled);
      } catch (InvalidInputException refused) {
        continue;
      }
      PrincipalName twice;
      try {
        twice = PrincipalName.of(once.value());
      } catch (InvalidInputException refused) {
        unstable.add(Integer.toHexString(c) + " refused on read-back");
        continue;
      }
      if (!twice.equals(once)) {
        unstable.add(Integer.toHexString(c) + " -> " + once.value() + " -> " + twice.value());
      }
    }
    assertEquals(List.of(), unstable);
  }

  @Test
  @DisplayName(
      "held: the system's name is refused in compatibility spellings (long s, full-width, Kelvin-free)")
  void systemSpellings() {
    for (String name : List.of("\u017Fystem", "SYST\uFF25M", "\uFF33ystem")) {
      assertThrows(InvalidInputException.class, () -> PrincipalName.of(name), name);
    }
  }

  @Test
  @DisplayName(
      "held: a directory's index stream (C:\\Windows::$INDEX_ALLOCATION) is refused rather than read as an ordinary folder")
  void indexAllocationStreams() {
    for (String path :
        List.of(
            "C:\\Windows::$INDEX_ALLOCATION\\System32\\evil.dll",
            "C:\\Windows:$I30:$INDEX_ALLOCATION\\evil.dll",
            "C:\\Program Files::$INDEX_ALLOCATION\\Vendor\\app.exe")) {
      try {
        assertEquals(true, FolderClassifier.defaults().isInCoreFolder(WindowsPath.of(path)), path);
      } catch (InvalidInputException refused) {
        // refused: never classified as an ordinary folder
      }
    }
  }
}
