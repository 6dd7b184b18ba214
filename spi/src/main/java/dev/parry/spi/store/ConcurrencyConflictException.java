package dev.parry.spi.store;

import dev.parry.core.error.ConflictException;
import dev.parry.core.investigation.InvestigationId;

/**
 * Thrown by {@link InvestigationStore#append} when the investigation's stored version is not the
 * version the caller expected: someone else appended first. Nothing was written; reload and decide
 * again. A {@link ConflictException} (HTTP 409).
 */
public final class ConcurrencyConflictException extends ConflictException {

  private static final long serialVersionUID = 1L;

  private final transient InvestigationId investigationId;

  /** The version the caller expected. */
  private final long expectedVersion;

  /** The stored version, 0 if the investigation does not exist. */
  private final long actualVersion;

  /**
   * Creates the exception.
   *
   * @param investigationId the investigation
   * @param expectedVersion the version the caller expected
   * @param actualVersion the stored version (0 if the investigation does not exist); the expected
   *     one when the investigation changed under the append without a new version (a store that
   *     checks the chain head or a lease with it)
   */
  public ConcurrencyConflictException(
      InvestigationId investigationId, long expectedVersion, long actualVersion) {
    super(
        expectedVersion == actualVersion
            ? "investigation "
                + investigationId
                + " changed under an append at version "
                + actualVersion
                + " (its chain head or a dispatch lease moved meanwhile); reload and decide again"
            : "investigation "
                + investigationId
                + " is at version "
                + actualVersion
                + ", not the expected "
                + expectedVersion);
    this.investigationId = investigationId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** {@return the investigation} */
  public InvestigationId investigationId() {
    return investigationId;
  }

  /** {@return the version the caller expected} */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** {@return the stored version} */
  public long actualVersion() {
    return actualVersion;
  }
}
