package org.unate.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Jupyter kernelspec ({@code kernel.json}) for this kernel.
 *
 * <p>{@code argv} runs {@link KernelMain} with absolute paths: the java binary, and a class path of the project's
 * {@code target/unate.jar} plus {@code target/lib/*} (the launcher expands the wildcard), found from where
 * {@link KernelMain} was loaded. JVM options: {@code -Xmx}, {@code -Djava.awt.headless=true} (charts and images are
 * drawn off-screen) and {@code --enable-native-access=ALL-UNNAMED} (TensorFlow loads native code through JavaCPP; JDK
 * 24+ warns on every such load otherwise; JDK 17 accepts the flag). No {@code --add-opens}: nothing needs them.
 * {@code interrupt_mode} is {@code message} (interrupt_request on the control channel, as IJava); SIGINT is handled
 * too.
 *
 * @param name        kernel name (folder under {@code kernels/}); {@code java} matches IJava notebooks' metadata
 * @param displayName name shown in Jupyter
 * @param argv        command line, with {@code {connection_file}}
 */
public record KernelSpec(String name, String displayName, List<String> argv) {

    /** Default maximum heap of the kernel JVM. */
    public static final String DEFAULT_XMX = "6g";

    public KernelSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("kernel name must be [A-Za-z0-9._-]+, got '" + name + "'");
        }
        argv = List.copyOf(argv);
    }

    /**
     * A spec for the installation this class was loaded from.
     *
     * @param java path of the java binary, or null for the running JVM's
     * @param xmx  maximum heap, e.g. {@code 6g}
     */
    public static KernelSpec forThisInstallation(String name, String displayName, Path java, String xmx) {
        Path javaBin = (java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java"))
                .toAbsolutePath().normalize();
        List<String> argv = new ArrayList<>();
        argv.add(javaBin.toString());
        argv.add("-Xmx" + xmx);
        argv.add("-Djava.awt.headless=true");
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, classPath()));
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");
        return new KernelSpec(name, displayName, argv);
    }

    /**
     * Class path entries of this installation: the jar (or class folder) holding {@link KernelMain} plus
     * {@code lib/*} next to it; if there is no such {@code lib} folder, the running JVM's {@code java.class.path}.
     */
    static List<String> classPath() {
        Path self;
        try {
            self = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the kernel's jar", e);
        }
        Path lib = self.getParent().resolve("lib");
        if (Files.isDirectory(lib)) {
            return List.of(self.toString(), lib + File.separator + "*");
        }
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return cp;
    }

    /** The {@code kernel.json} content. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", argv);
        json.put("display_name", displayName);
        json.put("language", "java");
        json.put("interrupt_mode", "message");
        // TensorFlow's native INFO lines (oneDNN, CPU features) would otherwise fill the kernel's log at every start
        json.put("env", Map.of("TF_CPP_MIN_LOG_LEVEL", "1"));
        json.put("metadata", Map.of("debugger", false));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code prefix/share/jupyter/kernels/NAME/kernel.json} and returns its path. */
    public Path writeTo(Path prefix) throws IOException {
        Path dir = prefix.resolve("share").resolve("jupyter").resolve("kernels").resolve(name);
        Files.createDirectories(dir);
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, toJson());
        return file;
    }
}
