package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Training on a thread of the caller's choosing: PyTorch keeps its autograd switch per thread, on by
 * default, and DJL turns it off only on the thread that loads the engine; with it on, writing into a
 * parameter in place (a weight average's copy, a checkpoint's load) is refused.
 */
class TrainingThreadsTest {
  private static float[] train(RunConfig c) {
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      t.train(List.of());
      return t.generate(new float[c.model().latentDim() * 4], 4);
    }
  }

  @Test
  void aFreshThreadTrainsAsTheMainThreadDoes() throws InterruptedException {
    // A weight average: its copy of G's weights is an in-place write into parameters.
    RunConfig c = AlgorithmOneTest.small(Map.of("loop.steps", "5", "stabilize.emaDecay", "0.9"));
    AtomicReference<Object> there = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        there.set(train(c));
      } catch (RuntimeException e) {
        there.set(e);
      }
    }, "fresh-training-thread");
    other.start();
    other.join();
    assertNull(there.get() instanceof RuntimeException e ? e : null, "training failed there");
    float[] here = train(c);
    assertArrayEquals(here, (float[]) there.get(), "same seed, same generator, on any thread");
  }
}
