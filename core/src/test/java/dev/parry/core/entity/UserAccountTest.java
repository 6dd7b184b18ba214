package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Users: keyed by a stable id, on-premises accounts representable, one user under many names")
class UserAccountTest {

  static final ObjectId OID = ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  static final ObjectId OTHER_OID = ObjectId.of("8c9e6679-7425-40de-944b-e07fc1f90ae7");
  static final SecurityIdentifier SID =
      SecurityIdentifier.of("S-1-5-21-3623811015-3361044348-30300820-1013");
  static final UserPrincipalName ALICE = UserPrincipalName.of("alice@contoso.com");
  static final UserPrincipalName ALICE_NEW = UserPrincipalName.of("alice.smith@contoso.com");

  @Nested
  @DisplayName("keys")
  class Keys {
    @Test
    @DisplayName("an Entra object id is the key whenever it is known")
    void objectIdKeys() {
      assertEquals("user:" + OID.value(), UserAccount.of(OID).withUpn(ALICE).key().value());
    }

    @Test
    @DisplayName("a SID keys an on-premises account with no object id")
    void sidKeys() {
      assertEquals("user:" + SID.value(), UserAccount.of(SID).key().value());
    }

    @Test
    @DisplayName("a user known by UPN alone keeps the key earlier releases gave it")
    void upnKeys() {
      assertEquals("user:alice@contoso.com", UserAccount.of(ALICE).key().value());
    }

    @Test
    @DisplayName(
        "DOMAIN\\user alone is an account too, keyed by its domain and name, compared without case")
    void onPremisesName() {
      UserAccount account =
          UserAccount.onPremises(NetbiosDomain.of("CONTOSO"), SamAccountName.of("Alice"));
      assertEquals("user:contoso\\alice", account.key().value());
      assertEquals("CONTOSO", account.domain().value());
      assertEquals("Alice", account.accountName().value());
    }
  }

  @Nested
  @DisplayName("the same user")
  class SameUser {
    @Test
    @DisplayName("id and UPN in one report, UPN alone in another: one user")
    void idAndUpnVersusUpn() {
      assertTrue(UserAccount.of(OID).withUpn(ALICE).sameAs(UserAccount.of(ALICE)));
      assertTrue(UserAccount.of(ALICE).sameAs(UserAccount.of(OID).withUpn(ALICE)));
    }

    @Test
    @DisplayName("one directory object seen under two UPNs: one user")
    void oneObjectTwoUpns() {
      assertTrue(UserAccount.of(OID).withUpn(ALICE).sameAs(UserAccount.of(OID).withUpn(ALICE_NEW)));
    }

    @Test
    @DisplayName("two directory objects under one UPN (a name given again): two users")
    void twoObjectsOneUpn() {
      assertFalse(
          UserAccount.of(OID).withUpn(ALICE).sameAs(UserAccount.of(OTHER_OID).withUpn(ALICE)));
    }

    @Test
    @DisplayName("a SID and the DOMAIN\\user of one report match the same SID or name elsewhere")
    void onPremises() {
      UserAccount full =
          UserAccount.onPremises(NetbiosDomain.of("CONTOSO"), SamAccountName.of("alice"))
              .withSid(SID);
      assertTrue(full.sameAs(UserAccount.of(SID)));
      assertTrue(
          full.sameAs(
              UserAccount.onPremises(NetbiosDomain.of("contoso"), SamAccountName.of("ALICE"))));
      assertFalse(
          full.sameAs(
              UserAccount.onPremises(NetbiosDomain.of("FABRIKAM"), SamAccountName.of("alice"))));
    }

    @Test
    @DisplayName("reports that share no identifier are not taken for one user")
    void nothingShared() {
      assertFalse(UserAccount.of(OID).sameAs(UserAccount.of(ALICE)));
      assertFalse(UserAccount.of(SID).sameAs(UserAccount.of(OID)));
    }
  }

  @Nested
  @DisplayName("refusals")
  class Refusals {
    @Test
    @DisplayName("an account with no identifier at all is refused")
    void noIdentifier() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class, () -> new UserAccount(null, null, null, null, null));
      assertTrue(
          e.getMessage().contains("objectId, sid, upn or domain and accountName"), e.getMessage());
    }

    @Test
    @DisplayName(
        "an account name without its domain is refused: it could be any machine's local account")
    void nameWithoutDomain() {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> new UserAccount(null, null, null, SamAccountName.of("alice"), null));
      assertTrue(e.getMessage().contains("accountName 'alice' needs its domain"), e.getMessage());
    }

    @Test
    @DisplayName(
        "system pseudo-identities (LocalSystem, LocalService, NetworkService) are not users and are refused")
    void pseudoIdentities() {
      for (String sid : new String[] {"S-1-5-18", "S-1-5-19", "S-1-5-20"}) {
        InvalidInputException e =
            assertThrows(
                InvalidInputException.class, () -> UserAccount.of(SecurityIdentifier.of(sid)));
        assertTrue(e.getMessage().contains(sid), e.getMessage());
      }
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  UserAccount.onPremises(
                      NetbiosDomain.of("NT AUTHORITY"), SamAccountName.of("SYSTEM")));
      assertTrue(e.getMessage().contains("NT AUTHORITY\\SYSTEM"), e.getMessage());
    }

    @Test
    @DisplayName("SIDs, SAM account names and NetBIOS domains are checked and name the bad value")
    void identifiers() {
      assertThrows(InvalidInputException.class, () -> SecurityIdentifier.of("S-1"));
      assertThrows(InvalidInputException.class, () -> SecurityIdentifier.of("S-1-5-x"));
      assertEquals("S-1-5-21-1-2-3-500", SecurityIdentifier.of("s-1-5-21-1-2-3-500").value());
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> SamAccountName.of("a/b"));
      assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
      assertThrows(InvalidInputException.class, () -> SamAccountName.of("x".repeat(105)));
      assertThrows(InvalidInputException.class, () -> NetbiosDomain.of("CON\\TOSO"));
      assertThrows(InvalidInputException.class, () -> NetbiosDomain.of(""));
      assertEquals("contoso.com", NetbiosDomain.of("contoso.com").value());
    }
  }

  @Test
  @DisplayName("a mailbox can name its owner, and its key stays its address")
  void mailboxOwner() {
    SmtpAddress address = SmtpAddress.of("alice@contoso.com");
    Mailbox mailbox = Mailbox.of(address).ownedBy(UserAccount.of(OID).withUpn(ALICE));
    assertEquals(OID, mailbox.owner().objectId());
    assertEquals(Mailbox.of(address).key(), mailbox.key());
  }

  @Test
  @DisplayName("toString shows no personal data in clear")
  void redacted() {
    String shown =
        UserAccount.onPremises(NetbiosDomain.of("CONTOSO"), SamAccountName.of("alice"))
            .withUpn(ALICE)
            .toString();
    assertFalse(shown.contains("alice"), shown);
  }
}
