package aicr.collector;

import aicr.snapshot.Measurement;
import java.time.Duration;

/** One source of snapshot readings, run concurrently with the others within its own time budget. */
interface Collector {
    /** The name used in log lines ({@code failed to collect os - skipping}). */
    String name();

    /** How long the collector may run before it is abandoned (spec §8). */
    Duration budget();

    /**
     * The measurement, or null when the collector is inactive. A thrown exception is logged and
     * the measurement left out: one failing collector never fails the snapshot.
     */
    Measurement collect() throws Exception;
}
