package dev.parry.spi.store;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.InvestigationId;
import java.time.Instant;

/** Orders actions by proposal time, then investigation, then sequence: immutable, so cursors are stable. */
record SortKey(Instant proposedAt, String investigation, int sequence) implements Comparable<SortKey> {
  static SortKey of(ActionRecord action) {
    return new SortKey(action.proposedAt(), action.id().investigation().value(), action.id().sequence());
  }

  @Override
  public int compareTo(SortKey other) {
    int byTime = proposedAt.compareTo(other.proposedAt);
    if (byTime != 0) {
      return byTime;
    }
    int byInvestigation = investigation.compareTo(other.investigation);
    return byInvestigation != 0 ? byInvestigation : Integer.compare(sequence, other.sequence);
  }

  String cursor() {
    return proposedAt.getEpochSecond() + "." + proposedAt.getNano() + ":" + sequence + ":" + investigation;
  }

  static SortKey parse(String cursor) {
    try {
      String[] parts = cursor.split(":", 3);
      String[] time = parts[0].split("\\.", 2);
      return new SortKey(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
          InvestigationId.of(parts[2]).value(), Integer.parseInt(parts[1]));
    } catch (RuntimeException e) {
      throw new InvalidInputException("cursor", cursor, "cursor is not one this store issued: " + Text.show(cursor), e);
    }
  }
}
