package org.photonzip.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The restore's worker threads. The first failure of any task stops the submission of more, every running task is
 * awaited, and that failure is thrown: a restore never goes on past a failed tile or chunk.
 */
final class Workers implements AutoCloseable {
    interface Task {
        void run() throws Exception;
    }

    interface Job<T> {
        T call() throws Exception;
    }

    interface Consumer<T> {
        void accept(T t) throws IOException;
    }

    private final int threads;
    private final ExecutorService pool;

    Workers(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "photonzip-restore");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code tasks}, at most one per thread at a time (each may hold a decoded tile). */
    void all(List<Task> tasks) throws IOException {
        Semaphore free = new Semaphore(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (Task task : tasks) {
            free.acquireUninterruptibly();
            if (failure.get() != null) {
                free.release();
                break;
            }
            pool.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    free.release();
                }
            });
        }
        free.acquireUninterruptibly(threads); // every running task has ended
        free.release(threads);
        rethrow(failure.get());
    }

    /**
     * Runs {@code jobs} in parallel, two per thread ahead at most, and hands their results in order to
     * {@code consumer} on this thread.
     */
    <T> void inOrder(List<Job<T>> jobs, Consumer<T> consumer) throws IOException {
        ArrayDeque<Future<T>> ahead = new ArrayDeque<>();
        try {
            for (Job<T> job : jobs) {
                if (ahead.size() >= 2 * threads) {
                    consumer.accept(result(ahead.poll()));
                }
                ahead.add(pool.submit(job::call));
            }
            while (!ahead.isEmpty()) {
                consumer.accept(result(ahead.poll()));
            }
        } finally {
            for (Future<T> f : ahead) {
                f.cancel(false);
            }
            for (Future<T> f : ahead) {
                try {
                    f.get();
                } catch (Exception ignored) {
                    // cancelled, or failed after the failure being reported
                }
            }
        }
    }

    private static <T> T result(Future<T> f) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    rethrow(e.getCause());
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("Cannot restore: " + t, t);
    }

    @Override
    public void close() {
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.HOURS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true; // running tasks write into the band: wait for them all the same
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
