package dev.gan4j.train;

/**
 * What one iteration of Algorithm 1 measured. Losses and D outputs come from the iteration's last
 * discriminator step and its generator step.
 *
 * @param step iterations completed (1 after the first)
 * @param epoch passes over the real data so far, fractional
 * @param lossD the discriminator's loss
 * @param lossG the generator's loss
 * @param dReal mean D(x) on the real batch (probability for logit losses)
 * @param dFake mean D(G(z)) on the generated batch
 * @param samplesPerSecond iterations per second times the batch size m, over the last interval
 * @param wallSeconds seconds of training since the run started, summed over resumed sessions
 * @param separated whether the last discriminator step ranked every real sample above every generated
 *     one (min D(x) > max D(G(z))): D wins outright, G's gradient signal is at risk
 * @param lossState the loss's own state after the iteration (BEGAN: k and M_global), by name
 */
public record StepResult(
    long step,
    double epoch,
    float lossD,
    float lossG,
    float dReal,
    float dFake,
    double samplesPerSecond,
    double wallSeconds,
    boolean separated,
    java.util.Map<String, Double> lossState) {}
