package dev.parry.spi.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A type of the stored format: the name a record or enum is stored under, its members' (or
 * constants') stored names in the order they are written, and its format version, each chosen by
 * Parry and independent of the Java names, which may change from release to release.
 *
 * <p>A record's members are written in the order listed. A stored name names the record component
 * of the same name unless {@link #renamed} says which component it holds now. The format version is
 * one more than the number of {@linkplain #upcaster upcasters}: version 1 has none. The audit
 * chain's canonical form names a type by its {@linkplain #hashName hash name}, the part of its
 * stored name after its last {@code '$'}.
 *
 * <pre>{@code
 * StoredType device = StoredType.record(Device.class, "Device", "id", "name", "domain", "tags", "os")
 *     .hashedWhenPresent("entraDeviceId", "rbacGroupName");
 * StoredType verdict = StoredType.constants(Verdict.class, "Verdict", "MALICIOUS", "SUSPICIOUS",
 *     "NO_THREATS_FOUND", "UNKNOWN");
 * }</pre>
 *
 * <p><b>Internal:</b> not API, may change without notice.
 */
public final class StoredType {

  private final Class<?> type;
  private final String name;
  private final List<StoredMember> members;

  /** An enum's constants: the Java constant's name by stored name, in stored order. */
  private final Map<String, String> constants;

  private final List<Upcaster> upcasters;

  private StoredType(
      Class<?> type,
      String name,
      List<StoredMember> members,
      Map<String, String> constants,
      List<Upcaster> upcasters) {
    this.type = type;
    this.name = name;
    this.members = List.copyOf(members);
    this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    this.upcasters = List.copyOf(upcasters);
  }

  /**
   * {@return a record type stored as {@code name}, with {@code members} stored under their names,
   * in that order}
   *
   * @param type the record class
   * @param name its stored name
   * @param members the stored names of its members, each naming the component of that name
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code type} is not a record, a name is not an identifier,
   *     or a member is listed twice
   */
  public static StoredType record(Class<?> type, String name, String... members) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    requireIdentifier("stored name", name);
    List<StoredMember> listed = new ArrayList<>(members.length);
    for (String member : members) {
      listed.add(new StoredMember(member, member, false));
    }
    return new StoredType(type, name, unique(type, listed), Map.of(), List.of());
  }

  /**
   * {@return an enum type stored as {@code name}, each constant stored under its name}
   *
   * @param type the enum class
   * @param name its stored name
   * @param constants the stored names of its constants, each naming the constant of that name
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code type} is not an enum, a name is not an identifier,
   *     or a constant is listed twice
   */
  public static StoredType constants(Class<?> type, String name, String... constants) {
    if (!type.isEnum()) {
      throw new IllegalArgumentException(type.getName() + " is not an enum");
    }
    requireIdentifier("stored name", name);
    Map<String, String> listed = new LinkedHashMap<>();
    for (String constant : constants) {
      requireIdentifier("constant", constant);
      if (listed.put(constant, constant) != null) {
        throw new IllegalArgumentException(
            name + ": the constant " + constant + " is listed twice");
      }
    }
    return new StoredType(type, name, List.of(), listed, List.of());
  }

  /**
   * {@return this type with {@code added} stored after its other members, each left out of the
   * audit chain's canonical form while it holds no value}: members added after stores first kept
   * chain hashes
   *
   * @param added the stored names of the members, each naming the component of that name
   * @throws IllegalArgumentException if this is an enum or a member is listed twice
   */
  public StoredType hashedWhenPresent(String... added) {
    if (type.isEnum()) {
      throw new IllegalArgumentException(name + " is an enum: it has no members");
    }
    List<StoredMember> all = new ArrayList<>(members);
    for (String member : added) {
      all.add(new StoredMember(member, member, true));
    }
    return new StoredType(type, name, unique(type, all), constants, upcasters);
  }

  /**
   * {@return this type with the member (or constant) stored as {@code storedName} holding the
   * component (or constant) named {@code javaName} in Java}: what a rename in Java needs, so that
   * nothing stored changes
   *
   * @param storedName the stored name, as listed
   * @param javaName the component's or constant's name in Java now
   * @throws IllegalArgumentException if no member or constant is stored as {@code storedName}, or
   *     {@code javaName} is not an identifier
   */
  public StoredType renamed(String storedName, String javaName) {
    requireIdentifier("Java name", javaName);
    if (type.isEnum()) {
      if (!constants.containsKey(storedName)) {
        throw new IllegalArgumentException(name + " has no constant stored as " + storedName);
      }
      Map<String, String> renamed = new LinkedHashMap<>(constants);
      renamed.put(storedName, javaName);
      return new StoredType(type, name, members, renamed, upcasters);
    }
    List<StoredMember> renamed = new ArrayList<>(members.size());
    boolean found = false;
    for (StoredMember member : members) {
      found |= member.name().equals(storedName);
      renamed.add(
          member.name().equals(storedName)
              ? new StoredMember(javaName, member.name(), member.hashedWhenPresent())
              : member);
    }
    if (!found) {
      throw new IllegalArgumentException(name + " has no member stored as " + storedName);
    }
    return new StoredType(type, name, unique(type, renamed), constants, upcasters);
  }

  /**
   * {@return this type at the next format version}: values stored at the version before are read
   * through {@code step}, and values written from now on carry the new version
   *
   * @param step reads a value of the version before as the new version writes it
   * @throws IllegalArgumentException if this is an enum: a constant's stored name never changes
   */
  public StoredType upcaster(Upcaster step) {
    Objects.requireNonNull(step, "step");
    if (type.isEnum()) {
      throw new IllegalArgumentException(
          name + " is an enum: its constants are stored by name, without a version");
    }
    List<Upcaster> steps = new ArrayList<>(upcasters);
    steps.add(step);
    return new StoredType(type, name, members, constants, steps);
  }

  /** {@return the Java type} */
  public Class<?> type() {
    return type;
  }

  /** {@return the name the type is stored under} */
  public String name() {
    return name;
  }

  /**
   * {@return the name the audit chain's canonical form gives the type: its stored name after the
   * last '$'}
   */
  public String hashName() {
    return name.substring(name.lastIndexOf('$') + 1);
  }

  /** {@return the format version this release writes: 1, plus one per upcaster} */
  public int version() {
    return upcasters.size() + 1;
  }

  /** {@return a record's members, in the order they are stored; empty for an enum} */
  public List<StoredMember> members() {
    return members;
  }

  /**
   * {@return an enum's constants: the Java constant's name by stored name, in stored order; empty
   * for a record}
   */
  public Map<String, String> constants() {
    return constants;
  }

  /** {@return the upcasters: the first reads version 1 as version 2, and so on} */
  public List<Upcaster> upcasters() {
    return upcasters;
  }

  /**
   * {@return the stored name of the enum constant named {@code javaName}}, or null if there is none
   */
  public @Nullable String constantName(String javaName) {
    for (Map.Entry<String, String> constant : constants.entrySet()) {
      if (constant.getValue().equals(javaName)) {
        return constant.getKey();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "StoredType{name=" + name + ", type=" + type.getName() + ", version=" + version() + "}";
  }

  private static List<StoredMember> unique(Class<?> type, List<StoredMember> members) {
    Set<String> names = new HashSet<>();
    Set<String> components = new HashSet<>();
    for (StoredMember member : members) {
      if (!names.add(member.name())) {
        throw new IllegalArgumentException(
            type.getName() + ": the member " + member.name() + " is listed twice");
      }
      if (!components.add(member.component())) {
        throw new IllegalArgumentException(
            type.getName() + ": the component " + member.component() + " is stored twice");
      }
    }
    return members;
  }

  static void requireIdentifier(String what, String name) {
    boolean valid =
        !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0)) && name.charAt(0) != '@';
    for (int i = 1; valid && i < name.length(); i++) {
      valid =
          Character.isJavaIdentifierPart(name.charAt(i))
              && !Character.isIdentifierIgnorable(name.charAt(i));
    }
    if (!valid) {
      throw new IllegalArgumentException(
          what + " must be a Java identifier, was: '" + LogSafe.of(name) + "'");
    }
  }
}
