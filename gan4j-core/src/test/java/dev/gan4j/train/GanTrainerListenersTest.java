package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a listener's failure ends training: every listener still ends, and the first failure wins. */
class GanTrainerListenersTest {
  @Test
  void aFailingListenerStopsTrainingAndEveryListenerStillEnds() {
    RunConfig c = AlgorithmOneTest.small(Map.of("loop.steps", "10"));
    IllegalStateException first = new IllegalStateException("metrics.csv: disk full");
    IllegalStateException second = new IllegalStateException("checkpoint: disk full");
    List<String> calls = new ArrayList<>();
    GanTrainingListener failsAtStep3 = new GanTrainingListener() {
      @Override
      public void onStep(GanTrainer t, StepResult r) {
        if (r.step() == 3) {
          throw first;
        }
      }

      @Override
      public void onEnd(GanTrainer t) {
        calls.add("a.end@" + t.iteration());
      }
    };
    GanTrainingListener failsAtEnd = new GanTrainingListener() {
      @Override
      public void onEnd(GanTrainer t) {
        calls.add("b.end@" + t.iteration());
        throw second;
      }
    };
    GanTrainingListener quiet = new GanTrainingListener() {
      @Override
      public void onEnd(GanTrainer t) {
        calls.add("c.end@" + t.iteration());
      }
    };
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> t.train(List.of(failsAtStep3, failsAtEnd, quiet)));
      assertSame(first, e, "the first failure is the one reported");
      assertArrayEquals(new Throwable[] {second}, e.getSuppressed());
      assertEquals(List.of("a.end@3", "b.end@3", "c.end@3"), calls);
      assertEquals(3, t.iteration());
    }
  }

  @Test
  void aFailureInOnEndAloneIsThrownAfterTheOtherListenersEnd() {
    RunConfig c = AlgorithmOneTest.small(Map.of("loop.steps", "2"));
    IllegalStateException boom = new IllegalStateException("end");
    List<String> calls = new ArrayList<>();
    GanTrainingListener fails = new GanTrainingListener() {
      @Override
      public void onEnd(GanTrainer t) {
        throw boom;
      }
    };
    GanTrainingListener after = new GanTrainingListener() {
      @Override
      public void onEnd(GanTrainer t) {
        calls.add("ended");
      }
    };
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      assertSame(boom, assertThrows(IllegalStateException.class,
          () -> t.train(List.of(fails, after))));
      assertEquals(List.of("ended"), calls);
      assertEquals(2, t.iteration());
    }
  }
}
