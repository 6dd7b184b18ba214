package dev.parry.core.automation;

/** Where a file sits, as the semi-automatic levels see it. */
public enum FolderClass {
  /** An operating system or program folder ("core", "system"). */
  CORE,
  /** A temporary or download folder. */
  TEMP,
  /** Anywhere else. */
  OTHER
}
