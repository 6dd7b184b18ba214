package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.action.IdentityProviderName;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.InvestigationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Identifiers validate their input and name the bad value")
class IdentifierValidationTest {

  private static final String CONTROL = "ab\u0000c";
  private static final String CRLF = "ab\r\nc";

  /** Each identifier: its factory, good values, bad values. */
  private static final Map<String, Case> CASES =
      Map.ofEntries(
          Map.entry(
              "deviceId",
              new Case(
                  DeviceId::of,
                  List.of("a", "a3f7c19e", "x".repeat(128), "host.example:1_2-3"),
                  List.of("", "x".repeat(129), "a b", "a/b", CONTROL, CRLF, "é"))),
          Map.entry(
              "clusterId",
              new Case(
                  ClusterId::of, List.of("c", "cluster-1"), List.of("", "c c", "x".repeat(129)))),
          Map.entry(
              "sha1",
              new Case(
                  Sha1::of,
                  List.of(
                      "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                      "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"),
                  List.of(
                      "",
                      "da39a3ee5e6b4b0d3255bfef95601890afd8070",
                      "da39a3ee5e6b4b0d3255bfef95601890afd807099",
                      "za39a3ee5e6b4b0d3255bfef95601890afd80709"))),
          Map.entry(
              "sha256",
              new Case(
                  Sha256::of,
                  List.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                  List.of(
                      "",
                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
                      "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                      "x".repeat(1_000_000)))),
          Map.entry(
              "networkMessageId",
              new Case(
                  NetworkMessageId::of,
                  List.of(
                      "0f8fad5b-d9cb-469f-a165-70867728950e",
                      "{0F8FAD5B-D9CB-469F-A165-70867728950E}"),
                  List.of(
                      "",
                      "0f8fad5bd9cb469fa16570867728950e",
                      "0f8fad5b-d9cb-469f-a165-70867728950g",
                      "{0f8fad5b-d9cb-469f-a165-70867728950e"))),
          Map.entry(
              "objectId",
              new Case(
                  ObjectId::of,
                  List.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                  List.of("7c9e6679", "7c9e6679-7425-40de-944b-e07fc1f90ae7x"))),
          Map.entry(
              "url",
              new Case(
                  WebUrl::of,
                  List.of(
                      "https://login.example.net/reset?x=1",
                      "http://10.0.0.1:8080/a",
                      "https://xn--bcher-kva.example/",
                      "https://example.net/r\u00e9sum\u00e9"),
                  List.of(
                      "",
                      "ftp://example.com/",
                      "javascript:alert(1)",
                      "https:///nohost",
                      "https://exa mple.com",
                      "https://example.com/\r\nX-Forged: 1",
                      "/relative/path",
                      "https://" + "a".repeat(2100) + ".com"))),
          Map.entry(
              "smtpAddress",
              new Case(
                  SmtpAddress::of,
                  List.of(
                      "alice@contoso.com",
                      "Alice.Smith+tag@Sub.Contoso.COM",
                      "x".repeat(64) + "@a.io"),
                  List.of(
                      "",
                      "alice",
                      "@contoso.com",
                      "alice@",
                      "alice@contoso",
                      "a@b@contoso.com",
                      ".alice@contoso.com",
                      "al..ice@contoso.com",
                      "x".repeat(65) + "@a.io",
                      "alice@-contoso.com",
                      "al ice@contoso.com",
                      "alice@contoso.com\r\n",
                      "alice@" + "a".repeat(64) + ".com"))),
          Map.entry(
              "userPrincipalName",
              new Case(
                  UserPrincipalName::of,
                  List.of("bob@contoso.com", "BOB@CONTOSO.ONMICROSOFT.COM"),
                  List.of("", "bob", "bob@contoso", "bob@contoso.com\u0000"))),
          Map.entry(
              "domainName",
              new Case(
                  DomainName::of,
                  List.of("corp", "contoso.com", "A-B.example"),
                  List.of(
                      "",
                      "-a.com",
                      "a-.com",
                      "a..com",
                      "a_b.com",
                      "x".repeat(64) + ".com",
                      ".com"))),
          Map.entry(
              "windowsPath",
              new Case(
                  WindowsPath::of,
                  List.of(
                      "C:\\Windows\\System32\\a.dll",
                      "c:/temp/a.exe",
                      "\\Users\\x",
                      "\\\\server\\share\\a",
                      "C:\\",
                      "C:\\a\\..\\b",
                      "C:\\a\\.\\b",
                      "\\\\?\\C:\\a",
                      "\\\\localhost\\C$\\a",
                      "C:\\Users\\josé\\文件.exe",
                      "C:\\Temp\\\uD83D\uDE00.exe"),
                  List.of(
                      "",
                      "relative\\a.exe",
                      "C:relative",
                      "C:\\..\\b",
                      "C:\\a\\...\\b",
                      "\\\\?\\C:\\a\\..\\b",
                      "\\\\server",
                      "\\\\.\\pipe\\x",
                      "C:\\a*.exe",
                      "C:\\a?.exe",
                      "C:\\a<b",
                      "C:\\a|b",
                      "C:\\a\u0000b",
                      "C:\\a\r\nb",
                      "C:\\a:b",
                      "\\\\",
                      "C:\\" + "a".repeat(32_767)))),
          Map.entry(
              "registryKeyPath",
              new Case(
                  RegistryKeyPath::of,
                  List.of(
                      "HKLM\\Software\\Run",
                      "HKEY_CURRENT_USER\\Software",
                      "hkcu",
                      "HKU\\S-1-5-21\\Software",
                      "HKLM\\Software\\Müller"),
                  List.of(
                      "",
                      "Software\\Run",
                      "HKXX\\Software",
                      "HKLM\\\\Software",
                      "HKLM\\Software\\",
                      "HKLM\\a\u0007"))),
          Map.entry(
              "scheduledTaskPath",
              new Case(
                  ScheduledTaskPath::of,
                  List.of(
                      "\\Updater",
                      "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag",
                      "\\Mise à jour",
                      "Updater",
                      "Microsoft\\Windows\\Updater"),
                  List.of("", "\\a\nb", "a\u202eb"))),
          Map.entry(
              "serviceName",
              new Case(
                  ServiceName::of,
                  List.of("UpdaterSvc", "Windows Update", "Служба обновления"),
                  List.of("", "a\\b", "a/b", "a\tb", "x".repeat(257)))),
          Map.entry(
              "deviceName",
              new Case(
                  DeviceName::of,
                  List.of("ws-042", "ws-042.corp.contoso.com", "ws-münchen"),
                  List.of("", "ws 042", "ws\\042", "x".repeat(256)))),
          Map.entry(
              "deviceTag",
              new Case(
                  DeviceTag::of,
                  List.of("finance", "Tier 0", "财务"),
                  List.of("", "a\nb", "x".repeat(201)))),
          Map.entry(
              "fileName",
              new Case(
                  FileName::of,
                  List.of(
                      "invoice.pdf.exe",
                      "résumé.docx",
                      "文件.pdf",
                      "e\u0301te\u0301.txt",
                      "\uD83D\uDCC4 report.pdf",
                      "مستند.docx",
                      "קובץ.exe",
                      "Ünïcödé ñame.txt"),
                  List.of("", "a/b", "a\\b", "a\u0085b"))),
          Map.entry(
              "entityKey",
              new Case(
                  EntityKey::of,
                  List.of("device:a", "file:e3@d:c:\\users\\josé\\文件.exe"),
                  List.of("", "a\nb"))),
          Map.entry(
              "principalName",
              new Case(
                  PrincipalName::of,
                  List.of("alice@contoso.com", "SOC automation", "josé@contoso.com", "李雷"),
                  List.of(
                      "", "system", "SYSTEM", " alice", "alice ", "a\u2028b", "x".repeat(257)))),
          Map.entry(
              "investigationId",
              new Case(InvestigationId::of, List.of("inv-1"), List.of("", "inv 1", "inv/1"))),
          Map.entry("alertId", new Case(AlertId::of, List.of("da637851"), List.of("", "a\nb"))),
          Map.entry(
              "actionId",
              new Case(
                  ActionId::parse,
                  List.of("inv-1/1", "inv.2:x/12"),
                  List.of(
                      "",
                      "a/b/12",
                      "inv-1",
                      "inv-1/0",
                      "inv-1/-1",
                      "inv-1/+1",
                      "/1",
                      "inv-1/x",
                      "inv-1/99999999999",
                      "inv-1/\u0661",
                      "inv-1/\uFF11"))),
          Map.entry(
              "deviceGroupName",
              new Case(
                  DeviceGroupName::of,
                  List.of("Tier-0 servers", "Tier-0 серверы"),
                  List.of("", "a\rb"))),
          Map.entry(
              "identityProviderName",
              new Case(IdentityProviderName::of, List.of("okta"), List.of("", "ok ta"))));

  private record Case(Function<String, Object> factory, List<String> good, List<String> bad) {}

  /**
   * One sample of each kind of character that can make one identifier look like another, or two
   * identifiers one: bidirectional controls, invisible characters, spaces other than the plain
   * space, control characters, unpaired surrogates, other default-ignorable characters and
   * noncharacters.
   */
  static final List<Map.Entry<String, String>> SPOOFING =
      List.of(
          Map.entry("right-to-left override", "\u202E"),
          Map.entry("left-to-right embedding", "\u202A"),
          Map.entry("pop directional formatting", "\u202C"),
          Map.entry("right-to-left isolate", "\u2067"),
          Map.entry("pop directional isolate", "\u2069"),
          Map.entry("left-to-right mark", "\u200E"),
          Map.entry("right-to-left mark", "\u200F"),
          Map.entry("Arabic letter mark", "\u061C"),
          Map.entry("zero-width space", "\u200B"),
          Map.entry("zero-width non-joiner", "\u200C"),
          Map.entry("zero-width joiner", "\u200D"),
          Map.entry("word joiner", "\u2060"),
          Map.entry("byte-order mark", "\uFEFF"),
          Map.entry("soft hyphen", "\u00AD"),
          Map.entry("no-break space", "\u00A0"),
          Map.entry("figure space", "\u2007"),
          Map.entry("narrow no-break space", "\u202F"),
          Map.entry("ideographic space", "\u3000"),
          Map.entry("Ogham space mark", "\u1680"),
          Map.entry("NUL", "\u0000"),
          Map.entry("escape", "\u001B"),
          Map.entry("delete", "\u007F"),
          Map.entry("next line", "\u0085"),
          Map.entry("line separator", "\u2028"),
          Map.entry("lone high surrogate", "\uD800"),
          Map.entry("lone low surrogate", "\uDC00"),
          Map.entry("surrogates in the wrong order", "\uDC00\uD800"),
          Map.entry("Mongolian vowel separator", "\u180E"),
          Map.entry("Hangul filler", "\u3164"),
          Map.entry("Hangul choseong filler", "\u115F"),
          Map.entry("Hangul jungseong filler", "\u1160"),
          Map.entry("half-width Hangul filler", "\uFFA0"),
          Map.entry("combining grapheme joiner", "\u034F"),
          Map.entry("variation selector 16", "\uFE0F"),
          Map.entry("variation selector 17", "\uDB40\uDD00"),
          Map.entry("tag latin small letter a", "\uDB40\uDC61"),
          Map.entry("language tag", "\uDB40\uDC01"),
          Map.entry("noncharacter U+FFFF", "\uFFFF"),
          Map.entry("noncharacter U+FDD0", "\uFDD0"));

  /**
   * Each identifier as a valid value cut in two: a spoofing character goes between the halves, or
   * after both.
   */
  private static final Map<String, List<String>> HALVES =
      Map.ofEntries(
          Map.entry("deviceId", List.of("a3f7", "c19e")),
          Map.entry("clusterId", List.of("cluster", "-1")),
          Map.entry("sha1", List.of("da39a3ee5e6b4b0d3255", "bfef95601890afd80709")),
          Map.entry(
              "sha256",
              List.of("e3b0c44298fc1c149afbf4c8996fb924", "27ae41e4649b934ca495991b7852b855")),
          Map.entry("networkMessageId", List.of("0f8fad5b-d9cb-469f-", "a165-70867728950e")),
          Map.entry("objectId", List.of("7c9e6679-7425-40de-", "944b-e07fc1f90ae7")),
          Map.entry("url", List.of("https://login.example.net/re", "set")),
          Map.entry("smtpAddress", List.of("alice", "@contoso.com")),
          Map.entry("userPrincipalName", List.of("bob", "@contoso.com")),
          Map.entry("domainName", List.of("contoso", ".com")),
          Map.entry("windowsPath", List.of("C:\\Users\\alice\\invoice", ".pdf.exe")),
          Map.entry("registryKeyPath", List.of("HKLM\\Software\\Run\\Upd", "ater")),
          Map.entry("scheduledTaskPath", List.of("\\Upd", "ater")),
          Map.entry("serviceName", List.of("Updater", "Svc")),
          Map.entry("deviceName", List.of("ws-", "042")),
          Map.entry("deviceTag", List.of("fin", "ance")),
          Map.entry("fileName", List.of("invoice", ".pdf.exe")),
          Map.entry("entityKey", List.of("device:", "a3f7c19e")),
          Map.entry("principalName", List.of("alice", "@contoso.com")),
          Map.entry("investigationId", List.of("inv-", "1")),
          Map.entry("alertId", List.of("da63", "7851")),
          Map.entry("actionId", List.of("inv-1", "/1")),
          Map.entry("deviceGroupName", List.of("Tier-0 ", "servers")),
          Map.entry("identityProviderName", List.of("ok", "ta")));

  static Stream<Arguments> spoofedValues() {
    List<Arguments> out = new ArrayList<>();
    HALVES.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            halves -> {
              String first = halves.getValue().get(0);
              String second = halves.getValue().get(1);
              for (Map.Entry<String, String> spoof : SPOOFING) {
                out.add(
                    Arguments.of(
                        halves.getKey(),
                        spoof.getKey(),
                        first + spoof.getValue() + second,
                        spoof.getValue()));
                out.add(
                    Arguments.of(
                        halves.getKey(),
                        spoof.getKey() + " at the end",
                        first + second + spoof.getValue(),
                        spoof.getValue()));
              }
            });
    return out.stream();
  }

  @Test
  @DisplayName("every identifier has a spoofing template")
  void everyIdentifierIsSpoofed() {
    assertEquals(CASES.keySet(), HALVES.keySet());
  }

  @ParameterizedTest(name = "{0} refuses a {1}")
  @MethodSource("spoofedValues")
  @DisplayName(
      "a character that can make one identifier look like another is refused, naming the field and showing it escaped")
  void refusesSpoofingCharacters(String name, String what, String value, String spoof) {
    CASES.get(name).factory().apply(value.replace(spoof, "")); // the value is valid without it
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> CASES.get(name).factory().apply(value),
            () -> name + " accepted a " + what);
    String message = e.getMessage();
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    assertTrue(
        lower.contains(name.toLowerCase(java.util.Locale.ROOT))
            || (name.equals("actionId") && message.contains("investigation")),
        () -> "message should name " + name + ": " + message);
    StringBuilder escaped = new StringBuilder();
    for (char c : spoof.toCharArray()) {
      escaped.append(String.format("\\u%04x", (int) c));
    }
    assertTrue(lower.contains(escaped), () -> "message should show " + escaped + ": " + message);
    for (char c : spoof.toCharArray()) {
      assertTrue(
          message.indexOf(c) < 0,
          () -> "message carries the raw character: " + escapedAll(message));
    }
  }

  private static String escapedAll(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  static Stream<Arguments> goodValues() {
    List<Arguments> out = new ArrayList<>();
    CASES.forEach((name, c) -> c.good().forEach(v -> out.add(Arguments.of(name, v))));
    return out.stream();
  }

  static Stream<Arguments> badValues() {
    List<Arguments> out = new ArrayList<>();
    CASES.forEach((name, c) -> c.bad().forEach(v -> out.add(Arguments.of(name, v))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} accepts {1}")
  @MethodSource("goodValues")
  @DisplayName("valid values are accepted")
  void acceptsValidValues(String name, String value) {
    CASES.get(name).factory().apply(value);
  }

  @ParameterizedTest(name = "{0} refuses a bad value (#{index})")
  @MethodSource("badValues")
  @DisplayName("invalid values are refused with an IllegalArgumentException naming the component")
  void refusesInvalidValues(String name, String value) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CASES.get(name).factory().apply(value));
    String message = e.getMessage();
    assertTrue(
        message.toLowerCase(java.util.Locale.ROOT).contains(name.toLowerCase(java.util.Locale.ROOT))
            || (name.equals("actionId") && message.contains("investigation")),
        () -> "message should name " + name + ": " + message);
    assertTrue(
        message.length() < 600,
        () -> "message must stay short even for huge input, was " + message.length());
    assertTrue(
        message.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0),
        () -> "message must not carry raw control characters: " + message);
  }

  @ParameterizedTest(name = "{0} refuses null")
  @MethodSource("names")
  @DisplayName("null is refused with a NullPointerException")
  void refusesNull(String name) {
    assertThrows(InvalidInputException.class, () -> CASES.get(name).factory().apply(null));
  }

  static Stream<String> names() {
    return CASES.keySet().stream().sorted();
  }

  @Test
  @DisplayName("digests, GUIDs, addresses and domains are normalised to lower case")
  void normalisesCase() {
    assertEquals(
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        Sha1.of("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709").hex());
    assertEquals(
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        NetworkMessageId.of("{0F8FAD5B-D9CB-469F-A165-70867728950E}").value());
    assertEquals(SmtpAddress.of("alice@contoso.com"), SmtpAddress.of("ALICE@Contoso.COM"));
    assertEquals(UserPrincipalName.of("bob@contoso.com"), UserPrincipalName.of("Bob@CONTOSO.com"));
    assertEquals(DomainName.of("contoso.com"), DomainName.of("CONTOSO.com"));
    assertEquals("HKEY_LOCAL_MACHINE\\Software", RegistryKeyPath.of("hklm\\Software").value());
    assertEquals(
        RegistryKeyPath.of("HKLM\\SOFTWARE\\run"),
        RegistryKeyPath.of("hkey_local_machine\\software\\Run"));
    assertEquals(ServiceName.of("updatersvc"), ServiceName.of("UpdaterSvc"));
  }

  @Test
  @DisplayName("addresses and principal names are redacted in toString")
  void redactsPersonalData() {
    assertEquals("***@contoso.com", SmtpAddress.of("alice@contoso.com").toString());
    assertEquals("***@contoso.com", UserPrincipalName.of("bob@contoso.com").toString());
    assertTrue(!Fixtures.USER.toString().contains("bob"), Fixtures.USER::toString);
  }
}
