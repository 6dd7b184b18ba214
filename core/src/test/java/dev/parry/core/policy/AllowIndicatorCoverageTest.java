package dev.parry.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.entity.DeviceFile;
import dev.parry.core.entity.DeviceId;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.ObjectId;
import dev.parry.core.entity.Sha1;
import dev.parry.core.entity.Sha256;
import dev.parry.core.entity.UserAccount;
import dev.parry.core.entity.UserPrincipalName;
import dev.parry.core.entity.WindowsPath;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * README "Allow indicators are values": what a false positive records covers the same thing under
 * any of its names, and nothing that is another thing sharing one weak name.
 */
@DisplayName(
    "A false positive's indicators cover the same thing under any name, and no other thing")
class AllowIndicatorCoverageTest {

  static final Sha256 SHA256 =
      Sha256.of("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
  static final Sha256 OTHER_SHA256 =
      Sha256.of("fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9");
  static final Sha1 SHA1 = Sha1.of("0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33");
  static final DeviceId DEVICE = DeviceId.of("d-1");
  static final WindowsPath PATH = WindowsPath.of("C:\\Temp\\tool.exe");

  static boolean covered(List<AllowIndicator> indicators, Entity entity) {
    return indicators.stream().anyMatch(indicator -> indicator.covers(entity));
  }

  @Test
  @DisplayName(
      "a file known by both hashes: covered by either, but not a file sharing only the SHA-1 (collisions"
          + " can be made)")
  void fileByBothHashes() {
    List<AllowIndicator> allowed =
        AllowIndicator.forValuesOf(new DeviceFile(SHA256, SHA1, DEVICE, PATH));
    assertTrue(covered(allowed, new DeviceFile(null, SHA1, DEVICE, PATH)));
    assertTrue(covered(allowed, new DeviceFile(SHA256, null, DeviceId.of("d-2"), null)));
    assertFalse(
        covered(allowed, new DeviceFile(OTHER_SHA256, SHA1, DEVICE, PATH)),
        "another file with that SHA-1");
    AllowIndicator indicator = allowed.get(0);
    assertEquals(indicator, AllowIndicator.parse(indicator.text()), "stored as text, read back");
  }

  @Test
  @DisplayName(
      "a user known by object id and UPN: covered when reported by either, but not another object id"
          + " under that UPN (a UPN can be reassigned)")
  void userByEveryIdentifier() {
    UserPrincipalName upn = UserPrincipalName.of("alice@contoso.com");
    List<AllowIndicator> allowed =
        AllowIndicator.forValuesOf(
            UserAccount.of(ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7")).withUpn(upn));
    assertTrue(covered(allowed, UserAccount.of(upn)));
    assertTrue(
        covered(allowed, UserAccount.of(ObjectId.of("7c9e6679-7425-40de-944b-e07fc1f90ae7"))));
    assertFalse(
        covered(
            allowed,
            UserAccount.of(ObjectId.of("8c9e6679-7425-40de-944b-e07fc1f90ae7")).withUpn(upn)),
        "another directory object now holding the UPN");
  }
}
