package dev.parry.core.policy;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.EmailAttachment;
import dev.parry.core.entity.EmailMessage;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.EntityKey;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.SmtpAddress;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.internal.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An allow indicator: evidence about an entity it matches plans no action. Analysts add one after a
 * false positive.
 *
 * <pre>{@code
 * AllowIndicator tool = new AllowIndicator.FileHash(Sha256.of(hex));
 * AllowIndicator partner = new AllowIndicator.Domain(DomainName.of("partner.example"));
 * }</pre>
 */
public sealed interface AllowIndicator {

  /**
   * {@return whether this indicator covers {@code entity}}
   *
   * @param entity the entity evidence was reported about
   */
  boolean covers(Entity entity);

  /**
   * {@return the indicator as text, the form {@link #parse} reads}: {@code sha256:<hex>}, {@code
   * sha1:<hex>}, {@code sha256+sha1:<hex>:<hex>}, {@code url:<url>}, {@code domain:<name>}, {@code
   * sender:<address>} or {@code entity:<key>}. This is how stores keep indicators.
   */
  String text();

  /**
   * {@return the indicators for the values {@code entity} carries, not for the one copy}: a file by
   * its hashes ({@link FileHashes} when it carries both, so the next report of it by either is
   * covered, but not another file that shares only its SHA-1), an attachment by its SHA-256 (every
   * copy, on every device and in every message), a URL as written (matched in its normalized form),
   * a user by each of its identifiers, anything else by its key (an IP address or a domain: that
   * value, not its subdomains). What a false-positive report adds.
   *
   * @param entity the entity reported
   */
  static List<AllowIndicator> forValuesOf(Entity entity) {
    Checks.notNull(entity, "entity");
    if (entity instanceof DeviceFile file) {
      Sha256 sha256 = file.sha256();
      Sha1 sha1 = file.sha1();
      if (sha256 != null && sha1 != null) {
        return List.of(new FileHashes(sha256, sha1));
      }
      return List.of(
          sha256 != null ? new FileHash(sha256) : new FileSha1(Objects.requireNonNull(sha1)));
    }
    if (entity instanceof EmailAttachment attachment) {
      return List.of(new FileHash(attachment.sha256()));
    }
    if (entity instanceof Url url) {
      return List.of(new ExactUrl(url.url()));
    }
    List<AllowIndicator> keys = new ArrayList<>();
    for (EntityKey key : entity.keys()) {
      keys.add(new ExactEntity(key));
    }
    keys.sort(Comparator.comparing(AllowIndicator::text));
    return List.copyOf(keys);
  }

  /**
   * {@return the indicator {@code text} names}: the inverse of {@link #text()}.
   *
   * <pre>{@code
   * AllowIndicator partner = AllowIndicator.parse("domain:partner.example");
   * }</pre>
   *
   * @param text an indicator's text form
   * @throws InvalidInputException if {@code text} is null
   * @throws InvalidInputException if the text has no known prefix or its value is invalid
   */
  static AllowIndicator parse(String text) {
    Checks.notNull(text, "allowIndicator");
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String value = text.substring(colon + 1);
    return switch (kind) {
      case "sha256" -> new FileHash(Sha256.of(value));
      case "sha1" -> new FileSha1(Sha1.of(value));
      case "sha256+sha1" -> {
        int second = value.indexOf(':');
        if (second < 0) {
          throw new InvalidInputException(
              "allowIndicator",
              text,
              "allowIndicator sha256+sha1: needs both hashes, was: " + Text.show(text));
        }
        yield new FileHashes(
            Sha256.of(value.substring(0, second)), Sha1.of(value.substring(second + 1)));
      }
      case "sender" -> new Sender(SmtpAddress.of(value));
      case "url" -> new ExactUrl(WebUrl.of(value));
      case "domain" -> new Domain(DomainName.of(value));
      case "entity" -> new ExactEntity(EntityKey.of(value));
      default ->
          throw new InvalidInputException(
              "allowIndicator",
              text,
              "allowIndicator must start with sha256:, sha1:, sha256+sha1:, url:,"
                  + " domain:,"
                  + " sender: or entity:,"
                  + " was: "
                  + Text.show(text));
    };
  }

  /**
   * Allows a file hash: files and attachments with this SHA-256. A file reported with its SHA-1
   * alone is not covered: nothing says it is this file.
   *
   * @param sha256 the SHA-256 a covered file or attachment has
   */
  record FileHash(Sha256 sha256) implements AllowIndicator {
    /**
     * Validates the indicator.
     *
     * @param sha256 the SHA-256 a covered file or attachment has
     * @throws InvalidInputException if {@code sha256} is null
     */
    public FileHash {
      Checks.notNull(sha256, "sha256");
    }

    @Override
    public boolean covers(Entity entity) {
      return (entity instanceof DeviceFile file && sha256.equals(file.sha256()))
          || (entity instanceof EmailAttachment attachment && attachment.sha256().equals(sha256));
    }

    @Override
    public String text() {
      return "sha256:" + sha256;
    }
  }

  /**
   * Allows one file known by both its hashes: a file or attachment with this SHA-256 (and, if it
   * carries one, this SHA-1), or a file reported by this SHA-1 alone. Unlike {@link FileSha1}, it
   * does not cover a file that shares the SHA-1 but has another SHA-256: SHA-1 collisions can be
   * made, so those are two files ({@link DeviceFile#sameAs}). What a false positive on such a file
   * records.
   *
   * @param sha256 the SHA-256 a covered file or attachment has
   * @param sha1 the SHA-1 a covered file has when it carries one, and the one hash that covers a
   *     file reported without a SHA-256
   */
  record FileHashes(Sha256 sha256, Sha1 sha1) implements AllowIndicator {
    /**
     * Validates the indicator.
     *
     * @param sha256 the SHA-256 a covered file or attachment has
     * @param sha1 the SHA-1 a covered file has when it carries one, and the one hash that covers a
     *     file reported without a SHA-256
     * @throws InvalidInputException if a hash is null
     */
    public FileHashes {
      Checks.notNull(sha256, "sha256");
      Checks.notNull(sha1, "sha1");
    }

    @Override
    public boolean covers(Entity entity) {
      if (entity instanceof EmailAttachment attachment) {
        return attachment.sha256().equals(sha256);
      }
      if (!(entity instanceof DeviceFile file)) {
        return false;
      }
      Sha256 its256 = file.sha256();
      Sha1 its1 = file.sha1();
      return its256 != null
          ? sha256.equals(its256) && (its1 == null || sha1.equals(its1))
          : sha1.equals(its1);
    }

    @Override
    public String text() {
      return "sha256+sha1:" + sha256 + ":" + sha1.hex();
    }
  }

  /**
   * Allows one URL: every URL whose normalized form ({@link WebUrl#normalized()}) is this one's, so
   * that {@code fabrikam.example/pay}, {@code uri=http://fabrikam.example/pay} and {@code
   * http://fabrikam.example/pay} are one URL. The text keeps the URL as given.
   *
   * @param url the URL as given; URLs are compared in their normalized form
   */
  record ExactUrl(WebUrl url) implements AllowIndicator {
    /**
     * Validates the indicator.
     *
     * @param url the URL as given; URLs are compared in their normalized form
     * @throws InvalidInputException if {@code url} is null
     */
    public ExactUrl {
      Checks.notNull(url, "url");
    }

    @Override
    public boolean covers(Entity entity) {
      return entity instanceof Url seen && seen.url().normalized().equals(url.normalized());
    }

    @Override
    public String text() {
      return "url:" + url;
    }
  }

  /**
   * Allows a domain and its subdomains: every URL whose host is one of them, and every domain
   * reported as evidence ({@link InternetDomain}) that is one of them.
   *
   * @param domain the domain; its subdomains are covered too
   */
  record Domain(DomainName domain) implements AllowIndicator {
    /**
     * Validates the indicator.
     *
     * @param domain the domain; its subdomains are covered too
     * @throws InvalidInputException if {@code domain} is null
     */
    public Domain {
      Checks.notNull(domain, "domain");
    }

    @Override
    public boolean covers(Entity entity) {
      if (entity instanceof InternetDomain seen) {
        return seen.domain().isWithin(domain);
      }
      if (!(entity instanceof Url url)) {
        return false;
      }
      String host = url.url().host();
      return host.equals(domain.value()) || host.endsWith("." + domain.value());
    }

    @Override
    public String text() {
      return "domain:" + domain.value();
    }
  }

  /**
   * Allows a file by its SHA-1: files whose SHA-1 is known and equal.
   *
   * @param sha1 the SHA-1 a covered file has
   */
  record FileSha1(Sha1 sha1) implements AllowIndicator {
    /**
     * Validates the indicator.
     *
     * @param sha1 the SHA-1 a covered file has
     * @throws InvalidInputException if {@code sha1} is null
     */
    public FileSha1 {
      Checks.notNull(sha1, "sha1");
    }

    @Override
    public boolean covers(Entity entity) {
      return entity instanceof DeviceFile file && sha1.equals(file.sha1());
    }

    @Override
    public String text() {
      return "sha1:" + sha1.hex();
    }
  }

  /**
   * Allows mail from one sender: the messages themselves, not the attachments and URLs they carry
   * (a sender address can be spoofed; a malicious file or URL is remediated whoever sent it).
   *
   * @param sender the sender's address, compared with a message's {@link EmailMessage#sender()}
   */
  record Sender(SmtpAddress sender) implements AllowIndicator {
    /**
     * Validates the indicator.
     *
     * @param sender the sender's address, compared with a message's {@link EmailMessage#sender()}
     * @throws InvalidInputException if {@code sender} is null
     */
    public Sender {
      Checks.notNull(sender, "sender");
    }

    @Override
    public boolean covers(Entity entity) {
      // the message only: a sender address can be spoofed, and a file or a URL it carries is judged
      // on its own
      return entity instanceof EmailMessage message && sender.equals(message.sender());
    }

    @Override
    public String text() {
      return "sender:" + sender.value();
    }
  }

  /**
   * Allows one entity, by its key: what a false-positive report records for anything that is not a
   * file or a URL.
   *
   * @param key the entity's key: its strongest name, so a user principal name reassigned to another
   *     user does not match
   */
  record ExactEntity(EntityKey key) implements AllowIndicator {
    /**
     * Validates the indicator.
     *
     * @param key the entity's key: its strongest name, so a user principal name reassigned to
     *     another user does not match
     * @throws InvalidInputException if {@code key} is null
     */
    public ExactEntity {
      Checks.notNull(key, "key");
    }

    @Override
    public boolean covers(Entity entity) {
      return entity
          .key()
          .equals(key); // by its strongest name: a UPN reassigned to another user is not it
    }

    @Override
    public String text() {
      return "entity:" + key.value();
    }
  }
}
