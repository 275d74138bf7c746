package org.unate.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the Java kernel.
 *
 * <pre>
 * KernelMain CONNECTION_FILE
 *     runs the kernel on the connection described by the Jupyter connection file
 * KernelMain --install PREFIX [--name java] [--display-name "Java (UNATE)"] [--java /path/to/java] [--xmx 6g]
 *     writes PREFIX/share/jupyter/kernels/NAME/kernel.json (see {@link KernelSpec}) and prints its path
 * </pre>
 *
 * <p>Running: the JVM is headless ({@code java.awt.headless=true} unless set); the library's own logging stays at
 * WARNING (set {@code -Dunate.kernel.log=INFO} for message traces on the kernel's stderr); SIGINT interrupts the
 * running cell instead of ending the JVM; the process exits when the client sends shutdown_request.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--install")) {
            System.exit(install(args));
        }
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: KernelMain CONNECTION_FILE\n"
                    + "       KernelMain --install PREFIX [--name java] [--display-name NAME] [--java PATH] [--xmx 6g]");
            System.exit(2);
        }
        run(Path.of(args[0]));
    }

    static int install(String[] args) throws Exception {
        if (args.length < 2 || args[1].startsWith("--")) {
            System.err.println("--install needs a PREFIX (the kernelspec goes to PREFIX/share/jupyter/kernels/NAME)");
            return 2;
        }
        Path prefix = Path.of(args[1]);
        String name = "java";
        String displayName = "Java (UNATE)";
        Path java = null;
        String xmx = KernelSpec.DEFAULT_XMX;
        for (int i = 2; i < args.length; i++) {
            if (i + 1 >= args.length) {
                System.err.println("option " + args[i] + " needs a value");
                return 2;
            }
            switch (args[i]) {
                case "--name" -> name = args[++i];
                case "--display-name" -> displayName = args[++i];
                case "--java" -> java = Path.of(args[++i]);
                case "--xmx" -> xmx = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i]
                            + " (expected --name, --display-name, --java or --xmx)");
                    return 2;
                }
            }
        }
        if (java != null && !Files.isExecutable(java)) {
            System.err.println("--java " + java + " is not an executable file");
            return 2;
        }
        Path file = KernelSpec.forThisInstallation(name, displayName, java, xmx).writeTo(prefix);
        System.out.println(file.toAbsolutePath().normalize());
        return 0;
    }

    static void run(Path connectionFile) throws Exception {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // Create the root console handler now, so it keeps the JVM's real stderr when StdStreams replaces System.err.
        Logger root = Logger.getLogger("");
        root.getHandlers();
        Level level = Level.parse(System.getProperty("unate.kernel.log", "WARNING"));
        root.setLevel(level);
        for (var h : root.getHandlers()) {
            h.setLevel(level);
        }
        StdStreams.install();

        String json = Files.readString(connectionFile, StandardCharsets.UTF_8);
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        JupyterConnection connection = new JupyterConnection(props);
        JavaKernel kernel = new JavaKernel(Path.of("").toAbsolutePath());
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        handleSigint(kernel);
        connection.waitUntilClose();
        kernel.onShutdown(false);
        System.exit(0);
    }

    /**
     * Makes SIGINT interrupt the running cell (for kernelspecs with {@code interrupt_mode: signal}) instead of
     * ending the JVM. Uses {@code sun.misc.Signal} reflectively (module jdk.unsupported); silently skipped if absent.
     */
    private static void handleSigint(JavaKernel kernel) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object h = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (proxy, m, a) -> {
                if (m.getName().equals("handle")) {
                    kernel.interrupt();
                    return null;
                }
                return m.getDeclaringClass() == Object.class && m.getName().equals("toString") ? "SIGINT handler"
                        : m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                        : m.getName().equals("equals") ? proxy == a[0] : null;
            });
            Object sigint = signal.getConstructor(String.class).newInstance("INT");
            signal.getMethod("handle", signal, handler).invoke(null, sigint, h);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.getLogger(KernelMain.class.getName()).warning("SIGINT will not interrupt cells: " + e);
        }
    }
}
