package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Windows paths are normalised and compared case-insensitively")
class WindowsPathTest {

  @Test
  @DisplayName("slashes, repeated separators and a trailing separator are normalised")
  void normalises() {
    assertEquals("C:\\Windows\\System32", WindowsPath.of("c:/Windows//System32/").value());
    assertEquals("\\\\server\\share\\a", WindowsPath.of("//server/share/a").value());
    assertEquals("C:\\", WindowsPath.of("C:\\").value());
  }

  @Test
  @DisplayName("equal ignoring case, with equal hash codes")
  void caseInsensitiveEquality() {
    WindowsPath a = WindowsPath.of("C:\\Windows\\System32\\EVIL.dll");
    WindowsPath b = WindowsPath.of("c:/windows/system32/evil.DLL");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, WindowsPath.of("D:\\Windows\\System32\\evil.dll"));
  }

  @Test
  @DisplayName("file name, extension and drive-less folder form")
  void parts() {
    WindowsPath p = WindowsPath.of("C:\\Users\\alice\\Downloads\\Invoice.PDF.exe");
    assertEquals("Invoice.PDF.exe", p.fileName());
    assertEquals("exe", p.extension());
    assertEquals("\\users\\alice\\downloads\\invoice.pdf.exe", p.folderForm());
    assertEquals("", WindowsPath.of("C:\\Temp\\.hidden").extension());
    assertEquals("", WindowsPath.of("C:\\Temp\\noext").extension());
  }

  @Test
  @DisplayName("isWithin matches whole segments, any drive for a drive-less folder")
  void within() {
    WindowsPath file = WindowsPath.of("C:\\BuildAgent\\work\\a.exe");
    assertTrue(file.isWithin(WindowsPath.of("C:\\BuildAgent")));
    assertTrue(file.isWithin(WindowsPath.of("c:\\buildagent\\WORK")));
    assertTrue(file.isWithin(WindowsPath.of("\\BuildAgent")));
    assertFalse(file.isWithin(WindowsPath.of("D:\\BuildAgent")));
    assertFalse(WindowsPath.of("C:\\BuildAgent2\\a.exe").isWithin(WindowsPath.of("C:\\BuildAgent")));
    assertTrue(file.isWithin(WindowsPath.of("C:\\")));
  }
}
