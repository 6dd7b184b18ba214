package dev.parry.core.entity;

/** The operating system family a device runs, as device groups match it. */
public enum OsPlatform {
  /** Windows client editions. */
  WINDOWS,
  /** Windows Server. */
  WINDOWS_SERVER,
  /** macOS. */
  MACOS,
  /** Linux distributions. */
  LINUX,
  /** iOS and iPadOS. */
  IOS,
  /** Android. */
  ANDROID,
  /** Anything else, or not reported. */
  OTHER
}
