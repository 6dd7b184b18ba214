package dev.parry.testkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.action.DisableUser;
import dev.parry.core.action.RemediationAction;
import dev.parry.core.action.TurnOffExternalForwarding;
import dev.parry.core.entity.EmailCluster;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.Mailbox;
import dev.parry.core.entity.NetworkMessageId;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import dev.parry.spi.internal.RecordJson;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Identities and email stored by an earlier release read as the new entities (upcasting)")
class StoredIdentitiesTest {

  static final RecordJson JSON = new RecordJson(Investigation.class, InvestigationEvent.class);
  static final UserPrincipalName ALICE = UserPrincipalName.of("alice@contoso.com");
  static final ObjectId OID = ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7");

  @Test
  @DisplayName(
      "a user stored as UserAccount{upn, objectId} reads with its UPN and object id, keyed by the object id")
  void oldUserAccount() {
    Entity user =
        JSON.read(
            "{\"@type\":\"UserAccount\",\"upn\":\"alice@contoso.com\","
                + "\"objectId\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"}",
            Entity.class);
    assertEquals(UserAccount.of(OID).withUpn(ALICE), user);
    assertEquals("user:" + OID.value(), user.key().value());
    Entity upnOnly =
        JSON.read(
            "{\"@type\":\"UserAccount\",\"upn\":\"alice@contoso.com\",\"objectId\":null}",
            Entity.class);
    assertEquals(
        "user:alice@contoso.com",
        upnOnly.key().value(),
        "a user known by UPN keeps the key it was stored under");
  }

  @Test
  @DisplayName("an action on a user stored in the old shape reads as the same action")
  void oldUserAction() {
    RemediationAction action =
        JSON.read(
            "{\"@type\":\"DisableUser\",\"user\":{\"upn\":\"alice@contoso.com\","
                + "\"objectId\":null}}",
            RemediationAction.class);
    assertEquals(new DisableUser(UserAccount.of(ALICE)), action);
  }

  @Test
  @DisplayName(
      "evidence stored with the verdict COMPROMISED reads as malicious with the role COMPROMISED, and plans the same")
  void compromisedVerdict() {
    Evidence evidence =
        JSON.read(
            "{\"@type\":\"Evidence\",\"entity\":{\"@type\":\"UserAccount\","
                + "\"upn\":\"alice@contoso.com\",\"objectId\":null},\"verdict\":\"COMPROMISED\",\"detail\":\"Password spray\","
                + "\"observedAt\":\"2026-04-01T08:00:00Z\"}",
            Evidence.class);
    assertEquals(
        new Evidence(
            UserAccount.of(ALICE),
            Verdict.MALICIOUS,
            "Password spray",
            Instant.parse("2026-04-01T08:00:00Z"),
            Set.of(EvidenceRole.COMPROMISED)),
        evidence);
    assertTrue(evidence.isCompromise());
  }

  @Test
  @DisplayName("evidence stored before roles were kept reads with none")
  void noRoles() {
    Evidence evidence =
        JSON.read(
            "{\"@type\":\"Evidence\",\"entity\":{\"@type\":\"Mailbox\","
                + "\"address\":\"carol@contoso.com\",\"forwardsTo\":null,\"delegate\":null},\"verdict\":\"MALICIOUS\","
                + "\"detail\":\"\",\"observedAt\":\"2026-04-01T08:00:00Z\"}",
            Evidence.class);
    assertEquals(Set.of(), evidence.roles());
    assertEquals(Mailbox.of(SmtpAddress.of("carol@contoso.com")), evidence.entity());
  }

  @Test
  @DisplayName("a stored verdict that was never written is still refused, naming the value")
  void unknownVerdict() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JSON.read(
                    "{\"@type\":\"Evidence\","
                        + "\"entity\":{\"@type\":\"UserAccount\",\"upn\":\"alice@contoso.com\",\"objectId\":null},"
                        + "\"verdict\":\"PWNED\",\"detail\":\"\",\"observedAt\":\"2026-04-01T08:00:00Z\"}",
                    Evidence.class));
    assertTrue(e.getMessage().contains("PWNED"), e.getMessage());
  }

  @Test
  @DisplayName(
      "messages, clusters and mailboxes stored in the old shape read with the new attributes unknown")
  void oldEmail() {
    EmailMessage message =
        (EmailMessage)
            JSON.read(
                "{\"@type\":\"EmailMessage\","
                    + "\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"recipient\":\"bob@contoso.com\","
                    + "\"sender\":\"mallory@evil.example\"}",
                Entity.class);
    assertEquals(
        new EmailMessage(
            NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
            SmtpAddress.of("bob@contoso.com"),
            SmtpAddress.of("mallory@evil.example")),
        message);
    assertNull(message.internetMessageId());
    assertNull(message.deliveryLocation());
    EmailCluster cluster =
        (EmailCluster) JSON.read("{\"@type\":\"EmailCluster\",\"id\":\"cluster-1\"}", Entity.class);
    assertEquals(
        "email-cluster:cluster-1", cluster.key().value(), "a stored cluster keeps its key");
    RemediationAction forwarding =
        JSON.read(
            "{\"@type\":\"TurnOffExternalForwarding\",\"mailbox\":{"
                + "\"address\":\"carol@contoso.com\",\"forwardsTo\":\"drop@evil.example\",\"delegate\":null}}",
            RemediationAction.class);
    assertNull(((TurnOffExternalForwarding) forwarding).mailbox().owner());
  }
}
