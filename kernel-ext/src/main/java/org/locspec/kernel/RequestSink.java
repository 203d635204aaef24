package org.locspec.kernel;

import org.dflib.jjava.jupyter.channels.DefaultReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.locspec.kernel.output.OutputSink;
import org.locspec.kernel.output.StreamName;

/**
 * Sends a cell's output as IOPub stream messages whose parent is the cell's execute request. It
 * writes to the socket directly (not through the environment's publish, which flushes output
 * first), so it can be called by the output flusher at any time.
 *
 * @param env the execute request's environment
 * @param label the cell's label, e.g. "cell [3]" (for reports of its background threads)
 */
record RequestSink(DefaultReplyEnvironment env, String label) implements OutputSink {
  @Override
  public void write(StreamName stream, String text) {
    PublishStream.StreamType type =
        stream == StreamName.STDOUT ? PublishStream.StreamType.OUT : PublishStream.StreamType.ERR;
    env.getIopub()
        .sendMessage(
            new Message<>(
                env.getContext(), PublishStream.MESSAGE_TYPE, new PublishStream(type, text)));
  }
}
