package dev.parry.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.InMemoryControlStore;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import dev.parry.testkit.fake.InMemoryAuditAnchor;
import dev.parry.testkit.time.TestClock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A vendor's contract results are filed under the vendor's own test class: Surefire names a test
 * case and its report file after the class of the test's {@link MethodSource} and of the class
 * container around it, so no test may sit in a container of another class (a nested class of the
 * contract would be reported as {@code ExecutorContract$Execution}, and the vendor's class as
 * {@code Tests run: 0}).
 */
@DisplayName("Contract results are reported under the vendor's own test class")
class ContractReportingTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      classes = {
        VendorDevices.class,
        VendorMail.class,
        VendorDirectory.class,
        VendorStore.class,
        VendorControls.class,
        VendorAnchor.class,
        VendorAuthorizer.class
      })
  @DisplayName(
      "every test of a contract is a method of the vendor's class, in no other class container")
  void everyTestIsFiledUnderTheVendorsClass(Class<?> vendor) {
    Events events =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(vendor)).execute().allEvents();
    Set<String> classes = new TreeSet<>();
    List<Event> tests = events.filter(event -> event.getTestDescriptor().isTest()).toList();
    assertFalse(tests.isEmpty(), "no test ran");
    for (Event event : tests) {
      TestDescriptor test = event.getTestDescriptor();
      TestSource source = test.getSource().orElseThrow();
      classes.add(
          source instanceof MethodSource method ? method.getClassName() : String.valueOf(source));
      TestDescriptor parent = test.getParent().orElseThrow();
      parent
          .getSource()
          .filter(ClassSource.class::isInstance)
          .map(ClassSource.class::cast)
          .ifPresent(container -> classes.add(container.getClassName()));
    }
    assertEquals(Set.of(vendor.getName()), classes);
  }

  static class VendorDevices extends DeviceExecutorContract {
    @Override
    protected Subject createSubject() {
      FakeDevices fake = FakeDevices.create(TestClock.create());
      fleet().forEach(fake::enroll);
      return new Subject(fake.executor(), fake.probe());
    }
  }

  static class VendorMail extends EmailExecutorContract {
    @Override
    protected Subject createSubject() {
      FakeMail fake = FakeMail.create(TestClock.create());
      return new Subject(fake.executor(), fake.probe());
    }
  }

  static class VendorDirectory extends IdentityExecutorContract {
    @Override
    protected Subject createSubject() {
      FakeDirectory fake = FakeDirectory.create(TestClock.create());
      return new Subject(fake.executor(), fake.probe());
    }
  }

  static class VendorStore extends InvestigationStoreContract {
    @Override
    protected InvestigationStore createStore() {
      return InMemoryInvestigationStore.create();
    }
  }

  static class VendorControls extends ControlStoreContract {
    @Override
    protected ControlStore createStore() {
      return InMemoryControlStore.create();
    }
  }

  static class VendorAnchor extends AuditAnchorContract {
    @Override
    protected AuditAnchor createAnchor() {
      return InMemoryAuditAnchor.create();
    }
  }

  static class VendorAuthorizer extends AuthorizerContract {
    @Override
    protected Authorizer createAuthorizer() {
      return Authorizer.defaults();
    }
  }
}
