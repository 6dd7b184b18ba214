package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;

/**
 * Where a message was delivered: Microsoft Graph's {@code deliveryLocation} of analysed message
 * evidence.
 */
public enum DeliveryLocation {
  /** Graph {@code unknown}. */
  UNKNOWN("unknown"),
  /** Graph {@code inbox_folder}: the recipient's inbox (or a folder under it). */
  INBOX("inbox_folder"),
  /** Graph {@code junkFolder}. */
  JUNK_FOLDER("junkFolder"),
  /** Graph {@code deletedFolder}. */
  DELETED_FOLDER("deletedFolder"),
  /** Graph {@code quarantine}. */
  QUARANTINE("quarantine"),
  /** Graph {@code onprem_external}: handed to an on-premises or external system. */
  ON_PREMISES_OR_EXTERNAL("onprem_external"),
  /** Graph {@code failed}: delivery failed. */
  FAILED("failed"),
  /** Graph {@code dropped}: the message was dropped. */
  DROPPED("dropped"),
  /** Graph {@code forwarded}: forwarded on to another address. */
  FORWARDED("forwarded"),
  /** Graph {@code others}. */
  OTHERS("others");

  private final String graphName;

  DeliveryLocation(String graphName) {
    this.graphName = graphName;
  }

  /** {@return the name Graph gives this location} */
  public String graphName() {
    return graphName;
  }

  /**
   * {@return the location Graph calls {@code name}}: the alert evidence reference also spells the
   * inbox {@code inbox} and an external delivery {@code external}, and both are read
   *
   * @param name Graph's value, such as {@code junkFolder}
   * @throws InvalidInputException if Graph has no such location
   */
  public static DeliveryLocation fromGraph(String name) {
    Checks.notNull(name, "name");
    if (name.equals("inbox")) {
      return INBOX;
    }
    if (name.equals("external")) {
      return ON_PREMISES_OR_EXTERNAL;
    }
    for (DeliveryLocation location : values()) {
      if (location.graphName.equals(name)) {
        return location;
      }
    }
    throw new InvalidInputException(
        "deliveryLocation",
        name,
        "deliveryLocation is not one of Graph's, was: " + Text.show(name));
  }
}
