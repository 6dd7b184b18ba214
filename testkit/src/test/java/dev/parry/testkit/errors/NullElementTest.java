package dev.parry.testkit.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.FilePath;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.spi.executor.DeviceExclusions;
import dev.parry.spi.executor.ProviderConfig;
import dev.parry.spi.json.ParryJson;
import dev.parry.spi.store.Page;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A collection argument that holds a null is refused like a null argument, naming the element. */
@DisplayName("A null inside a collection is invalid input naming the collection")
class NullElementTest {

  @Test
  @DisplayName("a list with a null item names the item by its index")
  void listNamesTheIndex() {
    List<String> items = Arrays.asList("a", null);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new Page<>(items, null));
    assertEquals("items[1]", e.field());
  }

  @Test
  @DisplayName("a device's tag set holding null names the tags")
  void setNamesTheCollection() {
    Set<DeviceTag> tags = new HashSet<>(Arrays.asList(DeviceTag.of("vip"), null));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new Device(DeviceId.of("d-1"), null, null, tags, OsPlatform.WINDOWS));
    assertEquals("tags", e.field());
  }

  @Test
  @DisplayName("device exclusions holding a null device are refused as invalid input")
  void exclusionsRefuseANullDevice() {
    Set<DeviceId> devices = new HashSet<>(Arrays.asList(DeviceId.of("dc-01"), null));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> DeviceExclusions.of(devices, Set.of(), Set.of()));
    assertEquals("devices", e.field());
  }

  @Test
  @DisplayName("a provider configuration with a null value names its key")
  void providerConfigNamesTheKey() {
    Map<String, String> properties = new HashMap<>();
    properties.put("endpoint", null);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new ProviderConfig(properties));
    assertEquals("properties[endpoint]", e.field());
  }

  @Test
  @DisplayName("writing a history with a null event names the events parameter and the index")
  void jsonArrayNamesItsParameter() {
    List<InvestigationEvent> events = Arrays.asList((InvestigationEvent) null);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ParryJson.writeEvents(events));
    assertEquals("events[0]", e.field());
  }

  @Test
  @DisplayName("classifying a null file path is invalid input naming the file")
  void folderClassifierRefusesANullPath() {
    FolderClassifier classifier = FolderClassifier.defaults();
    InvalidInputException core =
        assertThrows(InvalidInputException.class, () -> classifier.isInCoreFolder((FilePath) null));
    InvalidInputException temp =
        assertThrows(InvalidInputException.class, () -> classifier.isInTempFolder((FilePath) null));
    assertEquals("file", core.field());
    assertEquals("file", temp.field());
  }
}
