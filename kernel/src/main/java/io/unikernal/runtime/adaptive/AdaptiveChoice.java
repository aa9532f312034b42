package io.unikernal.runtime.adaptive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Decides the order in which an adaptive route step tries its targets. The first is drawn at random with odds
 * proportional to 1 / score², where score = (latency average + 1 ms) × (1 + 10 × error rate): a target twice as slow
 * gets a quarter of the other's traffic, ten times as slow a hundredth; one failing half its calls about a 36th.
 * Squared, because a plain inverse leaves a slow target a large share when every latency is inflated alike (a busy
 * machine, a far network) and the ratio between them is small. Every available target keeps at least
 * {@code explore} of the draws, so a slow target is still measured and its recovery noticed. The others follow by
 * score (the failover order); targets that are out come last, tried only when all else failed.
 */
public final class AdaptiveChoice {

    /** Latency differences below about a millisecond are noise on a network; the constant keeps them from ruling. */
    static final double LATENCY_FLOOR_NANOS = 1_000_000;
    static final double ERROR_WEIGHT = 10;

    private final List<TargetStats> targets;
    private final double explore;

    public AdaptiveChoice(List<TargetStats> targets, double explore) {
        if (targets.isEmpty() || explore < 0 || explore >= 1) {
            throw new IllegalArgumentException("targets must not be empty and explore must be in [0, 1)");
        }
        this.targets = List.copyOf(targets);
        this.explore = explore;
    }

    public List<TargetStats> targets() {
        return targets;
    }

    /** The indexes of the targets in the order to try them. */
    public int[] order(long now, RandomGenerator random) {
        int n = targets.size();
        List<Integer> available = new ArrayList<>(n);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            (targets.get(i).available(now) ? available : out).add(i);
        }
        double[] score = scores();
        int[] order = new int[n];
        int k = 0;
        if (!available.isEmpty()) {
            int first = draw(available, score, random);
            order[k++] = first;
            available.remove(Integer.valueOf(first));
            available.sort(Comparator.comparingDouble(i -> score[i]));
            for (int i : available) {
                order[k++] = i;
            }
        }
        out.sort(Comparator.comparingDouble(i -> score[i]));
        for (int i : out) {
            order[k++] = i;
        }
        return order;
    }

    /** The share of first choices each target gets now (for the metrics); out targets get 0. */
    public double[] shares(long now) {
        double[] score = scores();
        double[] share = new double[targets.size()];
        List<Integer> available = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).available(now)) {
                available.add(i);
            }
        }
        double[] odds = odds(available, score);
        for (int j = 0; j < available.size(); j++) {
            share[available.get(j)] = odds[j];
        }
        return share;
    }

    private int draw(List<Integer> available, double[] score, RandomGenerator random) {
        double[] odds = odds(available, score);
        double r = random.nextDouble();
        for (int j = 0; j < odds.length; j++) {
            r -= odds[j];
            if (r < 0) {
                return available.get(j);
            }
        }
        return available.get(available.size() - 1);
    }

    private double[] odds(List<Integer> available, double[] score) {
        int k = available.size();
        double[] odds = new double[k];
        if (k == 0) {
            return odds;
        }
        double floor = Math.min(explore, 1.0 / k);
        double total = 0;
        for (int j = 0; j < k; j++) {
            double sc = score[available.get(j)];
            odds[j] = 1 / (sc * sc);
            total += odds[j];
        }
        for (int j = 0; j < k; j++) {
            odds[j] = floor + (1 - k * floor) * odds[j] / total;
        }
        return odds;
    }

    private double[] scores() {
        int n = targets.size();
        double[] latency = new double[n];
        double known = Double.NaN;
        for (int i = 0; i < n; i++) {
            latency[i] = targets.get(i).latencyNanos();
            if (!Double.isNaN(latency[i]) && (Double.isNaN(known) || latency[i] < known)) {
                known = latency[i];
            }
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            // a target not measured yet is assumed as fast as the fastest one, so it gets its share of calls
            double l = Double.isNaN(latency[i]) ? (Double.isNaN(known) ? 0 : known) : latency[i];
            score[i] = (l + LATENCY_FLOOR_NANOS) * (1 + ERROR_WEIGHT * targets.get(i).errorRate());
        }
        return score;
    }
}
