package dev.parry.core.policy;

import static dev.parry.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parry.core.Fixtures;
import dev.parry.core.automation.AutomationLevel;
import dev.parry.core.entity.DomainName;
import dev.parry.core.entity.Entity;
import dev.parry.core.entity.InternetDomain;
import dev.parry.core.entity.IpAddress;
import dev.parry.core.entity.OAuthApplication;
import dev.parry.core.entity.Url;
import dev.parry.core.entity.WebUrl;
import dev.parry.core.verdict.Evidence;
import dev.parry.core.verdict.EvidenceRole;
import dev.parry.core.verdict.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "IP addresses, domains and OAuth apps plan nothing; URLs and domains match however they were reported"
        + " (core/DOMAIN.md D23b, D42)")
class WebAndAppEvidenceTest {

  private static final RemediationPolicy POLICY = RemediationPolicy.standard();
  private static final List<Entity> NOTHING_TO_PLAN =
      List.of(Fixtures.IP, Fixtures.DOMAIN, Fixtures.OAUTH_APP);

  @Test
  @DisplayName("the default plan table states it: a row with no steps for each threat verdict")
  void statedInTheTable() {
    for (Class<? extends Entity> type :
        List.of(IpAddress.class, InternetDomain.class, OAuthApplication.class)) {
      for (Verdict verdict : List.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS)) {
        assertEquals(
            List.of(),
            PlanTable.defaults().row(type, verdict).orElseThrow().steps(),
            type + " " + verdict);
      }
      assertTrue(PlanTable.defaults().compromiseRow(type).isEmpty(), type.getSimpleName());
    }
  }

  @Test
  @DisplayName(
      "a malicious or suspicious one plans nothing at any level, with a reason naming its type")
  void plansNothing() {
    for (Entity entity : NOTHING_TO_PLAN) {
      for (Verdict verdict : List.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS)) {
        for (AutomationLevel level :
            List.of(AutomationLevel.FULL, AutomationLevel.SEMI_ALL_FOLDERS)) {
          AutomationContext context =
              AutomationContext.of(AutomationLevel.FULL)
                  .withEmailAutomation(level)
                  .withIdentityAutomation(level);
          RemediationPlan plan = POLICY.plan(Evidence.of(entity, verdict, "", T0), context);
          assertTrue(plan.isEmpty(), entity + " " + verdict);
          assertEquals(
              "no remediation applies to this " + entity.getClass().getSimpleName(),
              plan.summary());
        }
      }
    }
  }

  @Test
  @DisplayName("a compromised OAuth app plans nothing either, and says so")
  void compromisedApp() {
    for (Verdict verdict : List.of(Verdict.UNKNOWN, Verdict.MALICIOUS)) {
      RemediationPlan plan =
          POLICY.plan(
              Evidence.of(Fixtures.OAUTH_APP, verdict, "", T0).withRoles(EvidenceRole.COMPROMISED),
              AutomationContext.of(AutomationLevel.FULL));
      assertTrue(plan.isEmpty());
      assertTrue(plan.summary().contains("OAuthApplication"), plan.summary());
    }
  }

  @Test
  @DisplayName(
      "a domain allow indicator covers the domain and its subdomains, as it covers URLs, and nothing else")
  void domainIndicator() {
    AllowIndicator fabrikam = new AllowIndicator.Domain(DomainName.of("fabrikam.example"));
    assertTrue(fabrikam.covers(InternetDomain.of("fabrikam.example")));
    assertTrue(fabrikam.covers(InternetDomain.of("Pay.Fabrikam.example")));
    assertFalse(fabrikam.covers(InternetDomain.of("notfabrikam.example")));
    assertFalse(fabrikam.covers(InternetDomain.of("example")));
    assertFalse(fabrikam.covers(IpAddress.of("203.0.113.45")));
    assertTrue(
        fabrikam.covers(Url.of(WebUrl.of("pay.fabrikam.example/x"))),
        "a URL without a scheme, by its host");
    assertTrue(fabrikam.covers(Url.of(WebUrl.of("uri=https://fabrikam.example/x"))));
    RemediationPlan plan =
        POLICY.plan(
            Evidence.of(InternetDomain.of("cdn.fabrikam.example"), Verdict.MALICIOUS, "", T0),
            AutomationContext.of(AutomationLevel.FULL).withAllowIndicators(Set.of(fabrikam)));
    assertTrue(plan.summary().startsWith("allowed by indicator"), plan.summary());
  }

  @Test
  @DisplayName(
      "a URL indicator matches the normalized URL: bare, after uri= or with http:// it is one URL")
  void urlIndicator() {
    AllowIndicator exact = new AllowIndicator.ExactUrl(WebUrl.of("http://fabrikam.example/pay"));
    assertTrue(exact.covers(Url.of(WebUrl.of("fabrikam.example/pay"))));
    assertTrue(exact.covers(Url.of(WebUrl.of("URI=fabrikam.example/pay"))));
    assertFalse(
        exact.covers(Url.of(WebUrl.of("https://fabrikam.example/pay"))),
        "another scheme is another URL");
    AllowIndicator bare = AllowIndicator.parse("url:fabrikam.example/pay");
    assertTrue(bare.covers(Url.of(WebUrl.of("http://fabrikam.example/pay"))));
    assertEquals("url:fabrikam.example/pay", bare.text(), "kept as given");
  }

  @Test
  @DisplayName("a false positive on an IP address or a domain allows that value")
  void falsePositive() {
    assertTrue(AllowIndicator.forValuesOf(Fixtures.IP).get(0).covers(IpAddress.of("203.0.113.45")));
    assertEquals("entity:ip:203.0.113.45", AllowIndicator.forValuesOf(Fixtures.IP).get(0).text());
    assertEquals(
        "entity:domain:fabrikam.example",
        AllowIndicator.forValuesOf(Fixtures.DOMAIN).get(0).text());
    assertFalse(
        AllowIndicator.forValuesOf(Fixtures.DOMAIN)
            .get(0)
            .covers(InternetDomain.of("pay.fabrikam.example")),
        "a false positive allows what was reported, not the subdomains");
  }
}
