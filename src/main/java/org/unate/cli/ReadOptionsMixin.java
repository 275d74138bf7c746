package org.unate.cli;

import java.util.Locale;
import org.unate.crystal.io.OccupancyPolicy;
import org.unate.crystal.io.ReadOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of how crystal files are read, shared by every command that reads structures: add
 * {@code @Mixin ReadOptionsMixin read;} to the command and pass {@link #readOptions()} to the readers (or
 * {@code DatasetOptions.withStructure(read.readOptions())}).
 */
final class ReadOptionsMixin {
    @Option(names = "--occupancy", defaultValue = "error", paramLabel = "error|majority|skip",
            converter = PolicyConverter.class,
            description = "A partly occupied or shared site: error = refuse the structure, naming the site; majority = "
                    + "keep the species with the largest occupancy as a whole atom (a warning names every structure "
                    + "whose composition that changes); skip = leave the structure out and count it. "
                    + "Default: ${DEFAULT-VALUE}.")
    OccupancyPolicy occupancy = OccupancyPolicy.ERROR;

    /** The reader options the flags describe. */
    ReadOptions readOptions() {
        return ReadOptions.DEFAULT.withOccupancy(occupancy);
    }

    /** {@code error}, {@code majority}, {@code skip} in any case. */
    static final class PolicyConverter implements ITypeConverter<OccupancyPolicy> {
        @Override
        public OccupancyPolicy convert(String value) {
            try {
                return OccupancyPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected error, majority or skip, got '" + value + "'");
            }
        }
    }
}
