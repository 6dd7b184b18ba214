package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth application seen as evidence (Graph's {@code oAuthApplicationEvidence}): an app that was
 * granted consent in the tenant. Defender's answer to a malicious app is app governance (disable
 * the app, revoke its consent), which Parry does not run, so the plan table plans nothing for it
 * (core/DOMAIN.md D23b).
 *
 * <p>The app is known by its application (client) id, which is its key; the object id of its
 * service principal in this tenant, its display name and its publisher are attributes. The display
 * name and the publisher are free text the app's author chose: kept as given and shown quoted and
 * escaped by {@link #toString()}. An app can carry the role {@code COMPROMISED}: Entra ID
 * Protection confirms workload identities compromised; it plans nothing either.
 *
 * <pre>{@code
 * OAuthApplication app = OAuthApplication.of(ApplicationId.of("4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6"))
 *     .withDisplayName("Mail Sync Pro").withPublisher("Fabrikam Apps");
 * EntityKey key = app.key();   // oauth-app:4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6
 * }</pre>
 *
 * @param appId the application (client) id
 * @param servicePrincipalId the object id of the app's service principal in this tenant, or null if
 *     not known
 * @param displayName the app's display name, or null: free text, 1-1,024 characters, no control
 *     characters
 * @param publisher the app's publisher, or null: free text as above
 */
public record OAuthApplication(
    ApplicationId appId,
    @Nullable ObjectId servicePrincipalId,
    @Nullable String displayName,
    @Nullable String publisher)
    implements IdentityEntity {

  /** The longest display name or publisher accepted: {@value}. */
  public static final int MAX_TEXT_LENGTH = 1024;

  /**
   * Validates the application.
   *
   * @param appId the application (client) id
   * @param servicePrincipalId the object id of the app's service principal in this tenant, or null
   *     if not known
   * @param displayName the app's display name, or null: free text, 1-1,024 characters, no control
   *     characters
   * @param publisher the app's publisher, or null: free text as above
   * @throws InvalidInputException if {@code appId} is null
   * @throws InvalidInputException if the display name or publisher is empty, too long or holds a
   *     control character, naming it
   */
  public OAuthApplication {
    Checks.notNull(appId, "appId");
    if (displayName != null) {
      Text.require("displayName", displayName, 1, MAX_TEXT_LENGTH);
    }
    if (publisher != null) {
      Text.require("publisher", publisher, 1, MAX_TEXT_LENGTH);
    }
  }

  /**
   * {@return the application with this id and nothing else known}
   *
   * <pre>
   * {@code OAuthApplication app = OAuthApplication.of(ApplicationId.of("4f2a9e6c-1b3d-4c5e-8f70-a1b2c3d4e5f6"));}
   * </pre>
   *
   * @param appId the application (client) id
   * @throws InvalidInputException if {@code appId} is null
   */
  public static OAuthApplication of(ApplicationId appId) {
    return new OAuthApplication(appId, null, null, null);
  }

  /**
   * {@return this application with {@code servicePrincipalId} as its service principal's object id}
   *
   * @param servicePrincipalId the object id
   * @throws InvalidInputException if {@code servicePrincipalId} is null
   */
  public OAuthApplication withServicePrincipal(ObjectId servicePrincipalId) {
    return new OAuthApplication(
        appId, Checks.notNull(servicePrincipalId, "servicePrincipalId"), displayName, publisher);
  }

  /**
   * {@return this application with {@code displayName} as its display name}
   *
   * @param displayName the display name
   * @throws InvalidInputException if {@code displayName} is null
   * @throws InvalidInputException if it is empty, too long or holds a control character
   */
  public OAuthApplication withDisplayName(String displayName) {
    return new OAuthApplication(
        appId, servicePrincipalId, Checks.notNull(displayName, "displayName"), publisher);
  }

  /**
   * {@return this application with {@code publisher} as its publisher}
   *
   * @param publisher the publisher
   * @throws InvalidInputException if {@code publisher} is null
   * @throws InvalidInputException if it is empty, too long or holds a control character
   */
  public OAuthApplication withPublisher(String publisher) {
    return new OAuthApplication(
        appId, servicePrincipalId, displayName, Checks.notNull(publisher, "publisher"));
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("oauth-app:" + appId.value());
  }

  /**
   * {@return the application for a log line: ids shown, the display name and publisher quoted,
   * escaped, cut at 80 characters}
   */
  @Override
  public String toString() {
    return "OAuthApplication{appId="
        + appId
        + (servicePrincipalId == null ? "" : ", servicePrincipalId=" + servicePrincipalId)
        + (displayName == null ? "" : ", displayName=" + Text.show(displayName))
        + (publisher == null ? "" : ", publisher=" + Text.show(publisher))
        + "}";
  }
}
