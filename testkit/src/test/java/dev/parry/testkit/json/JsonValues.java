package dev.parry.testkit.json;

import dev.parry.core.actor.Actor;
import dev.parry.core.automation.AutomationLevel;
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
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.ChainHash;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.json.*;
import dev.parry.spi.json.internal.*;
import dev.parry.spi.store.Page;
import dev.parry.testkit.generate.CommandSequences;
import dev.parry.testkit.generate.DomainGenerators;
import dev.parry.testkit.generate.Gen;
import dev.parry.testkit.generate.HostileText;
import dev.parry.testkit.generate.InvestigationStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
