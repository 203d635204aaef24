package org.locspec.kernel.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The kernel's SLF4J provider. The kernel selects it with the system property {@code
 * slf4j.provider} (set by {@code KernelMain} before anything logs), so it wins over any other
 * binding on the class path; other JVMs (tests, tools) keep their own.
 */
public final class KernelLogProvider implements SLF4JServiceProvider {
  /** The value for the system property {@code slf4j.provider}. */
  public static final String NAME = KernelLogProvider.class.getName();

  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, KernelLogger::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Creates the provider (SLF4J calls it). */
  public KernelLogProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: settings are read from KernelLogging on every record
  }
}
