package dev.parry.core.entity;

/** An entity in a directory: a user account. */
public sealed interface IdentityEntity extends Entity permits UserAccount {

  @Override
  default EntityFamily family() {
    return EntityFamily.IDENTITY;
  }
}
