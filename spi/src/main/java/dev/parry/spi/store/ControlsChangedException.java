package dev.parry.spi.store;

import dev.parry.core.error.ConflictException;

/**
 * Thrown by an append through a store {@linkplain InvestigationStore#fencedAt fenced} at a control
 * change when a later change of the shared control state (a pause, an allow indicator, a
 * break-glass override) was recorded before the append was checked: nothing was written. The caller
 * decided on a control state that may no longer hold: read the changes, decide again, append again.
 * A {@link ConflictException} (HTTP 409).
 */
public final class ControlsChangedException extends ConflictException {

  private static final long serialVersionUID = 1L;

  /** The last control change the refused append was decided on. */
  private final long seen;

  /**
   * Creates the exception.
   *
   * @param seen the last control change the refused append was decided on
   */
  public ControlsChangedException(long seen) {
    super(
        "a control change numbered above "
            + seen
            + " was recorded before the append was checked: read the changes and decide again");
    this.seen = seen;
  }

  /** {@return the last control change the refused append was decided on} */
  public long seen() {
    return seen;
  }
}
