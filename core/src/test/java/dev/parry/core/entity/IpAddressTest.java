package dev.parry.core.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IP addresses as evidence: one IPv4 or IPv6 address, kept canonical, never looked up")
class IpAddressTest {

  @Test
  @DisplayName("an IPv4 address is four decimal octets 0-255, kept as given")
  void ipv4() {
    for (String good : List.of("203.0.113.45", "0.0.0.0", "255.255.255.255", "10.0.0.1")) {
      IpAddress ip = IpAddress.of(good);
      assertEquals(good, ip.value());
      assertFalse(ip.isV6());
    }
  }

  @Test
  @DisplayName("an IPv6 address is kept in lower case, compressed as RFC 5952 writes it")
  void ipv6() {
    assertEquals("2001:db8::1", IpAddress.of("2001:0DB8:0000:0000:0000:0000:0000:0001").value());
    assertEquals("2001:db8::1", IpAddress.of("2001:db8::1").value());
    assertEquals("::", IpAddress.of("0:0:0:0:0:0:0:0").value());
    assertEquals("::1", IpAddress.of("::1").value());
    assertEquals("fe80::", IpAddress.of("FE80::").value());
    assertEquals(
        "2001:db8:0:1:1:1:1:1",
        IpAddress.of("2001:db8::1:1:1:1:1").value(),
        "one zero group is not compressed");
    assertEquals(
        "2001:db8::1:0:0:1",
        IpAddress.of("2001:db8:0:0:1:0:0:1").value(),
        "the first of two equal runs");
    assertEquals("2001:0:0:1::1", IpAddress.of("2001:0:0:1:0:0:0:1").value(), "the longest run");
    assertEquals(
        "::ffff:192.0.2.1",
        IpAddress.of("::FFFF:192.0.2.1").value(),
        "IPv4-mapped keeps its dotted quad");
    assertEquals("::ffff:192.0.2.1", IpAddress.of("0:0:0:0:0:ffff:c000:0201").value());
    assertEquals("64:ff9b::c000:201", IpAddress.of("64:ff9b::192.0.2.1").value());
    assertTrue(IpAddress.of("::1").isV6());
  }

  @Test
  @DisplayName("anything else is refused, naming the value; nothing is looked up")
  void refused() {
    for (String bad :
        List.of(
            "",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3.-1",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1..3.4",
            "0x7f.0.0.1",
            "127.1",
            "2130706433",
            "localhost",
            "contoso.com",
            "1.2.3.4/24",
            "[2001:db8::1]",
            "2001:db8::1%eth0",
            "2001:db8:::1",
            "2001::db8::1",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "12345::1",
            "g::1",
            ":1::2",
            "1::2:",
            "::1.2.3.04",
            "1:2:3:4:5:6:7:1.2.3.4",
            "\u0661.2.3.4",
            "1.2.3.4\u202E",
            "1.2.3.4\r\n",
            "9".repeat(10_000))) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> IpAddress.of(bad), bad);
      assertTrue(e.getMessage().startsWith("ipAddress must be an IPv4 address"), e.getMessage());
      assertTrue(e.getMessage().contains("was: '"), e.getMessage());
      assertFalse(e.getMessage().contains("\r"), e.getMessage());
    }
    assertThrows(InvalidInputException.class, () -> IpAddress.of(null));
  }

  @Test
  @DisplayName(
      "its key is ip: and the canonical form, in the email family of web and mail indicators")
  void key() {
    assertEquals("ip:2001:db8::1", IpAddress.of("2001:DB8:0::1").key().value());
    assertEquals(IpAddress.of("2001:db8::1").key(), IpAddress.of("2001:0db8::0001").key());
    assertEquals("ip:203.0.113.45", IpAddress.of("203.0.113.45").key().value());
    assertEquals(EntityFamily.EMAIL, IpAddress.of("203.0.113.45").family());
    assertEquals("IpAddress{value=203.0.113.45}", IpAddress.of("203.0.113.45").toString());
  }
}
