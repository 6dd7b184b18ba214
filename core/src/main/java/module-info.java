/**
 * Parry's pure domain: entities, verdicts and action kinds, automation levels and the policy, the
 * investigation state machine and its completion rule. No I/O, no threads, no clock of its own.
 *
 * <p>Every exported package is API. {@code dev.parry.core.internal} is shared with the runtime
 * only.
 */
@SuppressWarnings("module") // the runtime's module is built after this one
module dev.parry.core {
  requires transitive org.jspecify;

  exports dev.parry.core.action;
  exports dev.parry.core.actor;
  exports dev.parry.core.automation;
  exports dev.parry.core.entity;
  exports dev.parry.core.error;
  exports dev.parry.core.investigation;
  exports dev.parry.core.policy;
  exports dev.parry.core.verdict;
  exports dev.parry.core.internal to
      dev.parry.spi;
}
