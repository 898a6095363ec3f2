package dev.gan4j.eval;

import java.util.Map;

/**
 * A metric's values for generated samples beside its real-versus-real reference.
 *
 * <pre>{@code System.out.println(r.metric() + " " + r.values() + " (real: " + r.reference() + ")");}</pre>
 *
 * @param metric the metric's name
 * @param values the generated samples' values, by name
 * @param reference the same values for {@code referenceDescription} in place of generated samples, or
 *     an empty map when not computed
 * @param referenceDescription what the reference measured, e.g. "test split (1000)"
 * @param count how many generated samples were measured
 * @param seconds time taken for the generated samples' values
 */
public record MetricResult(
    String metric,
    Map<String, Double> values,
    Map<String, Double> reference,
    String referenceDescription,
    int count,
    double seconds) {}
