package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RestrictCodeExecution;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.investigation.InvestigationStatus;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.audit.AuditTrail;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.internal.RecordJson;
import dev.parry.testkit.generate.DomainGenerators;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the fixture of the current stored format: generated histories, from a fixed seed, until
 * every stored type and every enum constant reachable from the stored roots has been written at
 * least once. It runs only when asked, to add the fixture of a new format version (see the README
 * next to the fixtures):
 *
 * <pre>
 * {@code mvn -o test -pl core,spi,testkit -Dtest=StoredFormatFixture -Dparry.writeFixture=format-2}
 * </pre>
 *
 * <p>writes {@code format-2-events.tsv} and {@code format-2-states.tsv} into this package's test
 * resources.
 */
@DisplayName("The fixture of the current stored format")
class StoredFormatFixture {

  /** The seed every fixture is generated from: {@value}. */
  static final long SEED = 20261201L;

  static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);

  @Test
  @EnabledIfSystemProperty(named = "parry.writeFixture", matches = "format-[0-9]+")
  @DisplayName("is written from generated histories until every stored type and constant appears")
  void write() throws IOException {
    String name = System.getProperty("parry.writeFixture");
    Set<String> wanted = reachable(Investigation.class, InvestigationEvent.class);
    Set<String> seen = new TreeSet<>();
    StringBuilder events = new StringBuilder();
    StringBuilder states = new StringBuilder();
    Random random = new Random(SEED);
    for (int history = 0; history < 5_000 && !seen.containsAll(wanted); history++) {
      Set<String> before = new TreeSet<>(seen);
      List<Decision.Accepted> decisions = Histories.of("fixture" + history, 40).next(random);
      StringBuilder lines = new StringBuilder();
      ChainHash link = ChainHash.GENESIS;
      long version = 0;
      Investigation last = decisions.get(0).after();
      for (Decision.Accepted accepted : decisions) {
        for (InvestigationEvent event : accepted.events()) {
          version++;
          link = AuditTrail.link(link, version, event);
          lines
              .append(version)
              .append('\t')
              .append(link.value())
              .append('\t')
              .append(JSON.write(event))
              .append('\n');
          collect(event, seen);
        }
        last = accepted.after();
      }
      collect(last, seen);
      if (!seen.equals(before)) { // keep only the histories that add something
        events.append(lines).append('\n');
        states.append(JSON.write(last)).append('\n');
      } else {
        seen.retainAll(before);
      }
    }
    List<Decision.Accepted> supplement = supplement(); // what the generators do not make
    ChainHash link = ChainHash.GENESIS;
    long version = 0;
    for (Decision.Accepted accepted : supplement) {
      for (InvestigationEvent event : accepted.events()) {
        version++;
        link = AuditTrail.link(link, version, event);
        events
            .append(version)
            .append('\t')
            .append(link.value())
            .append('\t')
            .append(JSON.write(event))
            .append('\n');
        collect(event, seen);
      }
    }
    Investigation last = supplement.get(supplement.size() - 1).after();
    collect(last, seen);
    events.append('\n');
    states.append(JSON.write(last)).append('\n');
    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(seen);
    System.out.println("fixture misses: " + missing);
    Path dir = Path.of("src/test/resources/dev/parry/testkit/store");
    Files.writeString(dir.resolve(name + "-events.tsv"), events, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(name + "-states.tsv"), states, StandardCharsets.UTF_8);
    assertTrue(missing.isEmpty(), "not generated: " + missing);
  }

  /**
   * {@return a history the generators do not make: evidence in every role, an action held by a
   * safety guard and a time box extended, and an undo asked for while an action ran}
   */
  static List<Decision.Accepted> supplement() {
    Instant now = DomainGenerators.EPOCH;
    List<Decision.Accepted> history = new ArrayList<>();
    history.add(
        Investigation.open(
            InvestigationId.of("fixture-supplement"),
            AlertId.of("alert"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            now));
    Device device = Device.of(DeviceId.of("d-supplement"), DeviceName.of("ws-supplement"));
    Evidence evidence =
        new Evidence(device, Verdict.MALICIOUS, "beacon", now, EnumSet.allOf(EvidenceRole.class));
    Command.Proposal isolate =
        new Command.Proposal(
            new PlannedAction(
                new IsolateDevice(device, IsolationType.FULL),
                ApprovalMode.AUTOMATIC,
                "malicious device"),
            ApprovalRule.SINGLE,
            Duration.ofHours(4));
    Command.Proposal restrict =
        new Command.Proposal(
            new PlannedAction(
                new RestrictCodeExecution(device), ApprovalMode.AUTOMATIC, "malicious device"),
            ApprovalRule.SINGLE,
            null);
    ActionId action = ActionId.of(InvestigationId.of("fixture-supplement"), 1);
    ActionId restricted = ActionId.of(InvestigationId.of("fixture-supplement"), 2);
    PrincipalName alice = PrincipalName.of("alice@contoso.com");
    for (Command command :
        List.of(
            new Command.RecordEvidence(evidence, List.of(isolate, restrict), Actor.system()),
            new Command.Hold(action, "the kill switch is on", null),
            new Command.Approve(action, alice, "go"),
            new Command.Start(action, null),
            new Command.Succeed(action, "isolated"),
            new Command.ExtendTimeBox(action, Duration.ofHours(1), alice, "one hour more"),
            new Command.Start(restricted, null),
            new Command.UndoOnSuccess(restricted, Actor.principal(alice), "false positive"),
            new Command.Succeed(restricted, "restricted"))) {
      now = now.plusSeconds(60);
      Decision decision = history.get(history.size() - 1).after().decide(command, now);
      if (!(decision instanceof Decision.Accepted accepted)) {
        throw new IllegalStateException(command + " was not accepted: " + decision);
      }
      history.add(accepted);
    }
    return history;
  }

  /**
   * {@return the records, and the enum constants as Type.CONSTANT, reachable from {@code roots}}
   */
  static Set<String> reachable(Class<?>... roots) {
    Set<Class<?>> types = new LinkedHashSet<>();
    for (Class<?> root : roots) {
      visit(root, types);
    }
    Set<String> names = new TreeSet<>();
    for (Class<?> type : types) {
      if (type.isEnum()) {
        for (Object constant : type.getEnumConstants()) {
          names.add(type.getName() + "." + ((Enum<?>) constant).name());
        }
      } else if (type.isRecord()) {
        names.add(type.getName());
      }
    }
    for (InvestigationStatus status : InvestigationStatus.values()) {
      if (!status.isFinal()) {
        names.remove(InvestigationStatus.class.getName() + "." + status.name()); // never stored
      }
    }
    return names;
  }

  private static void visit(Class<?> type, Set<Class<?>> types) {
    if (type.isPrimitive()
        || type == String.class
        || type == Instant.class
        || type == Duration.class
        || type.getName().startsWith("java.")) {
      return;
    }
    Class<?> named =
        type.getSuperclass() != null && type.getSuperclass().isEnum() ? type.getSuperclass() : type;
    if (!types.add(named)) {
      return;
    }
    if (named.isInterface()) {
      for (Class<?> permitted : Objects.requireNonNull(named.getPermittedSubclasses())) {
        visit(permitted, types);
      }
    } else if (named.isRecord()) {
      for (RecordComponent component : named.getRecordComponents()) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType parameterized) {
          for (Type argument : parameterized.getActualTypeArguments()) {
            visit((Class<?>) argument, types);
          }
        } else {
          visit(component.getType(), types);
        }
      }
    }
  }

  /** Adds the records and enum constants {@code value} holds, at any depth, to {@code seen}. */
  static void collect(Object value, Set<String> seen) {
    if (value instanceof Enum<?> constant) {
      seen.add(constant.getDeclaringClass().getName() + "." + constant.name());
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        collect(item, seen);
      }
    } else if (value instanceof Record record) {
      seen.add(record.getClass().getName());
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          Object part = component.getAccessor().invoke(record);
          if (part != null) {
            collect(part, seen);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
