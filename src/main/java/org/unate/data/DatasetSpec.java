package org.unate.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One entry of {@code data/datasets.json}: what a dataset is, where it comes from and how to check it.
 *
 * @param name     the name the rest of the project uses, e.g. {@code jarvis-dft3d-2021}
 * @param learnedFrom for an element table, what it was learned or collected from ({@code learned_from}, e.g. "text
 *                 (materials-science abstracts, unsupervised)"); null for other datasets
 * @param records  expected record count, or null when not applicable
 * @param labels   label name -> unit
 * @param mirror   the file as kept in a local mirror folder
 * @param official the file as published, downloaded when no mirror holds the dataset
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetSpec(String name, String description,
                          @JsonProperty("learned_from") String learnedFrom, String license, String citation, String doi,
                          Integer records, Map<String, String> labels, Source mirror, Source official) {

    /**
     * One way to obtain the dataset.
     *
     * @param file   path relative to the mirror folder (mirror) or file name to save as (official)
     * @param format a format name understood by the dataset readers ({@code jsonl-cif}, {@code jarvis-json},
     *               {@code cgcnn-atom-init})
     * @param sha256 expected checksum, or null when none is published
     * @param url    download address (official source only)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String file, String format, String sha256, String url, String note) {
    }
}
