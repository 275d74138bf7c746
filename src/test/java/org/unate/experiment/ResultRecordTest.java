package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultRecordTest {
    static ResultRecord sample(String features, long seed, double mae) {
        return ResultRecord.builder()
                .dataset("jarvis-dft3d-2021").property("mbj_bandgap").backbone("cgcnn").features(features)
                .fraction(0.5).seed(seed).splitHash("0123456789abcdef")
                .metrics(new ResultRecord.Metrics(mae, 0.6, 0.8, 0.41, Map.of("mae_ci_low", 0.3)))
                .epochs(20).wallS(61.5).trainCrystalsPerS(950.0)
                .counts(7269, 1817, 1817).history("history.csv")
                .config(Map.of("train", Map.of("lr", 1e-3, "batch", 64)))
                .codeVersion("abc1234").created("2026-01-02T03:04:05Z")
                .extra("note", "x")
                .build();
    }

    @Test
    void writeThenReadGivesTheSameRecord(@TempDir Path dir) throws Exception {
        ResultRecord r = sample("unate:finetune", 3, 0.35);
        Path f = r.writeTo(dir);
        assertEquals("jarvis-dft3d-2021__mbj_bandgap__cgcnn__unate_finetune__f0.5__s3__0123456789abcdef.json",
                f.getFileName().toString());
        ResultRecord back = ResultRecord.read(f);
        assertEquals(r, back);
        assertEquals(0.001, back.config().at("/train/lr").asDouble());
        assertEquals("x", back.extra().get("note"));
        assertEquals(0.3, back.metrics().get("mae_ci_low"));
        JsonNode json = new ObjectMapper().readTree(f.toFile());
        for (String key : List.of("dataset", "property", "backbone", "features", "fraction", "seed", "split_hash",
                "metrics", "epochs", "wall_s", "train_crystals_per_s", "config", "code_version", "created", "n_train",
                "n_val", "n_test", "history")) {
            assertTrue(json.has(key), "missing top-level key " + key);
        }
        for (String key : List.of("mae", "rmse", "r2", "val_mae")) {
            assertTrue(json.get("metrics").has(key), "missing metric " + key);
        }
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullAndReadAsNaN(@TempDir Path dir) throws Exception {
        ResultRecord r = ResultRecord.builder().dataset("d").property("p").backbone("b").features("f").seed(1)
                .splitHash("h").metrics(ResultRecord.Metrics.of(0.1, 0.2, Double.NaN, Double.NaN))
                .codeVersion("v").created("t").build();
        Path f = dir.resolve("r.json");
        r.write(f);
        JsonNode json = new ObjectMapper().readTree(f.toFile());
        assertTrue(json.get("metrics").get("r2").isNull());
        assertTrue(json.get("train_crystals_per_s").isNull());
        assertTrue(json.get("history").isNull());
        ResultRecord back = ResultRecord.read(f);
        assertTrue(Double.isNaN(back.metrics().r2()));
        assertNull(back.history());
        assertEquals(r, back);
    }

    @Test
    void builderFillsCreatedAndCodeVersion() {
        ResultRecord r = ResultRecord.builder().dataset("d").property("p").backbone("b").features("f")
                .splitHash("h").metrics(ResultRecord.Metrics.of(0.1, 0.2, 0.3, 0.4)).build();
        assertFalse(r.codeVersion().isBlank());
        assertTrue(r.created().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), r.created());
    }

    @Test
    void readNamesFileAndMissingKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.json");
        ObjectMapper m = new ObjectMapper();
        var json = sample("atomic-number", 1, 0.4).toJson();
        json.remove("split_hash");
        m.writeValue(f.toFile(), json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultRecord.read(f));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("split_hash"), e.getMessage());
    }

    @Test
    void folderReaderSkipsAndReportsUnreadableFiles(@TempDir Path dir) throws Exception {
        sample("atomic-number", 1, 0.40).writeTo(dir);
        sample("atomic-number", 2, 0.42).writeTo(dir.resolve("nested"));
        Files.writeString(dir.resolve("split.json"), "{\"train\": [], \"val\": [], \"test\": []}");
        Files.writeString(dir.resolve("truncated.json"), "{\"dataset\": \"d\", \"metr");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not json");
        ResultRecord.Folder folder = ResultRecord.readFolder(dir);
        assertEquals(2, folder.records().size());
        assertEquals(2, folder.skipped().size());
        assertTrue(folder.skipped().get(dir.resolve("split.json")).contains("no \"metrics\""));
        assertTrue(folder.skipped().containsKey(dir.resolve("truncated.json")));
        assertTrue(folder.summary().startsWith("2 records, 2 skipped: "), folder.summary());
        assertEquals(List.of(1L, 2L), folder.records().stream().map(ResultRecord::seed).toList());
    }

    @Test
    void pairKeyIgnoresTheCondition() {
        assertEquals(sample("atomic-number", 3, 0.4).pairKey(), sample("table:cgcnn-92", 3, 0.3).pairKey());
        assertFalse(sample("atomic-number", 3, 0.4).pairKey().equals(sample("atomic-number", 4, 0.4).pairKey()));
    }

    @Test
    void unknownMetricNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sample("f", 1, 0.1).metrics().get("mse"));
        assertTrue(e.getMessage().contains("val_mae") && e.getMessage().contains("mae_ci_low"), e.getMessage());
    }
}
