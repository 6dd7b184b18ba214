package dev.parry.spi.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The canonical form hashes exactly the UTF-8 of its text, whatever the text holds")
class CanonicalFormTest {

  static byte[] sha256(String text) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName(
      "random text (ASCII, accents, CJK, emoji, unpaired surrogates) hashes as String.getBytes encodes it")
  void utf8AsTheJdkEncodesIt() throws NoSuchAlgorithmException {
    long seed = 20260301L;
    Random random = new Random(seed);
    char[] alphabet = {
      'a', 'Z', '0', ';', '{', '\u00e9', '\u00df', '\u4e2d', '\u20ac', '\ud83d', '\ude00', '\ud800',
      '\udfff', '\u0000', '\u007f', '\u0080', '\u07ff', '\u0800', '\uffff'
    };
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String value = text.toString();
      assertArrayEquals(
          sha256(ChainHash.GENESIS.value() + "|1|s" + value.length() + ":" + value),
          CanonicalForm.digest(ChainHash.GENESIS, 1, value),
          "seed "
              + seed
              + ", round "
              + round
              + ": "
              + value.chars().mapToObj(Integer::toHexString).toList());
    }
  }

  @Test
  @DisplayName("numbers, instants, durations, enums, lists and sets have one form each")
  void values() {
    assertEquals("Long:2:42", CanonicalForm.of(42L));
    assertEquals("Integer:2:-7", CanonicalForm.of(-7));
    assertEquals("Integer:1:0", CanonicalForm.of(0));
    assertEquals("Integer:10:2147483647", CanonicalForm.of(Integer.MAX_VALUE));
    assertEquals("Long:19:9223372036854775807", CanonicalForm.of(Long.MAX_VALUE));
    assertEquals("Long:20:-9223372036854775808", CanonicalForm.of(Long.MIN_VALUE));
    assertEquals("Boolean:4:true", CanonicalForm.of(true));
    assertEquals("Boolean:5:false", CanonicalForm.of(false));
    assertEquals("Instant:-1.999999999", CanonicalForm.of(Instant.EPOCH.minusNanos(1)));
    assertEquals("Duration:90.5", CanonicalForm.of(Duration.ofSeconds(90, 5)));
    assertEquals("list[s1:a,~,]", CanonicalForm.of(java.util.Arrays.asList("a", null)));
    assertEquals(
        CanonicalForm.of(Set.of("b", "a")),
        CanonicalForm.of(new java.util.TreeSet<>(List.of("a", "b"))));
    assertEquals("set[s1:a, s1:b]", CanonicalForm.of(Set.of("b", "a")));
    assertEquals(
        "Long:" + Long.toString(Long.MAX_VALUE).length() + ":" + Long.MAX_VALUE,
        CanonicalForm.of(Long.MAX_VALUE));
  }
}
