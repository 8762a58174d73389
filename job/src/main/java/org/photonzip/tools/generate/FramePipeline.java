package org.photonzip.tools.generate;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Renders frames 0, 1, 2, … ahead of a sequential consumer on a few threads, so that writing frame t overlaps
 * rendering the next ones. Frames are independent, so the order of rendering does not change any byte.
 * Holds {@code threads + 2} frame buffers. Not thread-safe: one consumer calls {@link #next}.
 */
final class FramePipeline<B> implements AutoCloseable {
    private final int frames;
    private final int window;
    private final ObjIntConsumer<B> render;
    private final ExecutorService pool;
    private final ArrayDeque<Future<B>> pending = new ArrayDeque<>();
    private final ArrayDeque<B> free = new ArrayDeque<>();
    private final Supplier<B> allocate;
    private B lent;
    private int submitted;
    private int delivered;

    /**
     * @param threads worker threads; 1 or fewer renders on the caller's thread
     * @param render  renders frame t into a buffer
     */
    FramePipeline(int frames, int threads, Supplier<B> allocate, ObjIntConsumer<B> render) {
        this.frames = frames;
        this.render = render;
        this.allocate = allocate;
        this.window = Math.max(1, threads) + 1;
        this.pool = threads <= 1
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "photonzip-generate");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The next frame; the buffer stays valid until the following call. */
    B next() {
        if (delivered >= frames) {
            throw new IllegalStateException("All " + frames + " frames delivered");
        }
        if (lent != null) {
            free.add(lent);
            lent = null;
        }
        int t = delivered++;
        if (pool == null) {
            B b = buffer();
            render.accept(b, t);
            lent = b;
            return b;
        }
        while (submitted < frames && submitted < t + window) {
            int s = submitted++;
            B b = buffer();
            pending.add(pool.submit(() -> {
                render.accept(b, s);
                return b;
            }));
        }
        try {
            lent = pending.remove().get();
            return lent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rendering frame " + t, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Cannot render frame " + t, e.getCause());
        }
    }

    private B buffer() {
        B b = free.poll();
        return b != null ? b : allocate.get();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
