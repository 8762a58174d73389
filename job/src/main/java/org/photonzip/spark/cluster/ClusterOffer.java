package org.photonzip.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a standalone master's workers offer, from its web UI's {@code /json} page, held against a request. */
public record ClusterOffer(List<Worker> workers) {
    /** One alive worker: its total and free cores and memory (MiB). */
    public record Worker(String id, int cores, int coresFree, long memoryMiB, long memoryFreeMiB) {
        boolean canEverHost(ExecutorRequest r) {
            return cores >= r.cores() && memoryMiB >= r.memoryMiB();
        }

        boolean canHostNow(ExecutorRequest r) {
            return coresFree >= r.cores() && memoryFreeMiB >= r.memoryMiB();
        }
    }

    /** Parses the master's JSON (fields {@code workers[].cores, coresfree, memory, memoryfree, state}). */
    public static ClusterOffer parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<Worker> alive = new ArrayList<>();
        for (JsonNode w : root.path("workers")) {
            if ("ALIVE".equals(w.path("state").asText())) {
                alive.add(new Worker(
                        w.path("id").asText(),
                        w.path("cores").asInt(),
                        w.path("coresfree").asInt(),
                        w.path("memory").asLong(),
                        w.path("memoryfree").asLong()));
            }
        }
        return new ClusterOffer(List.copyOf(alive));
    }

    /** True when no alive worker, even idle, has the cores and memory one executor asks for. */
    public boolean neverFits(ExecutorRequest r) {
        return workers.stream().noneMatch(w -> w.canEverHost(r));
    }

    /** One paragraph: the workers, what each offers, and what to change. */
    public String diagnose(ExecutorRequest r) {
        StringBuilder sb = new StringBuilder();
        sb.append(workers.size()).append(" alive worker(s)");
        int maxCores = 0;
        long maxMemory = 0;
        for (Worker w : workers) {
            sb.append(String.format(
                    Locale.ROOT,
                    "; %s: %d of %d core(s) and %d of %d MiB free",
                    w.id(),
                    w.coresFree(),
                    w.cores(),
                    w.memoryFreeMiB(),
                    w.memoryMiB()));
            maxCores = Math.max(maxCores, w.cores());
            maxMemory = Math.max(maxMemory, w.memoryMiB());
        }
        if (workers.isEmpty()) {
            sb.append(": start workers, or check that they reach the master");
        } else if (neverFits(r)) {
            sb.append(String.format(
                    Locale.ROOT,
                    ". No worker can ever host such an executor: ask for at most %d "
                            + "core(s) and %d MiB (conf/README.md, executor sizing)",
                    maxCores,
                    maxMemory));
        } else if (workers.stream().noneMatch(w -> w.canHostNow(r))) {
            sb.append(". The workers that could host one are busy with other applications: retry later");
        }
        return sb.toString();
    }
}
