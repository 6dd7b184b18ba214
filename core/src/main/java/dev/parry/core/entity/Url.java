package dev.parry.core.entity;

import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A URL seen in mail, clicked, or reported by an endpoint alert, the target of "block URL"
 * (time-of-click protection). Its key holds the URL's normalized form ({@link
 * WebUrl#normalized()}): a URL reported without a scheme or after {@code uri=} is the URL it names.
 *
 * @param url the URL as reported; its key holds the normalized form
 * @param foundIn the message copy that carried it, or null for a URL seen on its own (a click)
 */
public record Url(WebUrl url, @Nullable EmailMessage foundIn) implements EmailEntity {

  /**
   * Validates the URL entity.
   *
   * @param url the URL as reported; its key holds the normalized form
   * @param foundIn the message copy that carried it, or null for a URL seen on its own (a click)
   * @throws InvalidInputException if {@code url} is null
   */
  public Url {
    Checks.notNull(url, "url");
  }

  /**
   * {@return a URL seen on its own}
   *
   * <pre>{@code Url clicked = Url.of(WebUrl.of("https://login.example.net/reset"));}</pre>
   *
   * @param url the URL
   */
  public static Url of(WebUrl url) {
    return new Url(url, null);
  }

  @Override
  public EntityKey key() {
    return EntityKey.derived(
        "url:" + url.normalized() + (foundIn == null ? "" : "@" + foundIn.key().value()));
  }
}
