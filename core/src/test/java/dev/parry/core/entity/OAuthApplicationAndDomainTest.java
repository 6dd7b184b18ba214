package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OAuth applications and domains as evidence")
class OAuthApplicationAndDomainTest {

  static final ApplicationId APP_ID = ApplicationId.of("4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6");
  static final ObjectId SP = ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");

  @Test
  @DisplayName(
      "an OAuth app is keyed by its application id; service principal, display name and publisher are attributes")
  void appKey() {
    OAuthApplication app =
        OAuthApplication.of(ApplicationId.of("{4F2A9E6C-1B3D-4C5E-8F70-A1B2C3D4E5F6}"))
            .withServicePrincipal(SP)
            .withDisplayName("Mail Sync Pro")
            .withPublisher("Fabrikam Apps");
    assertEquals("oauth-app:4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6", app.key().value());
    assertEquals(OAuthApplication.of(APP_ID).key(), app.key());
    assertTrue(app.sameAs(OAuthApplication.of(APP_ID)));
    assertEquals(SP, app.servicePrincipalId());
    assertEquals("Mail Sync Pro", app.displayName());
    assertEquals("Fabrikam Apps", app.publisher());
    assertEquals(EntityFamily.IDENTITY, app.family());
  }

  @Test
  @DisplayName("a hostile display name is kept as given and escaped in toString")
  void hostileText() {
    OAuthApplication app =
        OAuthApplication.of(APP_ID)
            .withDisplayName("Microsoft\u202Egnp.exe \u200B'Office'")
            .withPublisher("Micro\u00ADsoft");
    assertEquals("Microsoft\u202Egnp.exe \u200B'Office'", app.displayName());
    String shown = app.toString();
    assertFalse(
        shown.contains("\u202E") || shown.contains("\u200B") || shown.contains("\u00AD"), shown);
    assertTrue(
        shown.startsWith(
            "OAuthApplication{appId=4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6, displayName='Microsoft\\u202e"),
        shown);
  }

  @Test
  @DisplayName("a bad application id or text is refused, naming the field and the value")
  void refused() {
    InvalidInputException id =
        assertThrows(InvalidInputException.class, () -> ApplicationId.of("mail-sync"));
    assertEquals(
        "applicationId must be a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e, was: 'mail-sync'",
        id.getMessage());
    InvalidInputException line =
        assertThrows(
            InvalidInputException.class,
            () -> OAuthApplication.of(APP_ID).withDisplayName("forged\r\nline"));
    assertTrue(
        line.getMessage().startsWith("displayName must not contain control characters"),
        line.getMessage());
    assertTrue(
        line.getMessage().contains("'forged\\r\\nline'")
            || line.getMessage().contains("forged\\u000d"),
        line.getMessage());
    InvalidInputException empty =
        assertThrows(
            InvalidInputException.class, () -> new OAuthApplication(APP_ID, null, null, ""));
    assertTrue(
        empty.getMessage().startsWith("publisher must be 1-1024 characters"), empty.getMessage());
    assertThrows(
        InvalidInputException.class,
        () ->
            OAuthApplication.of(APP_ID)
                .withDisplayName("x".repeat(OAuthApplication.MAX_TEXT_LENGTH + 1)));
    assertThrows(InvalidInputException.class, () -> new OAuthApplication(null, null, null, null));
  }

  @Test
  @DisplayName("a domain is kept in lower case, keyed domain:name, in the email family")
  void domain() {
    InternetDomain domain = InternetDomain.of("Fabrikam.EXAMPLE");
    assertEquals(DomainName.of("fabrikam.example"), domain.domain());
    assertEquals("domain:fabrikam.example", domain.key().value());
    assertEquals(EntityFamily.EMAIL, domain.family());
    assertEquals("InternetDomain{domain=fabrikam.example}", domain.toString());
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> InternetDomain.of("fabrikam.example/pay"));
    assertTrue(e.getMessage().startsWith("domainName must be a DNS name"), e.getMessage());
    assertTrue(e.getMessage().endsWith("was: 'fabrikam.example/pay'"), e.getMessage());
  }
}
