package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Email: what a message carries, and clusters known by their query or clusterByValue text")
class EmailEntitiesTest {

  static final NetworkMessageId ID = NetworkMessageId.of("0f8fad5b-d9cb-469f-a165-70867728950e");
  static final SmtpAddress BOB = SmtpAddress.of("bob@contoso.com");

  @Test
  @DisplayName(
      "a message carries its Internet message id, sender, display sender and delivery location; its key is unchanged")
  void messageAttributes() {
    EmailMessage message =
        new EmailMessage(
            ID,
            BOB,
            SmtpAddress.of("ceo@evil.example"),
            InternetMessageId.of("<MW4PR12MB5678@MW4PR12MB5678.namprd12.prod.outlook.com>"),
            "The CEO \u202Eexe.pdf",
            DeliveryLocation.INBOX);
    assertEquals(EmailMessage.of(ID, BOB).key(), message.key());
    assertEquals(DeliveryLocation.INBOX, message.deliveryLocation());
    assertEquals(
        "The CEO \u202Eexe.pdf", message.displaySender(), "the display sender is kept as given");
    assertFalse(message.toString().contains("\u202E"), message.toString());
    assertFalse(
        message.toString().contains("CEO"), "the display sender names a person: " + message);
  }

  @Test
  @DisplayName("bad message attributes are refused, naming the field")
  void messageRefusals() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> InternetMessageId.of("<a b@c>"));
    assertTrue(e.getMessage().startsWith("internetMessageId"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> InternetMessageId.of(""));
    InvalidInputException line =
        assertThrows(
            InvalidInputException.class,
            () -> new EmailMessage(ID, BOB, null, null, "forged\r\nline", null));
    assertTrue(line.getMessage().startsWith("displaySender"), line.getMessage());
  }

  @Test
  @DisplayName("Graph's delivery locations all have a counterpart")
  void deliveryLocations() {
    for (String graph :
        new String[] {
          "unknown",
          "inbox_folder",
          "junkFolder",
          "deletedFolder",
          "quarantine",
          "onprem_external",
          "failed",
          "dropped",
          "others"
        }) {
      assertEquals(graph, DeliveryLocation.fromGraph(graph).graphName());
    }
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> DeliveryLocation.fromGraph("moon"));
    assertTrue(e.getMessage().contains("'moon'"), e.getMessage());
  }

  @Test
  @DisplayName(
      "a cluster identified by its clusterByValue text: free text, kept exactly, keyed by a digest")
  void clusterByValue() {
    String value = "Sender: \"Payroll\" <pay@evil.example>; Subject = 'Invoice \u202E'";
    EmailCluster cluster = EmailCluster.byValue("SenderAddress", value);
    assertEquals(value, cluster.clusterByValue());
    assertEquals(cluster.key(), EmailCluster.byValue("SenderAddress", value).key());
    assertNotEquals(cluster.key(), EmailCluster.byValue("SenderAddress", value + "x").key());
    assertTrue(
        cluster.key().value().matches("email-cluster:text:[0-9a-f]{64}"), cluster.key().value());
    assertFalse(cluster.toString().contains("\u202E"), cluster.toString());
  }

  @Test
  @DisplayName("a cluster identified by its query; one with a cluster id keeps its old key")
  void clusterByQuery() {
    EmailCluster cluster =
        EmailCluster.byQuery("(Sender:pay@evil.example) AND (Subject:\"Invoice\")");
    assertTrue(cluster.key().value().startsWith("email-cluster:text:"));
    assertEquals("email-cluster:c-1", new EmailCluster(ClusterId.of("c-1")).key().value());
  }

  @Test
  @DisplayName("a cluster with nothing to identify it, or text holding a line break, is refused")
  void clusterRefusals() {
    InvalidInputException none =
        assertThrows(InvalidInputException.class, () -> new EmailCluster(null, null, null, null));
    assertTrue(none.getMessage().contains("id, query or clusterByValue"), none.getMessage());
    assertThrows(InvalidInputException.class, () -> EmailCluster.byQuery("a\nb"));
    assertThrows(InvalidInputException.class, () -> EmailCluster.byValue("SenderAddress", ""));
  }
}
