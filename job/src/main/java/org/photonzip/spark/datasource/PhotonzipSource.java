package org.photonzip.spark.datasource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("photonzip").load(paths...)}: archives (globs and night directories as {@code verify}
 * takes them) as a DataFrame of one row per frame of each tile ({@link TileFrames#SCHEMA}); docs/reprocessing.md.
 */
public final class PhotonzipSource implements TableProvider, DataSourceRegister {
    @Override
    public String shortName() {
        return "photonzip";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return TileFrames.SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new ArchivesTable(paths(properties));
    }

    /** Spark passes {@code load(a, b)} as the option "paths", a JSON array, and {@code load(a)} as "path". */
    static List<String> paths(Map<String, String> options) {
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase("path")) {
                paths.add(e.getValue());
            } else if (e.getKey().equalsIgnoreCase("paths")) {
                try {
                    paths.addAll(new ObjectMapper().readValue(e.getValue(), new TypeReference<List<String>>() {}));
                } catch (IOException x) {
                    throw new IllegalArgumentException("Invalid option paths " + e.getValue() + ": " + x.getMessage());
                }
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("Invalid photonzip read: no path (load(ARCHIVE...))");
        }
        return paths;
    }
}
