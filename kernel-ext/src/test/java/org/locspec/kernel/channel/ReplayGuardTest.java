package org.locspec.kernel.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  @Test
  void aSignatureIsAcceptedOnceAndReplaysAreRefused() {
    ReplayGuard guard = new ReplayGuard(100);
    assertTrue(guard.firstTime("sig-a"));
    assertTrue(guard.firstTime("sig-b"));
    assertFalse(guard.firstTime("sig-a"));
    assertFalse(guard.firstTime("sig-b"));
  }

  @Test
  void theOldestTenthIsForgottenBeyondTheCapacity() {
    ReplayGuard guard = new ReplayGuard(10);
    for (int i = 0; i <= 10; i++) {
      assertTrue(guard.firstTime("s" + i));
    }
    assertTrue(guard.firstTime("s0"), "the oldest signature was forgotten");
    assertFalse(guard.firstTime("s10"), "recent signatures are still known");
  }

  @Test
  void aTinyCapacityIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ReplayGuard(3));
    assertTrue(e.getMessage().contains("capacity must be >= 10, got 3"), e.getMessage());
  }
}
