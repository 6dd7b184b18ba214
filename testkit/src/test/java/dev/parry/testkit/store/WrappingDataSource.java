package dev.parry.testkit.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out another's connections as {@link #wrap} makes them: the tests'
 * fault-injecting and counting data sources differ only there.
 */
abstract class WrappingDataSource implements DataSource {

  private final DataSource delegate;

  WrappingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** {@return what the store gets for {@code real}} */
  abstract Connection wrap(Connection real);

  @Override
  public final Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public final Connection getConnection(String username, String password) throws SQLException {
    return wrap(delegate.getConnection(username, password));
  }

  /** A call on a proxied object, given the method and its arguments. */
  interface Call {
    Object invoke(Method method, Object[] args) throws Exception;
  }

  /**
   * {@return a proxy of {@code type} over {@code real} that answers each call with {@code call}}:
   * what the real object throws reaches the caller as itself.
   */
  static <T> T proxy(Class<T> type, Object real, Call call) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          try {
            return call.invoke(method, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(
        Proxy.newProxyInstance(
            WrappingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
