/** Progress reports from long-running analyses: a listener interface and a terminal bar. */
package org.locspec.progress;
