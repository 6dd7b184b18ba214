package dev.parry.testkit.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.ActionKind;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.automation.FolderClassifier;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.entity.WindowsPath;
import dev.parry.core.verdict.Evidence;
import dev.parry.testkit.random.Randomized;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Domain generators give valid, reproducible values with edge cases mixed in")
class DomainGeneratorsTest {

  @Test
  @DisplayName("the same seed gives the same values")
  void reproducible() {
    for (long seed = 0; seed < 200; seed++) {
      assertEquals(
          DomainGenerators.evidence().next(new Random(seed)),
          DomainGenerators.evidence().next(new Random(seed)));
      assertEquals(
          CommandSequences.steps(0, 30).next(new Random(seed)).toString(),
          CommandSequences.steps(0, 30).next(new Random(seed)).toString());
    }
  }

  @Test
  @DisplayName("every generated value survives re-validation from its text form")
  void valid() {
    Randomized.cases(3_000)
        .forAll(
            DomainGenerators.evidence(),
            evidence -> {
              Evidence copy =
                  new Evidence(
                      evidence.entity(),
                      evidence.verdict(),
                      evidence.detail(),
                      evidence.observedAt(),
                      evidence.roles());
              assertEquals(evidence, copy);
              assertTrue(evidence.verdict().appliesTo(evidence.entity().family()));
            });
    Randomized.cases(3_000)
        .forAll(
            DomainGenerators.filePaths(), path -> assertEquals(path, WindowsPath.of(path.value())));
    Randomized.cases(3_000)
        .forAll(DomainGenerators.smtpAddresses(), a -> assertEquals(a, SmtpAddress.of(a.value())));
    Randomized.cases(3_000)
        .forAll(DomainGenerators.webUrls(), u -> assertEquals(u, WebUrl.of(u.value())));
    Randomized.cases(3_000)
        .forAll(DomainGenerators.deviceIds(), d -> assertEquals(d, DeviceId.of(d.value())));
  }

  @Test
  @DisplayName(
      "every entity's key, built without re-checking its characters, is one EntityKey.of accepts")
  void derivedKeysAreValid() {
    Randomized.cases(3_000)
        .forAll(
            DomainGenerators.entities(), e -> assertEquals(e.key(), EntityKey.of(e.key().value())));
    Randomized.cases(3_000)
        .forAll(
            DomainGenerators.actions(),
            a -> assertEquals(a.target().key(), EntityKey.of(a.target().key().value())));
  }

  @Test
  @DisplayName("generated whole investigations reach every status")
  void investigations() {
    java.util.Set<dev.parry.core.investigation.InvestigationStatus> statuses =
        EnumSet.noneOf(dev.parry.core.investigation.InvestigationStatus.class);
    Random random = new Random(13);
    for (int i = 0; i < 4_000; i++) {
      dev.parry.core.investigation.Investigation investigation =
          CommandSequences.investigations(0, 40).next(random);
      statuses.add(investigation.status());
    }
    assertEquals(EnumSet.allOf(dev.parry.core.investigation.InvestigationStatus.class), statuses);
  }

  @Test
  @DisplayName(
      "every entity type, every action kind, core and temp folders, maximum lengths and Unicode occur")
  void edgeCases() {
    Random random = new Random(11);
    Set<Class<?>> entityTypes = new HashSet<>();
    boolean hostileAppName = false;
    boolean ipv6 = false;
    for (int i = 0; i < 3_000; i++) {
      Entity entity = DomainGenerators.entities().next(random);
      entityTypes.add(entity.getClass());
      hostileAppName |=
          entity instanceof OAuthApplication app
              && app.displayName() != null
              && app.displayName().chars().anyMatch(c -> c == '\u202E');
      ipv6 |= entity instanceof IpAddress ip && ip.isV6();
    }
    assertEquals(17, entityTypes.size());
    assertTrue(hostileAppName, "OAuth apps with hostile display names occur");
    assertTrue(ipv6, "IPv6 addresses occur");
    Set<String> urlForms = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String url = DomainGenerators.webUrls().next(random).value();
      urlForms.add(url.startsWith("uri=") ? "uri=" : url.startsWith("http") ? "scheme" : "bare");
    }
    assertEquals(
        Set.of("uri=", "scheme", "bare"), urlForms, "URLs as endpoint alerts report them occur");
    Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
    for (int i = 0; i < 3_000; i++) {
      RemediationAction action = DomainGenerators.actions().next(random);
      kinds.add(action.kind());
      assertEquals(action.kind().family(), action.target().family());
    }
    assertEquals(EnumSet.allOf(ActionKind.class), kinds);
    Set<String> placings = new HashSet<>();
    boolean unicode = false;
    boolean longPath = false;
    for (int i = 0; i < 5_000; i++) {
      WindowsPath path = DomainGenerators.filePaths().next(random);
      placings.add(
          "core "
              + FolderClassifier.defaults().isInCoreFolder(path)
              + ", temp "
              + FolderClassifier.defaults().isInTempFolder(path));
      unicode |= path.value().chars().anyMatch(c -> c > 127);
      longPath |= path.value().length() > 30_000;
    }
    assertEquals(
        Set.of(
            "core true, temp true",
            "core true, temp false",
            "core false, temp true",
            "core false, temp false"),
        placings);
    assertTrue(unicode, "non-ASCII file names occur");
    assertTrue(longPath, "paths near the length limit occur");
    boolean maxDeviceId = false;
    for (int i = 0; i < 500; i++) {
      maxDeviceId |=
          DomainGenerators.deviceIds().next(random).value().length() == DeviceId.MAX_LENGTH;
    }
    assertTrue(maxDeviceId, "maximum-length ids occur");
    assertTrue(
        List.of(DomainGenerators.EPOCH).get(0).getEpochSecond() > 0,
        "the generated clock starts after 1970");
  }
}
