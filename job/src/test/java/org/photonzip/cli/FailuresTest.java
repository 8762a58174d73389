package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void keepsTheTaskExceptionsOwnMessage() {
        String spark = "Job aborted due to stage failure: Task 1 in stage 3.0 failed 1 times, most recent failure: "
                + "Lost task 1.0 in stage 3.0 (TID 6) (127.0.0.1 executor driver): "
                + "org.photonzip.source.UnsupportedStackException: Unsupported value -1 at frame 5 row 1 column 2 of x.h5\n"
                + "\tat org.photonzip.source.SampleDecoder.negative(SampleDecoder.java:58)\n";
        assertEquals("Unsupported value -1 at frame 5 row 1 column 2 of x.h5", Failures.fromSpark(spark));
        assertEquals("plain message", Failures.fromSpark("plain message"));
    }

    @Test
    void sizes() {
        assertEquals(256L << 20, Sizes.parse("--task-memory", "256m"));
        assertEquals(2L << 30, Sizes.parse("--task-memory", "2G"));
        assertEquals(1000, Sizes.parse("--task-memory", "1000"));
        assertEquals(4096, Sizes.parse("--task-memory", "4kb"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("--task-memory", "-1m"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("--task-memory", "lots"));
    }
}
