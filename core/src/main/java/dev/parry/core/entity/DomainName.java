package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * A DNS domain name, kept in lower case. Single-label names ({@code corp}) are accepted, as Active
 * Directory allows them.
 *
 * @param value 1-253 characters; dot-separated labels of 1-63 letters, digits or hyphens, no hyphen
 *     at either end
 */
public record DomainName(String value) {

  /**
   * Validates the name and puts it in lower case.
   *
   * @param value 1-253 characters; dot-separated labels of 1-63 letters, digits or hyphens, no
   *     hyphen at either end
   * @throws InvalidInputException if {@code value} is null
   * @throws InvalidInputException if it is not a DNS name
   */
  public DomainName {
    value = Identifiers.requireDnsName("domainName", value, false);
  }

  /**
   * {@return the domain name for {@code value}}
   *
   * <pre>{@code DomainName domain = DomainName.of("contoso.com");}</pre>
   *
   * @param value the name
   * @throws InvalidInputException if the value is not a DNS name
   */
  public static DomainName of(String value) {
    return new DomainName(value);
  }

  /**
   * {@return whether this name is {@code other} or a subdomain of it}
   *
   * @param other the candidate parent domain; a name is within itself
   * @throws dev.parry.core.error.InvalidInputException if {@code other} is null
   */
  public boolean isWithin(DomainName other) {
    return value.equals(Checks.notNull(other, "other").value) || value.endsWith("." + other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
