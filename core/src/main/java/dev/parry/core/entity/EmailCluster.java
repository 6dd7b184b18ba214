package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A cluster of similar messages across mailboxes, acted on as one.
 *
 * <p>Defender names a cluster by what groups it ({@code clusterBy}, such as {@code SenderAddress},
 * and {@code clusterByValue}, the shared value) and by the query that finds its messages, free text
 * rather than an identifier; earlier releases took a cluster id token. A cluster needs an id, a
 * query or a {@code clusterByValue}. Its key is {@code email-cluster:ID} when it has an id (the key
 * earlier releases gave it), else {@code email-cluster:text:} and the SHA-256 of {@code clusterBy},
 * {@code clusterByValue} and the query: text never enters a key as such. {@link #toString()} shows
 * the text quoted and escaped.
 *
 * @param id the cluster's id, or null; a cluster needs an id, a query or a shared value
 * @param query the query that finds the cluster's messages, or null: free text, 1-4,096 characters,
 *     no control characters
 * @param clusterBy what the messages share ({@code SenderAddress}, {@code Url}...), or null: free
 *     text as above
 * @param clusterByValue the shared value, or null: free text as above
 */
public record EmailCluster(
    @Nullable ClusterId id,
    @Nullable String query,
    @Nullable String clusterBy,
    @Nullable String clusterByValue)
    implements EmailContent {

  /** The longest query or cluster text accepted: {@value}. */
  public static final int MAX_TEXT_LENGTH = 4096;

  /**
   * Validates the cluster.
   *
   * @param id the cluster's id, or null; a cluster needs an id, a query or a shared value
   * @param query the query that finds the cluster's messages, or null: free text, 1-4,096
   *     characters, no control characters
   * @param clusterBy what the messages share ({@code SenderAddress}, {@code Url}...), or null: free
   *     text as above
   * @param clusterByValue the shared value, or null: free text as above
   * @throws InvalidInputException if it has no id, query or {@code clusterByValue}, or a text is
   *     empty, too long or holds a control character
   */
  public EmailCluster {
    if (query != null) {
      Text.require("query", query, 1, MAX_TEXT_LENGTH);
    }
    if (clusterBy != null) {
      Text.require("clusterBy", clusterBy, 1, MAX_TEXT_LENGTH);
    }
    if (clusterByValue != null) {
      Text.require("clusterByValue", clusterByValue, 1, MAX_TEXT_LENGTH);
    }
    if (id == null && query == null && clusterByValue == null) {
      throw new InvalidInputException(
          "emailCluster", null, "an email cluster needs an id, query or clusterByValue");
    }
  }

  /**
   * Builds a cluster known by its id, as earlier releases did.
   *
   * @param id the cluster id
   * @throws InvalidInputException if {@code id} is null
   */
  public EmailCluster(ClusterId id) {
    this(dev.parry.core.internal.Checks.notNull(id, "id"), null, null, null);
  }

  /**
   * {@return the cluster of messages that share {@code value} for {@code clusterBy}}
   *
   * <pre>{@code EmailCluster cluster = EmailCluster.byValue("SenderAddress", "pay@evil.example");}
   * </pre>
   *
   * @param clusterBy what the messages share
   * @param value the shared value
   * @throws InvalidInputException if a text is empty, too long or holds a control character
   */
  public static EmailCluster byValue(String clusterBy, String value) {
    return new EmailCluster(null, null, clusterBy, value);
  }

  /**
   * {@return the cluster of messages {@code query} finds}
   *
   * @param query the query
   * @throws InvalidInputException if the query is empty, too long or holds a control character
   */
  public static EmailCluster byQuery(String query) {
    return new EmailCluster(null, query, null, null);
  }

  @Override
  public EntityKey key() {
    if (id != null) {
      return EntityKey.derived("email-cluster:" + id.value());
    }
    String text =
        (clusterBy == null ? "" : clusterBy)
            + '\u0000'
            + (clusterByValue == null ? "" : clusterByValue)
            + '\u0000'
            + (query == null ? "" : query);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return EntityKey.derived("email-cluster:text:" + HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * {@return the cluster for a log line: its text quoted, spoofing characters escaped, cut at 80
   * characters}
   */
  @Override
  public String toString() {
    return "EmailCluster{"
        + (id == null ? "" : "id=" + id + ", ")
        + (clusterBy == null ? "" : "clusterBy=" + Text.show(clusterBy) + ", ")
        + (clusterByValue == null ? "" : "clusterByValue=" + Text.show(clusterByValue) + ", ")
        + (query == null ? "" : "query=" + Text.show(query))
        + "}";
  }
}
