package dev.parry.core.policy;

import dev.parry.core.automation.AutomationExclusions;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.Entity;
import java.util.Objects;
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
 * @param level the automation level of the device group the investigation runs in
 * @param folders the core and temp folder lists the two folder-based Semi levels ask about
 * @param exclusions automation folder exclusions
 * @param allowIndicators allow indicators (copied)
 * @param devicesInScope how many devices the evidence's entity was seen on, 1 or more; 10 or more
 *     needs approval
 */
public record AutomationContext(AutomationLevel level, FolderClassifier folders, AutomationExclusions exclusions,
    Set<AllowIndicator> allowIndicators, int devicesInScope) {

  /** The number of devices at which acting on one entity needs approval: {@value}. */
  public static final int SCOPE_APPROVAL_THRESHOLD = 10;

  /**
   * Validates the context.
   *
   * @throws NullPointerException if a component or an indicator is null
   * @throws IllegalArgumentException if {@code devicesInScope} is less than 1
   */
  public AutomationContext {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(folders, "folders");
    Objects.requireNonNull(exclusions, "exclusions");
    allowIndicators = Set.copyOf(Objects.requireNonNull(allowIndicators, "allowIndicators"));
    if (devicesInScope < 1) {
      throw new IllegalArgumentException("devicesInScope must be 1 or more, was: " + devicesInScope);
    }
  }

  /**
   * {@return a context at {@code level} with the default folders, no exclusions, no allow indicators
   * and one device in scope}
   *
   * @param level the automation level
   */
  public static AutomationContext of(AutomationLevel level) {
    return new AutomationContext(level, FolderClassifier.defaults(), AutomationExclusions.none(), Set.of(), 1);
  }

  /**
   * {@return this context with other exclusions}
   *
   * @param value the exclusions
   */
  public AutomationContext withExclusions(AutomationExclusions value) {
    return new AutomationContext(level, folders, value, allowIndicators, devicesInScope);
  }

  /**
   * {@return this context with other allow indicators}
   *
   * @param value the indicators
   */
  public AutomationContext withAllowIndicators(Set<AllowIndicator> value) {
    return new AutomationContext(level, folders, exclusions, value, devicesInScope);
  }

  /**
   * {@return this context with another scope}
   *
   * @param value how many devices the entity was seen on
   */
  public AutomationContext withDevicesInScope(int value) {
    return new AutomationContext(level, folders, exclusions, allowIndicators, value);
  }

  /**
   * {@return this context with another folder classifier}
   *
   * @param value the classifier
   */
  public AutomationContext withFolders(FolderClassifier value) {
    return new AutomationContext(level, value, exclusions, allowIndicators, devicesInScope);
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
