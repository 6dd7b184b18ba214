package dev.parry.core.entity;

/** An entity in a directory: a user account, or an OAuth application. */
public sealed interface IdentityEntity extends Entity permits UserAccount, OAuthApplication {

  @Override
  default EntityFamily family() {
    return EntityFamily.IDENTITY;
  }
}
