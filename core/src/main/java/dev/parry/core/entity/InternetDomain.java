package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * A domain seen as evidence (a domain an alert names, a host a device reached). Defender's answer
 * to a malicious domain is a block indicator, a tenant setting rather than an action, so the plan
 * table plans nothing for it (core/DOMAIN.md D23b). A domain allow indicator covers it and its
 * subdomains.
 *
 * <pre>{@code
 * InternetDomain domain = InternetDomain.of("Fabrikam.example");
 * EntityKey key = domain.key();   // domain:fabrikam.example
 * }</pre>
 *
 * @param domain the domain name, in lower case
 */
public record InternetDomain(DomainName domain) implements EmailEntity {

  /**
   * Validates the domain.
   *
   * @param domain the domain name, in lower case
   * @throws InvalidInputException if {@code domain} is null
   */
  public InternetDomain {
    Checks.notNull(domain, "domain");
  }

  /**
   * {@return the domain {@code name} names}
   *
   * <pre>{@code InternetDomain domain = InternetDomain.of("fabrikam.example");}</pre>
   *
   * @param name a DNS name
   * @throws InvalidInputException if {@code name} is null
   * @throws InvalidInputException if it is not a DNS name
   */
  public static InternetDomain of(String name) {
    return new InternetDomain(DomainName.of(name));
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived("domain:" + domain.value());
  }

  @Override
  public String toString() {
    return "InternetDomain{domain=" + domain + "}";
  }
}
