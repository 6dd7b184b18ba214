package dev.parry.runtime.observe;

import java.util.Locale;

/** Which executor method a call is. */
public enum CallType {
  /** {@code execute} of an action. */
  APPLY,
  /** {@code status}: a poll of work the executor reported in progress. */
  STATUS,
  /** {@code cancel}: a request to stop work already sent. */
  CANCEL,
  /** {@code execute} of an action's undo. */
  UNDO;

  /** {@return the name in metrics and traces: lower case, as {@code apply}} */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
