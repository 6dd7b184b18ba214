package dev.parry.core.action;

/** How far device isolation goes. */
public enum IsolationType {
  /** Every network connection is cut except the security service's own. */
  FULL,
  /** Like full, but Outlook, Teams and Skype keep working so the user can be reached. */
  SELECTIVE
}
