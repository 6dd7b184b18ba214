package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.core.error.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise (README Domain choices, UserAccount javadoc): "the system's pseudo-identities (S-1-5-18,
 * NT AUTHORITY\...) are refused", "every NT AUTHORITY\... account". Disabling them or resetting
 * their password means nothing, and an identity executor may be pointed at a machine account.
 */
@DisplayName("Attack: system pseudo-identities in other spellings")
class PseudoIdentityAttackTest {

  /*
   * The break it guards against: the check compares the SID's text with "S-1-5-18", so LocalSystem written with a leading zero in a
   * sub-authority (Windows' ConvertStringSidToSid reads S-1-5-018 as S-1-5-18) is a user; and NT AUTHORITY
   * accounts known by their SID alone (S-1-5-7 ANONYMOUS LOGON, S-1-5-6 SERVICE, S-1-5-2 NETWORK) are users.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"S-1-5-018", "S-1-5-0018", "S-1-05-18", "S-1-5-7", "S-1-5-6", "S-1-5-2"})
  @DisplayName("an NT AUTHORITY account known by its SID is refused")
  void ntAuthoritySidIsRefused(String sid) {
    assertThrows(InvalidInputException.class, () -> UserAccount.of(SecurityIdentifier.of(sid)));
  }

  /*
   * The break it guards against: only the English "nt authority" is recognised. Windows localises the domain name of these accounts
   * (German "NT-AUTORITÄT", French "AUTORITE NT"), and Defender reports what the device reports; the
   * domain is also accepted with a trailing space.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NT-AUTORITÄT", "AUTORITE NT", "NT AUTHORITY "})
  @DisplayName("a localised or padded NT AUTHORITY domain is refused")
  void localisedNtAuthorityIsRefused(String domain) {
    assertThrows(
        InvalidInputException.class,
        () -> UserAccount.onPremises(NetbiosDomain.of(domain), SamAccountName.of("SYSTEM")));
  }
}
