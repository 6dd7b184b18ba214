package dev.parry.spi.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.actor.Actor;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.internal.RecordJson;
import dev.parry.spi.internal.StoredFormat;
import dev.parry.spi.internal.StoredType;
import dev.parry.spi.internal.StoredTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The stored JSON and the audit chain's canonical form take every name from the stored format
 * table: a release that renames a class, its components and its constants, and reorders the
 * components, keeping the stored names, writes the same bytes and hashes to the same chain hashes.
 */
@DisplayName("A rename in Java changes no stored byte and no chain hash")
class StoredRenameTest {

  public enum Colour {
    RED,
    GREEN
  }

  /** A stored record as one release declares it. */
  public record Before(String text, long count, Colour colour, Set<Colour> also) {}

  public enum Shade {
    CRIMSON,
    GREEN
  }

  /** The same stored record, renamed and reordered by a later release. */
  public record After(Set<Shade> also, Shade shade, long total, String body) {}

  static final StoredTypes EARLIER =
      StoredTypes.of(
          StoredType.record(Before.class, "Note", "text", "count", "colour", "also"),
          StoredType.constants(Colour.class, "Colour", "RED", "GREEN"));

  static final StoredTypes LATER =
      StoredTypes.of(
          StoredType.record(After.class, "Note", "text", "count", "colour", "also")
              .renamed("text", "body")
              .renamed("count", "total")
              .renamed("colour", "shade"),
          StoredType.constants(Shade.class, "Colour", "RED", "GREEN").renamed("RED", "CRIMSON"));

  static final Before BEFORE = new Before("hi", 7, Colour.RED, Set.of(Colour.GREEN, Colour.RED));
  static final After AFTER = new After(Set.of(Shade.CRIMSON, Shade.GREEN), Shade.CRIMSON, 7, "hi");

  @Test
  @DisplayName(
      "the stored JSON is byte for byte the same, and each release reads what the other wrote")
  void sameJson() {
    RecordJson earlier = new RecordJson(EARLIER, Before.class);
    RecordJson later = new RecordJson(LATER, After.class);
    String written = earlier.write(BEFORE);
    assertEquals(
        "{\"@type\":\"Note\",\"text\":\"hi\",\"count\":7,\"colour\":\"RED\",\"also\":[\"GREEN\",\"RED\"]}",
        written);
    assertEquals(written, later.write(AFTER));
    assertEquals(AFTER, later.read(written, After.class));
    assertEquals(BEFORE, earlier.read(later.write(AFTER), Before.class));
  }

  @Test
  @DisplayName("the canonical form, and so every chain hash, is the same")
  void sameHash() {
    CanonicalForm earlier = CanonicalForm.with(EARLIER);
    CanonicalForm later = CanonicalForm.with(LATER);
    assertEquals(
        "rNote{text=s2:hi;count=Long:1:7;colour=eColour.RED;also=set[eColour.GREEN, eColour.RED];}",
        earlier.text(BEFORE));
    assertEquals(earlier.text(BEFORE), later.text(AFTER));
    assertArrayEquals(
        earlier.hash(ChainHash.GENESIS, 3, BEFORE), later.hash(ChainHash.GENESIS, 3, AFTER));
  }

  @Test
  @DisplayName(
      "the domain's own types are written and hashed by the table's names: a copy of the table that stores"
          + " Device as Machine, its id as machineId and MALICIOUS as BAD writes, reads and hashes those")
  void domainNamesComeFromTheTable() {
    List<StoredType> copy = new ArrayList<>();
    for (StoredType type : StoredFormat.TYPES.all()) {
      if (type.type() == Device.class) {
        copy.add(
            StoredType.record(Device.class, "Machine", "machineId", "name", "domain", "tags", "os")
                .hashedWhenPresent("entraDeviceId", "rbacGroupName")
                .renamed("machineId", "id"));
      } else if (type.type() == Verdict.class) {
        copy.add(
            StoredType.constants(
                    Verdict.class, "Verdict", "BAD", "SUSPICIOUS", "NO_THREATS_FOUND", "UNKNOWN")
                .renamed("BAD", "MALICIOUS"));
      } else {
        copy.add(type);
      }
    }
    StoredTypes table = StoredTypes.of(copy.toArray(StoredType[]::new));
    InvestigationEvent event =
        new InvestigationEvent.EvidenceRecorded(
            InvestigationId.of("inv-1"),
            Instant.EPOCH,
            Actor.system(),
            Evidence.of(
                Device.of(DeviceId.of("d-1"), DeviceName.of("ws-1")),
                Verdict.MALICIOUS,
                "beacon",
                Instant.EPOCH));
    RecordJson json = new RecordJson(table, InvestigationEvent.class);
    String written = json.write(event);
    assertTrue(
        written.contains("{\"@type\":\"Machine\",\"machineId\":\"d-1\",")
            && written.contains("\"verdict\":\"BAD\""),
        written);
    assertEquals(event, json.read(written, InvestigationEvent.class));
    String hashed = CanonicalForm.with(table).text(event);
    assertTrue(
        hashed.contains("rMachine{machineId=rDeviceId{value=s3:d-1;};")
            && hashed.contains("verdict=eVerdict.BAD;"),
        hashed);
    assertEquals(
        new RecordJson(InvestigationEvent.class).write(event),
        written
            .replace("Machine", "Device")
            .replace("machineId", "id")
            .replace("BAD", "MALICIOUS"));
  }
}
