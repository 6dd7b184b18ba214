package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "URLs as endpoint alerts report them: without a scheme or after uri=, kept as given, normalized for matching")
class WebUrlTest {

  @Test
  @DisplayName("a URL without a scheme is kept as given and normalized with http://")
  void noScheme() {
    WebUrl url = WebUrl.of("fabrikam.example/pay");
    assertEquals("fabrikam.example/pay", url.value());
    assertEquals("fabrikam.example/pay", url.toString());
    assertEquals("http://fabrikam.example/pay", url.normalized());
    assertEquals("fabrikam.example", url.host());
    assertEquals(
        "http://Fabrikam.example:8080/a",
        WebUrl.of("Fabrikam.example:8080/a").normalized(),
        "a port is no scheme");
    assertEquals("fabrikam.example", WebUrl.of("Fabrikam.example:8080/a").host());
    assertEquals("http://203.0.113.45", WebUrl.of("203.0.113.45").normalized());
    assertEquals("http://[2001:db8::1]/a", WebUrl.of("[2001:db8::1]/a").normalized());
  }

  @Test
  @DisplayName("a uri= prefix, in any case, is dropped for matching and kept in the value")
  void uriPrefix() {
    WebUrl url = WebUrl.of("uri=http://203.0.113.45/a.ps1");
    assertEquals("uri=http://203.0.113.45/a.ps1", url.value());
    assertEquals("http://203.0.113.45/a.ps1", url.normalized());
    assertEquals("203.0.113.45", url.host());
    assertEquals("http://fabrikam.example/x", WebUrl.of("URI=fabrikam.example/x").normalized());
  }

  @Test
  @DisplayName("a URL valid before normalizes to itself, so stored keys do not change")
  void unchanged() {
    for (String before :
        List.of(
            "https://login.example.net/reset?x=1",
            "HTTP://Example.NET/A",
            "http://10.0.0.1:8080/a",
            "https://xn--bcher-kva.example/",
            "https://example.net/r\u00e9sum\u00e9")) {
      assertEquals(before, WebUrl.of(before).normalized());
      assertEquals("url:" + before, Url.of(WebUrl.of(before)).key().value());
    }
  }

  @Test
  @DisplayName("the Url entity's key uses the normalized form: one URL however it was reported")
  void key() {
    Url bare = Url.of(WebUrl.of("fabrikam.example/pay"));
    assertEquals("url:http://fabrikam.example/pay", bare.key().value());
    assertEquals(Url.of(WebUrl.of("http://fabrikam.example/pay")).key(), bare.key());
    assertEquals(Url.of(WebUrl.of("uri=http://fabrikam.example/pay")).key(), bare.key());
    assertTrue(bare.sameAs(Url.of(WebUrl.of("uri=fabrikam.example/pay"))));
  }

  @Test
  @DisplayName(
      "other schemes, no host and whitespace are still refused, after normalizing too, naming the value")
  void refused() {
    for (String bad :
        List.of(
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "uri=javascript:alert(1)",
            "ftp://example.com/",
            "uri=ftp://example.com/",
            "file:///C:/x",
            "data:text/html,x",
            "localhost:8080",
            "mailto:a@contoso.com",
            "uri=",
            "uri=/a",
            "/relative/path",
            "//fabrikam.example/a",
            "https:///nohost",
            "fabrikam.example/a b",
            "uri= http://a.example",
            "fabrikam.example/\r\nX: 1",
            "fabrikam.example/\u202Eexe",
            "",
            "a".repeat(2_042) + ".com")) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> WebUrl.of(bad), bad);
      assertTrue(e.getMessage().startsWith("url "), e.getMessage());
      assertFalse(e.getMessage().contains("\r"), e.getMessage());
    }
  }
}
