package dev.parry.core.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceTag;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.OsPlatform;
import dev.parry.core.entity.RbacGroupName;
import dev.parry.core.error.InvalidInputException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A device match is built one criterion at a time, each unset by default")
class DeviceMatchBuilderTest {

  @Test
  @DisplayName("a builder told nothing builds the rule that matches every device")
  void emptyBuilderMatchesEverything() {
    assertEquals(DeviceMatch.ANY, DeviceMatch.builder().build());
  }

  @Test
  @DisplayName("each setter sets its criterion, as the constructor would")
  void settersSetTheirCriterion() {
    DeviceMatch built =
        DeviceMatch.builder()
            .namePrefix("fin-")
            .domain(DomainName.of("corp.contoso.com"))
            .anyTags(Set.of(DeviceTag.of("finance")))
            .platforms(Set.of(OsPlatform.WINDOWS))
            .rbacGroups(Set.of(RbacGroupName.of("Tier 0 servers")))
            .build();
    assertEquals(
        new DeviceMatch(
            "fin-",
            DomainName.of("corp.contoso.com"),
            Set.of(DeviceTag.of("finance")),
            Set.of(OsPlatform.WINDOWS),
            Set.of(RbacGroupName.of("Tier 0 servers"))),
        built);
    assertEquals(
        DeviceMatch.inRbacGroups(RbacGroupName.of("Tier 0 servers")),
        DeviceMatch.builder().rbacGroups(Set.of(RbacGroupName.of("Tier 0 servers"))).build());
  }

  @Test
  @DisplayName("a bad prefix is refused at once, showing it, and leaves the builder as it was")
  void badPrefixIsRefusedAtOnce() {
    DeviceMatch.Builder builder = DeviceMatch.builder().namePrefix("fin-");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> builder.namePrefix("fin\u202e-"));
    assertTrue(e.getMessage().startsWith("namePrefix"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> builder.namePrefix(""));
    assertThrows(InvalidInputException.class, () -> builder.anyTags(null));
    assertEquals("fin-", builder.build().namePrefix());
  }

  @Test
  @DisplayName("the sets a builder was given are copied: changing the caller's set changes nothing")
  void setsAreCopied() {
    Set<DeviceTag> tags = new HashSet<>(Set.of(DeviceTag.of("finance")));
    DeviceMatch.Builder builder = DeviceMatch.builder().anyTags(tags);
    tags.add(DeviceTag.of("hr"));
    assertEquals(Set.of(DeviceTag.of("finance")), builder.build().anyTags());
  }
}
