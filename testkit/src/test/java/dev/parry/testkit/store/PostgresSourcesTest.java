package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parry.core.action.DisableUser;
import dev.parry.core.action.IsolateDevice;
import dev.parry.core.action.IsolationType;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.SoftDeleteEmail;
import dev.parry.core.actor.Actor;
import dev.parry.core.actor.PrincipalName;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.Device;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.DeviceName;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.ActionSource;
import dev.parry.core.investigation.AlertId;
import dev.parry.core.investigation.ApprovalRule;
import dev.parry.core.investigation.Command;
import dev.parry.core.investigation.Decision;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationId;
import dev.parry.core.policy.ApprovalMode;
import dev.parry.core.policy.PlannedAction;
import dev.parry.spi.store.ActionQuery;
import dev.parry.spi.store.JdbcInvestigationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The PostgreSQL store answers source filters for rows written before sources were typed, without a migration")
class PostgresSourcesTest {

  static final Instant T = Instant.parse("2026-04-01T08:00:00Z");
  static final Actor ANALYST = Actor.principal(PrincipalName.of("analyst@contoso.com"));

  static Device device(String name) {
    return Device.of(DeviceId.of("d-" + name), DeviceName.of("ws-" + name));
  }

  static EmailMessage message(String id) {
    return EmailMessage.of(NetworkMessageId.of(id), SmtpAddress.of("bob@contoso.com"));
  }

  static Command propose(RemediationAction action, Actor requester, ActionSource source) {
    return new Command.ProposeAction(
        new Command.Proposal(
            new PlannedAction(action, ApprovalMode.REQUIRES_APPROVAL, "sources test"),
            ApprovalRule.SINGLE),
        requester,
        "",
        source);
  }

  @Test
  @DisplayName(
      "AUTOMATED and MANUAL rows match the typed sources their family makes them; typed rows match as written")
  void legacyRowsAnswerTypedSources() {
    Postgres.truncate();
    JdbcInvestigationStore store = JdbcInvestigationStore.create(Postgres.dataSource());
    Decision.Accepted opened =
        Investigation.open(
            InvestigationId.of("src-legacy"),
            AlertId.of("a-src"),
            AutomationLevel.FULL,
            Investigation.DEFAULT_PENDING_EXPIRY,
            Actor.system(),
            T);
    store.append(opened.after().id(), 0, opened.events(), opened.after());
    Investigation state = opened.after();
    UserAccount user = UserAccount.of(UserPrincipalName.of("carol@contoso.com"));
    List<Command> commands =
        List.of(
            propose(
                new IsolateDevice(device("a"), IsolationType.FULL),
                Actor.system(),
                ActionSource.AUTOMATED_DEVICE_INVESTIGATION),
            propose(
                new SoftDeleteEmail(message("0f8fad5b-d9cb-469f-a165-70867728950e"), false),
                Actor.system(),
                ActionSource.AUTOMATED_EMAIL_INVESTIGATION),
            propose(
                new DisableUser(user), Actor.system(), ActionSource.AUTOMATED_DEVICE_INVESTIGATION),
            propose(
                new IsolateDevice(device("b"), IsolationType.FULL),
                ANALYST,
                ActionSource.MANUAL_DEVICE_ACTION),
            propose(
                new SoftDeleteEmail(message("7c9e6679-7425-40de-944b-e07fc1f90ae7"), false),
                ANALYST,
                ActionSource.MANUAL_EMAIL_ACTION),
            propose(
                new IsolateDevice(device("c"), IsolationType.FULL),
                ANALYST,
                ActionSource.LIVE_RESPONSE),
            propose(
                new SoftDeleteEmail(message("16fd2706-8baf-433b-82eb-8c7fada847da"), false),
                ANALYST,
                ActionSource.EXPLORER));
    for (int i = 0; i < commands.size(); i++) {
      Decision.Accepted accepted =
          (Decision.Accepted) state.decide(commands.get(i), T.plusSeconds(i + 1));
      store.append(state.id(), state.version(), accepted.events(), accepted.after());
      state = accepted.after();
    }
    // the first five as an earlier release wrote them: AUTOMATED or MANUAL in the column, no source
    // in the JSON
    Postgres.execute(
        "UPDATE parry_actions SET source = CASE WHEN source LIKE 'AUTOMATED%' THEN 'AUTOMATED'"
            + " ELSE 'MANUAL' END, record = regexp_replace(record, ',\"source\":\"[A-Z_]+\"', '')"
            + " WHERE investigation_id = 'src-legacy' AND sequence <= 5");
    assertEquals(
        state,
        store.load(state.id()).orElseThrow(),
        "the rows read with the sources they stood for");

    for (ActionSource source : ActionSource.values()) {
      Set<Integer> expected = new TreeSet<>();
      for (ActionRecord action : state.actions()) {
        if (action.source() == source) {
          expected.add(action.id().sequence());
        }
      }
      assertEquals(
          expected,
          sequences(store, ActionQuery.all().sources(EnumSet.of(source)).build()),
          source.name());
      assertEquals(
          expected,
          sequences(store, ActionQuery.pending().sources(EnumSet.of(source)).build()),
          source + ", pending");
    }
    assertEquals(
        Set.of(2, 5, 7),
        sequences(
            store,
            ActionQuery.all()
                .sources(
                    EnumSet.of(
                        ActionSource.AUTOMATED_EMAIL_INVESTIGATION,
                        ActionSource.MANUAL_EMAIL_ACTION,
                        ActionSource.EXPLORER))
                .build()));
    assertEquals(
        Set.of(1, 3, 4, 6),
        sequences(
            store,
            ActionQuery.all()
                .sources(
                    EnumSet.of(
                        ActionSource.AUTOMATED_DEVICE_INVESTIGATION,
                        ActionSource.MANUAL_DEVICE_ACTION,
                        ActionSource.LIVE_RESPONSE))
                .build()));
  }

  private static Set<Integer> sequences(JdbcInvestigationStore store, ActionQuery query) {
    List<Integer> out = new ArrayList<>();
    store.queryActions(query).items().forEach(action -> out.add(action.id().sequence()));
    return new TreeSet<>(out);
  }
}
