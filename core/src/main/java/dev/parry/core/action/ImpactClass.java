package dev.parry.core.action;

/**
 * What an action does to the world, from least to most intrusive where that ordering makes sense.
 */
public enum ImpactClass {
  /** Reads or scans; changes nothing the user sees (antivirus scan, mark user compromised). */
  INFORMATIONAL,
  /** Copies data out for analysis (investigation package, file sample). */
  COLLECTION,
  /**
   * Puts something back as it was: the undo counterparts (release from isolation, restore file,
   * enable user).
   */
  RESTORATIVE,
  /**
   * Stops a threat from acting while keeping what is needed to reverse it (isolate, quarantine,
   * disable).
   */
  CONTAINMENT,
  /** Removes or ends something (kill process, hard delete, offboard, remove registry key). */
  DESTRUCTIVE
}
