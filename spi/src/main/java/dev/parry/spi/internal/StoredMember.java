package dev.parry.spi.internal;

import java.util.Objects;

/**
 * One member of a stored record: the record component it holds and the name it is stored under.
 *
 * @param component the record component's name in Java, which may change from release to release
 * @param name the name it is stored under, chosen once and never changed
 * @param hashedWhenPresent whether the audit chain's canonical form leaves it out when it holds no
 *     value (null or an empty collection): true for a member added after stores first kept chain
 *     hashes, so that an event stored before it existed hashes as it did
 */
public record StoredMember(String component, String name, boolean hashedWhenPresent) {

  /**
   * Validates the member.
   *
   * @throws NullPointerException if a name is null
   * @throws IllegalArgumentException if a name is not a Java identifier
   */
  public StoredMember {
    StoredType.requireIdentifier("component", Objects.requireNonNull(component, "component"));
    StoredType.requireIdentifier("stored name", Objects.requireNonNull(name, "name"));
  }
}
