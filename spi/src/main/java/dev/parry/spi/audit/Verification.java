package dev.parry.spi.audit;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What verifying an investigation's stored audit chain found: {@link Intact}, or {@link Broken} at
 * the first record that was changed, removed, inserted or moved.
 *
 * <pre>{@code
 * Verification check = runtime.verifyAuditTrail(id, auditor);
 * if (check instanceof Verification.Broken broken) {
 *   alert("audit chain of " + id + " broken at version " + broken.version() + ": " + broken.problem());
 * }
 * }</pre>
 */
public sealed interface Verification permits Verification.Intact, Verification.Broken {

  /** {@return whether the chain is intact} */
  boolean isIntact();

  /**
   * The stored chain holds together, and agrees with the anchored head if one was given.
   *
   * @param records how many records were checked
   * @param predating how many of the first records predate the chain (stored before the store kept
   *     hashes): the chain does not vouch for them; 0 for every investigation begun since
   * @param anchored the version of the anchored head the chain was checked against, 0 if none was:
   *     the records after it are vouched for by the chain alone, so a tail removed there goes
   *     unseen
   */
  record Intact(int records, int predating, long anchored) implements Verification {

    /**
     * Validates the result.
     *
     * @param records how many records were checked
     * @param predating how many of the first records predate the chain (stored before the store
     *     kept hashes): the chain does not vouch for them; 0 for every investigation begun since
     * @param anchored the version of the anchored head the chain was checked against, 0 if none
     *     was: the records after it are vouched for by the chain alone, so a tail removed there
     *     goes unseen
     * @throws InvalidInputException if a count is negative, or {@code predating} or {@code
     *     anchored} exceeds {@code records}
     */
    public Intact {
      if (records < 0
          || predating < 0
          || predating > records
          || anchored < 0
          || anchored > records) {
        throw new InvalidInputException(
            "records",
            null,
            "an intact chain needs 0 <= predating, anchored <= records, was: records="
                + records
                + ", predating="
                + predating
                + ", anchored="
                + anchored);
      }
    }

    @Override
    public boolean isIntact() {
      return true;
    }
  }

  /**
   * The chain is broken.
   *
   * @param version the first version where it breaks: the first record changed, removed, inserted
   *     or moved, as far as the stored chain and the anchored head tell
   * @param problem what most likely happened there
   * @param expected the hash the chain or the anchor vouches for at {@code version}, when known:
   *     for a changed record, the hash its stored event and the hash before it give
   * @param stored the hash stored at {@code version}, when a record is stored there
   * @param detail a description naming the versions involved
   */
  record Broken(
      long version,
      Problem problem,
      @Nullable ChainHash expected,
      @Nullable ChainHash stored,
      String detail)
      implements Verification {

    /**
     * Validates the result.
     *
     * @param version the first version where it breaks: the first record changed, removed, inserted
     *     or moved, as far as the stored chain and the anchored head tell
     * @param problem what most likely happened there
     * @param expected the hash the chain or the anchor vouches for at {@code version}, when known:
     *     for a changed record, the hash its stored event and the hash before it give
     * @param stored the hash stored at {@code version}, when a record is stored there
     * @param detail a description naming the versions involved
     * @throws InvalidInputException if {@code problem} or {@code detail} is null
     * @throws InvalidInputException if {@code version} is less than 1
     */
    public Broken {
      if (version < 1) {
        throw new InvalidInputException(
            "version", version, "a chain breaks at version 1 or later, was: " + version);
      }
      Checks.notNull(problem, "problem");
      Checks.notNull(detail, "detail");
    }

    @Override
    public boolean isIntact() {
      return false;
    }
  }

  /** How a chain was broken. */
  enum Problem {
    /** The record's event or its hash was changed, or its hash erased. */
    CHANGED,
    /**
     * The record at this version, and perhaps more after it, was removed; the rest kept their
     * versions.
     */
    REMOVED,
    /** A record was inserted (or copied) here. */
    INSERTED,
    /** Records were moved: the one that belongs here is stored elsewhere. */
    REORDERED,
    /**
     * Records from this version on were removed: the anchored head is past the end of the stored
     * chain.
     */
    TRUNCATED,
    /**
     * The stored chain holds together but is not the one anchored: records up to this version were
     * rewritten, hashes and all.
     */
    REWRITTEN
  }
}
