package dev.parry.testkit.tck;

import dev.parry.core.entity.DeviceProcess;
import dev.parry.spi.audit.AuditAnchor;
import dev.parry.spi.auth.Authorizer;
import dev.parry.spi.safety.ControlStore;
import dev.parry.spi.safety.InMemoryControlStore;
import dev.parry.spi.store.InMemoryInvestigationStore;
import dev.parry.spi.store.InvestigationStore;
import dev.parry.testkit.fake.FakeDevices;
import dev.parry.testkit.fake.FakeDirectory;
import dev.parry.testkit.fake.FakeMail;
import dev.parry.testkit.fake.Fault;
import dev.parry.testkit.fake.ForwardingStore;
import dev.parry.testkit.fake.InMemoryAuditAnchor;
import dev.parry.testkit.time.TestClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The test kit's own implementations pass every contract. */
@DisplayName(
    "The test kit's fakes, the in-memory and forwarding stores, the in-memory anchor and the default authorizer pass the contracts")
class FakesPassTheContractsTest {

  @Nested
  @DisplayName("FakeDevices")
  class Devices extends DeviceExecutorContract {
    private final FakeDevices fake = FakeDevices.create(TestClock.create());

    @Override
    protected Subject createSubject() {
      fleet().forEach(fake::enroll);
      return new Subject(fake.executor(), fake.probe());
    }

    @Override
    protected boolean runProcess(DeviceProcess process) {
      fake.run(process);
      return true;
    }
  }

  /**
   * Every call answered "in progress" for two polls first, so the rules about work still out are
   * met with work out.
   */
  @Nested
  @DisplayName("FakeDevices answering every call in progress first")
  class DevicesInProgress extends DeviceExecutorContract {
    private final FakeDevices fake = FakeDevices.create(TestClock.create());

    @Override
    protected Subject createSubject() {
      fleet().forEach(fake::enroll);
      fake.inject(Fault.inProgress(2), Integer.MAX_VALUE);
      return new Subject(fake.executor(), fake.probe());
    }
  }

  @Nested
  @DisplayName("FakeDevices not honouring exclusions")
  class DevicesWithoutExclusions extends DeviceExecutorContract {
    @Override
    protected Subject createSubject() {
      FakeDevices fake = FakeDevices.create(TestClock.create()).honourExclusions(false);
      fleet().forEach(fake::enroll);
      return new Subject(fake.executor(), fake.probe());
    }
  }

  @Nested
  @DisplayName("FakeMail")
  class Mail extends EmailExecutorContract {
    @Override
    protected Subject createSubject() {
      FakeMail fake = FakeMail.create(TestClock.create());
      return new Subject(fake.executor(), fake.probe());
    }
  }

  @Nested
  @DisplayName("FakeDirectory")
  class Directory extends IdentityExecutorContract {
    @Override
    protected Subject createSubject() {
      FakeDirectory fake = FakeDirectory.create(TestClock.create());
      return new Subject(fake.executor(), fake.probe());
    }
  }

  @Nested
  @DisplayName("InMemoryInvestigationStore")
  class Store extends InvestigationStoreContract {
    @Override
    protected InvestigationStore createStore() {
      return InMemoryInvestigationStore.create();
    }
  }

  @Nested
  @DisplayName("InMemoryInvestigationStore sized up front")
  class SizedStore extends InvestigationStoreContract {
    @Override
    protected InvestigationStore createStore() {
      return InMemoryInvestigationStore.create(4_096);
    }
  }

  @Nested
  @DisplayName("ForwardingStore over the in-memory store")
  class Forwarding extends InvestigationStoreContract {
    @Override
    protected InvestigationStore createStore() {
      return new ForwardingStore(InMemoryInvestigationStore.create());
    }
  }

  @Nested
  @DisplayName("InMemoryControlStore")
  class Controls extends ControlStoreContract {
    @Override
    protected ControlStore createStore() {
      return InMemoryControlStore.create();
    }
  }

  @Nested
  @DisplayName("The in-memory investigation store's control store, through a ForwardingStore")
  class StoreControls extends ControlStoreContract {
    @Override
    protected ControlStore createStore() {
      return new ForwardingStore(InMemoryInvestigationStore.create()).controls().orElseThrow();
    }
  }

  @Nested
  @DisplayName("InMemoryAuditAnchor")
  class Anchor extends AuditAnchorContract {
    @Override
    protected AuditAnchor createAnchor() {
      return InMemoryAuditAnchor.create();
    }
  }

  @Nested
  @DisplayName("Authorizer.defaults()")
  class DefaultAuthorizer extends AuthorizerContract {
    @Override
    protected Authorizer createAuthorizer() {
      return Authorizer.defaults();
    }
  }
}
