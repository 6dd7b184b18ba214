package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user account in a directory, the target of identity actions (disable, reset password, revoke
 * sessions, contain): an Entra ID (cloud) account, an on-premises Active Directory account (<code>
 * DOMAIN&#92;user</code>, a SID), or both for a synchronised account.
 *
 * <p>Reports of one user carry different identifiers: one alert names the object id and the UPN,
 * another the UPN alone, a third the SID and <code>DOMAIN&#92;user</code>. An account needs at
 * least one of: the Entra object id, the SID, the UPN, or the domain with the account name. The key
 * is the most stable identifier it carries, in this order: object id, SID, UPN, <code>
 * domain&#92;name</code> (lower case). {@link #sameAs} compares the most stable identifier both
 * carry, so an account known by id and UPN is the one known by that UPN alone, one directory object
 * under two UPNs is one user, and two object ids are two users whatever UPN they show.
 *
 * <p>The system's pseudo-identities are not users and are refused: every SID that is not an
 * account's ({@link SecurityIdentifier#isAccount()}: {@code S-1-5-18} LocalSystem, {@code S-1-5-7}
 * anonymous logon, the {@code BUILTIN} groups, service and window-manager accounts, however the
 * numbers are written), and every account of the {@code NT AUTHORITY} domain (also as Windows names
 * it in other languages: {@code NT-AUTORITÄT}, {@code AUTORITE NT}, {@code AUTORIDADE NT}, {@code
 * NT INSTANS}) or of the {@code NT SERVICE}, {@code IIS APPPOOL}, {@code Window Manager} and {@code
 * Font Driver Host} domains. A group's SID in a domain ({@code S-1-5-21-…-512}) is an account SID
 * by its form and is not told apart. Disabling them or resetting their password means nothing.
 *
 * @param upn the user principal name, or null if not known
 * @param objectId the Entra ID object id, or null if not known (an on-premises account)
 * @param sid the on-premises security identifier, or null if not known
 * @param accountName the SAM account name (the {@code user} of <code>DOMAIN&#92;user</code>), or
 *     null; given only with {@code domain}
 * @param domain the account's domain as Defender names it (NetBIOS, DNS, or a device for a local
 *     account), or null
 */
public record UserAccount(
    @Nullable UserPrincipalName upn,
    @Nullable ObjectId objectId,
    @Nullable SecurityIdentifier sid,
    @Nullable SamAccountName accountName,
    @Nullable NetbiosDomain domain)
    implements IdentityEntity {

  /**
   * The domains of the system's pseudo-identities, as Windows names them in several languages,
   * lower case.
   */
  private static final Set<String> PSEUDO_DOMAINS =
      Set.of(
          "nt authority",
          "nt-autorität",
          "nt-autoritat",
          "autorite nt",
          "autorité nt",
          "autoridade nt",
          "nt instans",
          "nt-myndighet",
          "nt service",
          "window manager",
          "font driver host",
          "iis apppool");

  /**
   * Validates the account.
   *
   * @param upn the user principal name, or null if not known
   * @param objectId the Entra ID object id, or null if not known (an on-premises account)
   * @param sid the on-premises security identifier, or null if not known
   * @param accountName the SAM account name (the {@code user} of <code>DOMAIN&#92;user</code>), or
   *     null; given only with {@code domain}
   * @param domain the account's domain as Defender names it (NetBIOS, DNS, or a device for a local
   *     account), or null
   * @throws InvalidInputException if it carries no identifier, an account name without its domain,
   *     or names a system pseudo-identity
   */
  public UserAccount {
    if (accountName != null && domain == null) {
      throw new InvalidInputException(
          "accountName",
          null,
          "accountName "
              + Text.show(accountName.value())
              + " needs its domain:"
              + " alone it could be any machine's local account");
    }
    if (objectId == null && sid == null && upn == null && accountName == null) {
      throw new InvalidInputException(
          "userAccount",
          null,
          "a user account needs at least one identifier: objectId, sid, upn or domain and accountName");
    }
    if (sid != null && !sid.isAccount()) {
      throw new InvalidInputException(
          "sid",
          null,
          "sid "
              + sid.value()
              + " is a system pseudo-identity or a group, not a user"
              + " account");
    }
    if (domain != null && PSEUDO_DOMAINS.contains(domain.canonical().strip())) {
      throw new InvalidInputException(
          "accountName",
          null,
          "user "
              + domain.value()
              + "\\"
              + (accountName == null ? "" : accountName.value())
              + " is a system pseudo-identity, not a user account");
    }
  }

  /**
   * Builds an account from a UPN and an optional object id, as earlier releases did.
   *
   * @param upn the user principal name
   * @param objectId the object id, or null
   */
  public UserAccount(UserPrincipalName upn, @Nullable ObjectId objectId) {
    this(upn, objectId, null, null, null);
  }

  /**
   * {@return the account with this principal name}
   *
   * <pre>{@code UserAccount alice = UserAccount.of(UserPrincipalName.of("alice@contoso.com"));}
   * </pre>
   *
   * @param upn the user principal name
   */
  public static UserAccount of(UserPrincipalName upn) {
    return new UserAccount(upn, null, null, null, null);
  }

  /**
   * {@return the Entra ID account with this object id}
   *
   * <pre>
   * {@code UserAccount alice = UserAccount.of(ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7")).withUpn(upn);}
   * </pre>
   *
   * @param objectId the object id
   */
  public static UserAccount of(ObjectId objectId) {
    return new UserAccount(null, objectId, null, null, null);
  }

  /**
   * {@return the on-premises account with this SID}
   *
   * @param sid the SID
   * @throws InvalidInputException if the SID is a system pseudo-identity
   */
  public static UserAccount of(SecurityIdentifier sid) {
    return new UserAccount(null, null, sid, null, null);
  }

  /**
   * {@return the on-premises account {@code domain\accountName}}
   *
   * <pre>
   * {@code UserAccount alice = UserAccount.onPremises(NetbiosDomain.of("CONTOSO"), SamAccountName.of("alice"));}
   * </pre>
   *
   * @param domain the domain
   * @param accountName the SAM account name
   * @throws InvalidInputException if it names a system pseudo-identity ({@code NT AUTHORITY\...})
   */
  public static UserAccount onPremises(NetbiosDomain domain, SamAccountName accountName) {
    return new UserAccount(null, null, null, accountName, domain);
  }

  /**
   * {@return this account with {@code upn} as its principal name}
   *
   * @param upn the user principal name to set, replacing any the account had
   */
  public UserAccount withUpn(UserPrincipalName upn) {
    return new UserAccount(upn, objectId, sid, accountName, domain);
  }

  /**
   * {@return this account with {@code objectId} as its Entra object id}
   *
   * @param objectId the Entra ID object id to set, replacing any the account had
   */
  public UserAccount withObjectId(ObjectId objectId) {
    return new UserAccount(upn, objectId, sid, accountName, domain);
  }

  /**
   * {@return this account with {@code sid} as its SID}
   *
   * @param sid the on-premises security identifier to set, replacing any the account had
   */
  public UserAccount withSid(SecurityIdentifier sid) {
    return new UserAccount(upn, objectId, sid, accountName, domain);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("user:" + strongest());
  }

  @Override
  public Set<EntityKey> keys() {
    Set<EntityKey> keys = new LinkedHashSet<>();
    keys.add(key());
    if (objectId != null) {
      keys.add(EntityKey.derived("user:" + objectId.value()));
    }
    if (sid != null) {
      keys.add(EntityKey.derived("user:" + sid.value()));
    }
    if (upn != null) {
      keys.add(EntityKey.derived("user:" + upn.value()));
    }
    String onPremises = onPremisesNameOrNull();
    if (onPremises != null) {
      keys.add(EntityKey.derived("user:" + onPremises));
    }
    return Set.copyOf(keys);
  }

  private String strongest() {
    if (objectId != null) {
      return objectId.value();
    }
    if (sid != null) {
      return sid.value();
    }
    return upn != null ? upn.value() : onPremisesName();
  }

  /** {@return <code>domain&#92;name</code> in lower case, or null without them} */
  private @Nullable String onPremisesNameOrNull() {
    return accountName == null || domain == null
        ? null
        : domain.canonical() + "\\" + accountName.canonical();
  }

  private String onPremisesName() {
    String name = onPremisesNameOrNull();
    return name == null ? "" : name;
  }

  /**
   * {@return whether {@code other} is this user}: the most stable identifier both carry decides
   * (object id, then SID, then UPN, then <code>domain&#92;name</code>); reports that share no
   * identifier are not taken for one user
   */
  @Override
  public boolean sameAs(Entity other) {
    if (!(other instanceof UserAccount that)) {
      return false;
    }
    if (objectId != null && that.objectId != null) {
      return objectId.equals(that.objectId);
    }
    if (sid != null && that.sid != null) {
      return sid.equals(that.sid);
    }
    if (upn != null && that.upn != null) {
      return upn.equals(that.upn);
    }
    String mine = onPremisesNameOrNull();
    return mine != null && mine.equals(that.onPremisesNameOrNull());
  }

  /**
   * {@return the account for a log line: ids shown, the UPN's and the account name's personal part
   * redacted}
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("UserAccount{");
    String sep = "";
    if (objectId != null) {
      out.append("objectId=").append(objectId);
      sep = ", ";
    }
    if (sid != null) {
      out.append(sep).append("sid=").append(sid);
      sep = ", ";
    }
    if (upn != null) {
      out.append(sep).append("upn=").append(upn);
      sep = ", ";
    }
    if (domain != null) {
      out.append(sep)
          .append("account=")
          .append(Text.show(domain.value()).toUpperCase(Locale.ROOT))
          .append("\\***");
    }
    return out.append('}').toString();
  }
}
