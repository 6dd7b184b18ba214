package dev.parry.core.policy;

import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityFamily;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything besides the evidence that a policy decides on.
 *
 * <pre>{@code
 * AutomationContext context = AutomationContext.of(groups.resolve(device).level())
 *     .withExclusions(exclusions)
 *     .withAllowIndicators(Set.of(new AllowIndicator.FileHash(toolHash)));
 * }</pre>
 *
 * <p>Device groups govern devices only. Evidence about a device entity is planned at {@code level},
 * the level of the investigation's device group; evidence about email at {@code emailAutomation}
 * (default {@link AutomationLevel#SEMI_ALL_FOLDERS}: approval for everything, as Defender for
 * Office 365 takes no remediation action automatically); evidence about a user at {@code
 * identityAutomation} (default {@link AutomationLevel#FULL}: a compromised user is remediated
 * automatically). Email and identity automation are {@code FULL}, {@code SEMI_ALL_FOLDERS} or
 * {@code NO_AUTOMATED_RESPONSE} (nothing planned): the folder levels judge file paths and have no
 * meaning for them.
 *
 * @param level the automation level of the device group the investigation runs in, for device
 *     entities
 * @param folders the core and temp folder lists the two folder-based Semi levels ask about
 * @param exclusions automation folder exclusions
 * @param allowIndicators allow indicators (copied)
 * @param devicesInScope how many devices the evidence's entity was seen on, 1 or more; 10 or more
 *     needs approval
 * @param emailAutomation the automation level for email entities
 * @param identityAutomation the automation level for user accounts
 * @param planTable which actions each entity type and verdict plans
 */
public record AutomationContext(
    AutomationLevel level,
    FolderClassifier folders,
    AutomationExclusions exclusions,
    Set<AllowIndicator> allowIndicators,
    int devicesInScope,
    AutomationLevel emailAutomation,
    AutomationLevel identityAutomation,
    PlanTable planTable) {

  /** The number of devices at which acting on one entity needs approval: {@value}. */
  public static final int SCOPE_APPROVAL_THRESHOLD = 10;

  /** The default email automation: approval for everything, as in Defender for Office 365. */
  public static final AutomationLevel DEFAULT_EMAIL_AUTOMATION = AutomationLevel.SEMI_ALL_FOLDERS;

  /** The default identity automation: compromised users are remediated automatically. */
  public static final AutomationLevel DEFAULT_IDENTITY_AUTOMATION = AutomationLevel.FULL;

  /**
   * Validates the context.
   *
   * @param level the automation level of the device group the investigation runs in, for device
   *     entities
   * @param folders the core and temp folder lists the two folder-based Semi levels ask about
   * @param exclusions automation folder exclusions
   * @param allowIndicators allow indicators (copied)
   * @param devicesInScope how many devices the evidence's entity was seen on, 1 or more; 10 or more
   *     needs approval
   * @param emailAutomation the automation level for email entities
   * @param identityAutomation the automation level for user accounts
   * @param planTable which actions each entity type and verdict plans
   * @throws InvalidInputException if a component or an indicator is null
   * @throws InvalidInputException if {@code devicesInScope} is less than 1, or email or identity
   *     automation is a folder level
   */
  public AutomationContext {
    Checks.notNull(level, "level");
    Checks.notNull(folders, "folders");
    Checks.notNull(exclusions, "exclusions");
    allowIndicators = Checks.setOf(allowIndicators, "allowIndicators");
    if (devicesInScope < 1) {
      throw new InvalidInputException(
          "devicesInScope",
          devicesInScope,
          "devicesInScope must be 1 or more, was: " + devicesInScope);
    }
    requireFamilyLevel("emailAutomation", emailAutomation);
    requireFamilyLevel("identityAutomation", identityAutomation);
    Checks.notNull(planTable, "planTable");
  }

  /**
   * {@return a context at {@code level} with the default folders, no exclusions, no allow
   * indicators, one device in scope, the default email and identity automation and the default plan
   * table}
   *
   * @param level the automation level of the device group
   * @throws InvalidInputException if {@code level} is null
   */
  public static AutomationContext of(AutomationLevel level) {
    return new AutomationContext(
        level,
        FolderClassifier.defaults(),
        AutomationExclusions.none(),
        Set.of(),
        1,
        DEFAULT_EMAIL_AUTOMATION,
        DEFAULT_IDENTITY_AUTOMATION,
        PlanTable.defaults());
  }

  /**
   * {@return {@code level}, checked to be one that can govern email or identities}: {@code FULL},
   * {@code SEMI_ALL_FOLDERS} or {@code NO_AUTOMATED_RESPONSE}.
   *
   * @param name what the level is for, for the message
   * @param level the level
   * @throws InvalidInputException if {@code level} is null
   * @throws InvalidInputException if it is one of the folder levels
   */
  public static AutomationLevel requireFamilyLevel(String name, AutomationLevel level) {
    Checks.notNull(level, name);
    if (level == AutomationLevel.SEMI_CORE_FOLDERS
        || level == AutomationLevel.SEMI_NON_TEMP_FOLDERS) {
      throw new InvalidInputException(
          name,
          level,
          name
              + " must be FULL, SEMI_ALL_FOLDERS or NO_AUTOMATED_RESPONSE (folder"
              + " levels judge file paths on devices), was: "
              + level);
    }
    return level;
  }

  /**
   * {@return the automation level that governs entities of {@code family}}: the device group's
   * level, email automation or identity automation
   *
   * @param family the family
   * @throws dev.parry.core.error.InvalidInputException if {@code family} is null
   */
  public AutomationLevel levelFor(EntityFamily family) {
    return switch (Checks.notNull(family, "family")) {
      case DEVICE -> level;
      case EMAIL -> emailAutomation;
      case IDENTITY -> identityAutomation;
    };
  }

  /**
   * {@return this context with other exclusions}
   *
   * @param value the exclusions
   */
  public AutomationContext withExclusions(AutomationExclusions value) {
    return new AutomationContext(
        level,
        folders,
        value,
        allowIndicators,
        devicesInScope,
        emailAutomation,
        identityAutomation,
        planTable);
  }

  /**
   * {@return this context with other allow indicators}
   *
   * @param value the indicators
   */
  public AutomationContext withAllowIndicators(Set<AllowIndicator> value) {
    return new AutomationContext(
        level,
        folders,
        exclusions,
        value,
        devicesInScope,
        emailAutomation,
        identityAutomation,
        planTable);
  }

  /**
   * {@return this context with another scope}
   *
   * @param value how many devices the entity was seen on
   */
  public AutomationContext withDevicesInScope(int value) {
    return new AutomationContext(
        level,
        folders,
        exclusions,
        allowIndicators,
        value,
        emailAutomation,
        identityAutomation,
        planTable);
  }

  /**
   * {@return this context with another folder classifier}
   *
   * @param value the classifier
   */
  public AutomationContext withFolders(FolderClassifier value) {
    return new AutomationContext(
        level,
        value,
        exclusions,
        allowIndicators,
        devicesInScope,
        emailAutomation,
        identityAutomation,
        planTable);
  }

  /**
   * {@return this context with another email automation}
   *
   * @param value {@code FULL}, {@code SEMI_ALL_FOLDERS} or {@code NO_AUTOMATED_RESPONSE}
   * @throws InvalidInputException if it is a folder level
   */
  public AutomationContext withEmailAutomation(AutomationLevel value) {
    return new AutomationContext(
        level,
        folders,
        exclusions,
        allowIndicators,
        devicesInScope,
        value,
        identityAutomation,
        planTable);
  }

  /**
   * {@return this context with another identity automation}
   *
   * @param value {@code FULL}, {@code SEMI_ALL_FOLDERS} or {@code NO_AUTOMATED_RESPONSE}
   * @throws InvalidInputException if it is a folder level
   */
  public AutomationContext withIdentityAutomation(AutomationLevel value) {
    return new AutomationContext(
        level,
        folders,
        exclusions,
        allowIndicators,
        devicesInScope,
        emailAutomation,
        value,
        planTable);
  }

  /**
   * {@return this context with another plan table}
   *
   * @param value the table
   */
  public AutomationContext withPlanTable(PlanTable value) {
    return new AutomationContext(
        level,
        folders,
        exclusions,
        allowIndicators,
        devicesInScope,
        emailAutomation,
        identityAutomation,
        value);
  }

  /**
   * {@return the first allow indicator covering {@code entity}, or null}
   *
   * @param entity the entity
   */
  @Nullable AllowIndicator allowing(Entity entity) {
    for (AllowIndicator indicator : allowIndicators) {
      if (indicator.covers(entity)) {
        return indicator;
      }
    }
    return null;
  }
}
