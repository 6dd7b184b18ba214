package dev.parry.spi.audit;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;

/**
 * The head of an investigation's audit chain: the version of its last event and that event's chain
 * hash. A head kept where whoever can write the store cannot rewrite it (an {@link AuditAnchor})
 * vouches for every record up to its version.
 *
 * @param version the version of the last event, 1 or more
 * @param hash the chain hash stored with that event
 */
public record ChainHead(long version, ChainHash hash) {

  /**
   * Validates the head.
   *
   * @param version the version of the last event, 1 or more
   * @param hash the chain hash stored with that event
   * @throws InvalidInputException if {@code hash} is null
   * @throws InvalidInputException if {@code version} is less than 1
   */
  public ChainHead {
    if (version < 1) {
      throw new InvalidInputException(
          "version", version, "a chain head's version must be 1 or more, was: " + version);
    }
    Checks.notNull(hash, "hash");
  }

  /**
   * {@return the head at {@code version} with {@code hash}}
   *
   * <pre>{@code ChainHead head = ChainHead.of(12, ChainHash.of(hex));}</pre>
   *
   * @param version the version of the last event, 1 or more
   * @param hash its chain hash
   * @throws InvalidInputException if {@code version} is less than 1
   */
  public static ChainHead of(long version, ChainHash hash) {
    return new ChainHead(version, hash);
  }

  @Override
  public String toString() {
    return "ChainHead{version=" + version + ", hash=" + hash + "}";
  }
}
