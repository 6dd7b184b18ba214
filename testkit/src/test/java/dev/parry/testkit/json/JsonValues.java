package dev.parry.testkit.json;

import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.automation.DeviceGroupName;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.investigation.ActionId;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.store.Page;
import dev.parry.testkit.generate.CommandSequences;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.generate.HostileText;
import dev.parry.testkit.generate.InvestigationStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generators of every result and request body the JSON form covers, built from the test kit's
 * generators.
 */
final class JsonValues {

  private static final String HEX = "0123456789abcdef";

  private JsonValues() {}

  /** {@return whole investigations in every status} */
  static Gen<Investigation> investigations() {
    return CommandSequences.investigations(0, 40);
  }

  /** {@return an investigation's history: the events of a generated sequence of commands} */
  static Gen<List<InvestigationEvent>> histories() {
    Gen<List<InvestigationStep>> sequences = CommandSequences.steps(0, 40);
    return random -> {
      Instant now = DomainGenerators.EPOCH;
      Decision.Accepted opened =
          Investigation.open(
              InvestigationId.of("inv-" + Long.toHexString(random.nextLong() >>> 1)),
              AlertId.of("alert"),
              Gen.anyOf(AutomationLevel.class).next(random),
              DomainGenerators.origins().next(random),
              Investigation.DEFAULT_PENDING_EXPIRY,
              Actor.system(),
              now);
      List<InvestigationEvent> events = new ArrayList<>(opened.events());
      Investigation state = opened.after();
      for (InvestigationStep step : sequences.next(random)) {
        now = now.plus(step.advance());
        Command command = step.resolve(state);
        if (command != null && state.decide(command, now) instanceof Decision.Accepted accepted) {
          events.addAll(accepted.events());
          state = accepted.after();
        }
      }
      return events;
    };
  }

  /**
   * {@return actions as investigations leave them, with hostile free text in their reason, note or
   * comment now and then}
   */
  static Gen<ActionRecord> actions() {
    Gen<Investigation> investigations = investigations().filter(i -> !i.actions().isEmpty(), 200);
    return random -> {
      List<ActionRecord> actions = investigations.next(random).actions();
      ActionRecord a = actions.get(random.nextInt(actions.size()));
      if (random.nextBoolean()) {
        return a;
      }
      return new ActionRecord(
          a.id(),
          a.action(),
          a.mode(),
          hostile(random),
          a.rule(),
          a.requestedBy(),
          hostile(random),
          a.source(),
          a.proposedAt(),
          a.status(),
          a.steps(),
          a.attempts(),
          a.updatedAt(),
          a.updatedBy(),
          hostile(random),
          a.timeBox(),
          a.expiresAt(),
          a.deadline(),
          a.undoAttempts());
    };
  }

  /** {@return pages of actions, with and without a next cursor} */
  static Gen<Page<ActionRecord>> pages() {
    return random ->
        new Page<>(
            actions().list(0, 5).next(random),
            random.nextBoolean()
                ? null
                : random.nextBoolean() ? hostile(random) : chars(random, 24));
  }

  /** {@return audit records of generated events, with and without a hash} */
  static Gen<AuditRecord> auditRecords() {
    return random -> {
      List<InvestigationEvent> events = histories().next(random);
      int at = random.nextInt(events.size());
      return new AuditRecord(at + 1, events.get(at), random.nextInt(4) == 0 ? null : hash(random));
    };
  }

  /** {@return both outcomes of verifying a chain} */
  static Gen<Verification> verifications() {
    return random ->
        random.nextBoolean()
            ? intact(random)
            : new Verification.Broken(
                1 + random.nextInt(1000),
                Gen.anyOf(Verification.Problem.class).next(random),
                random.nextBoolean() ? null : hash(random),
                random.nextBoolean() ? null : hash(random),
                hostile(random));
  }

  private static Verification intact(Random random) {
    int records = random.nextInt(1000);
    return new Verification.Intact(
        records, random.nextInt(records + 1), random.nextInt(records + 1));
  }

  /** {@return reports of a false positive, with every kind of allow indicator} */
  static Gen<FalsePositiveReport> reports() {
    Gen<List<ActionId>> ids = actions().map(ActionRecord::id).list(0, 3);
    return random -> {
      List<AllowIndicator> allowed = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        allowed.add(indicator(random));
      }
      return new FalsePositiveReport(
          ids.next(random), ids.next(random), ids.next(random), ids.next(random), allowed);
    };
  }

  private static AllowIndicator indicator(Random random) {
    Sha256 sha256 = DomainGenerators.sha256s().next(random);
    Sha1 sha1 = DomainGenerators.sha1s().next(random);
    return switch (random.nextInt(7)) {
      case 0 -> new AllowIndicator.FileHash(sha256);
      case 1 -> new AllowIndicator.FileHashes(sha256, sha1);
      case 2 -> new AllowIndicator.ExactUrl(DomainGenerators.webUrls().next(random));
      case 3 -> new AllowIndicator.Domain(DomainGenerators.domainNames().next(random));
      case 4 -> new AllowIndicator.FileSha1(sha1);
      case 5 -> new AllowIndicator.Sender(DomainGenerators.smtpAddresses().next(random));
      default -> new AllowIndicator.ExactEntity(DomainGenerators.entities().next(random).key());
    };
  }

  /** {@return what a dry run plans: no action to several, in every approval mode} */
  static Gen<RemediationPlan> plans() {
    return random -> {
      List<PlannedAction> actions = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        ApprovalMode[] modes = ApprovalMode.values();
        actions.add(
            new PlannedAction(
                DomainGenerators.actions().next(random),
                modes[random.nextInt(modes.length)],
                bounded(random, 512)));
      }
      return new RemediationPlan(actions, bounded(random, 512));
    };
  }

  /** {@return safety control changes of every kind, as the control log holds them} */
  static Gen<ControlChange> controlChanges() {
    return random -> {
      PrincipalName who = PrincipalName.of("analyst-" + random.nextInt(5) + "@contoso.com");
      Instant at = DomainGenerators.EPOCH.plusSeconds(random.nextInt(1 << 20));
      DeviceGroupName group =
          random.nextBoolean() ? null : DeviceGroupName.of("group " + random.nextInt(9));
      ControlChange change =
          switch (random.nextInt(4)) {
            case 0 -> ControlChange.pause(group, who, at, bounded(random, 512));
            case 1 -> ControlChange.resume(group, who, at, bounded(random, 512));
            case 2 ->
                ControlChange.breakGlass(
                    DomainGenerators.deviceIds().next(random),
                    at.plusSeconds(1 + random.nextInt(10_000)),
                    who,
                    at,
                    bounded(random, 512));
            default ->
                ControlChange.allow(
                    indicator(random), random.nextBoolean(), who, at, bounded(random, 512));
          };
      return new ControlChange(
          1 + random.nextInt(1_000_000),
          change.kind(),
          change.group(),
          change.device(),
          change.indicator(),
          change.scope(),
          change.until(),
          change.principal(),
          change.at(),
          change.reason());
    };
  }

  /** {@return sets of allow indicators of every kind, empty to several} */
  static Gen<Set<AllowIndicator>> allowIndicators() {
    return random -> {
      Set<AllowIndicator> out = new LinkedHashSet<>();
      for (int i = random.nextInt(5); i > 0; i--) {
        out.add(indicator(random));
      }
      return out;
    };
  }

  /** {@return the runtime's health in every state} */
  static Gen<RuntimeHealth> healths() {
    return random ->
        new RuntimeHealth(
            random.nextBoolean(),
            random.nextBoolean() ? null : DomainGenerators.EPOCH.plusMillis(random.nextInt()),
            Duration.ofMillis(random.nextInt(1 << 30)),
            random.nextInt(5),
            random.nextInt(1000),
            Duration.ofSeconds(1 + random.nextInt(60)),
            random.nextInt(3));
  }

  /** {@return the bodies of manual actions: every kind, with and without the options} */
  static Gen<ManualActionRequest> manualActions() {
    return random -> {
      var action = DomainGenerators.actions().next(random);
      Duration timeBox =
          action.kind().isReversible() && random.nextBoolean()
              ? Duration.ofMinutes(1 + random.nextInt(100_000))
              : null;
      List<ActionSource> sources = new ArrayList<>();
      for (ActionSource source : ActionSource.values()) {
        if (!source.isAutomated() && source.accepts(action.family())) {
          sources.add(source);
        }
      }
      return new ManualActionRequest(
          action,
          visible(random),
          random.nextBoolean(),
          timeBox,
          random.nextBoolean() ? null : sources.get(random.nextInt(sources.size())));
    };
  }

  /** {@return the bodies of false positive reports, on every kind of entity} */
  static Gen<FalsePositiveRequest> falsePositives() {
    Gen<Entity> entities = DomainGenerators.entities();
    return random -> new FalsePositiveRequest(entities.next(random), visible(random));
  }

  /** {@return free text as an analyst or an attacker may write it: hostile one time in two} */
  static String hostile(Random random) {
    return random.nextBoolean()
        ? HostileText.freeText().get(random.nextInt(HostileText.freeText().size()))
        : chars(random, random.nextInt(30));
  }

  /**
   * {@return free text a reader can see, hostile often, of at most {@code max} characters and
   * without an unpaired surrogate}, for values whose domain refuses those
   */
  static String bounded(Random random, int max) {
    String text = visible(random);
    boolean unpaired = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        unpaired = true;
      }
    }
    return unpaired || text.length() > max ? "x " + chars(random, 20) : text;
  }

  /** {@return free text a reader can see, hostile often} */
  static String visible(Random random) {
    String text = hostile(random);
    return text.isBlank() ? "x" + text : "x " + text;
  }

  private static ChainHash hash(Random random) {
    StringBuilder out = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      out.append(HEX.charAt(random.nextInt(16)));
    }
    return ChainHash.of(out.toString());
  }

  private static String chars(Random random, int length) {
    String alphabet = "abc XYZ 019 \"\\/<>&'{}[]:,é文😀";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(
          alphabet.codePointAt(
              alphabet.offsetByCodePoints(
                  0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return out.toString();
  }
}
