package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel over the real Jupyter protocol: installs a kernelspec into a temporary prefix, starts the kernel with
 * jupyter_client from /usr/bin/python3 and runs a value, a print, a display, an update, an error, an interrupt and a
 * completion. Skipped when python or jupyter_client is absent. Takes about 10 s (kernel start plus a 3 s wait before
 * the interrupt), so it stays in the default suite.
 */
class KernelProtocolTest {

    static final String PYTHON = "/usr/bin/python3";

    static final String CLIENT = """
            import json, sys, time
            from jupyter_client.manager import start_new_kernel

            km, kc = start_new_kernel(kernel_name="java", startup_timeout=180)

            def run(code, interrupt_after=None):
                msg_id = kc.execute(code)
                if interrupt_after is not None:
                    time.sleep(interrupt_after)
                    km.interrupt_kernel()
                outputs = []
                while True:
                    msg = kc.get_iopub_msg(timeout=180)
                    if msg["parent_header"].get("msg_id") != msg_id:
                        continue
                    t = msg["msg_type"]
                    if t == "status" and msg["content"]["execution_state"] == "idle":
                        break
                    if t in ("stream", "display_data", "update_display_data", "execute_result", "error"):
                        outputs.append({"type": t, "content": msg["content"]})
                while True:
                    reply = kc.get_shell_msg(timeout=180)
                    if reply["parent_header"].get("msg_id") == msg_id:
                        break
                return {"status": reply["content"]["status"], "reply": reply["content"], "outputs": outputs}

            result = {
                "value": run("int x = 20;\\nx + 22"),
                "print": run("System.out.println(\\"hello\\"); System.err.println(\\"warn\\");"),
                "display": run("String id = display(new java.awt.image.BufferedImage(4, 3, 2));\\n"
                               "updateDisplay(id, \\"replaced\\");"),
                "error": run("int y = 1 / 0;"),
                "compile": run("int z = nope;"),
                "interrupt": run("System.out.println(\\"looping\\"); while (true) {}", interrupt_after=3),
                "after": run("x"),
            }
            cid = kc.complete("Math.ma", 7)
            result["complete"] = kc.get_shell_msg(timeout=60)["content"]
            print(json.dumps(result))
            km.shutdown_kernel(now=False)
            """;

    @TempDir
    Path prefix;

    @Test
    void executeDisplayErrorAndInterruptOverJupyterClient() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "skipped: " + PYTHON + " not found");
        Process probe = new ProcessBuilder(PYTHON, "-c", "import jupyter_client").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "skipped: python module jupyter_client is not installed");

        KernelSpec.forThisInstallation("java", "Java (test)", null, "1g").writeTo(prefix);
        Path script = prefix.resolve("client.py");
        Files.writeString(script, CLIENT);
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString()).directory(prefix.toFile());
        pb.environment().put("JUPYTER_PATH", prefix.resolve("share").resolve("jupyter").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", prefix.resolve("runtime").toString());
        pb.redirectError(prefix.resolve("client.err").toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String err = Files.readString(prefix.resolve("client.err"));
        assertTrue(done && p.exitValue() == 0, "client failed: " + stdout + "\n" + err);
        JsonNode r = new ObjectMapper().readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());

        JsonNode value = r.get("value");
        assertEquals("ok", value.get("status").asText());
        assertEquals("42", only(value, "execute_result").get("data").get("text/plain").asText());

        JsonNode print = r.get("print");
        assertEquals("hello\n", stream(print, "stdout"));
        assertEquals("warn\n", stream(print, "stderr"));

        JsonNode display = r.get("display");
        JsonNode shown = only(display, "display_data");
        assertTrue(shown.get("data").has("image/png"), shown.toString());
        String id = shown.get("transient").get("display_id").asText();
        JsonNode update = only(display, "update_display_data");
        assertEquals(id, update.get("transient").get("display_id").asText());
        assertEquals("replaced", update.get("data").get("text/plain").asText());

        JsonNode error = r.get("error");
        assertEquals("error", error.get("status").asText());
        JsonNode e = only(error, "error");
        assertEquals("EvaluationException", e.get("ename").asText());
        assertEquals("java.lang.ArithmeticException: / by zero", e.get("evalue").asText());

        JsonNode compile = only(r.get("compile"), "error");
        assertEquals("CompilationException", compile.get("ename").asText());
        assertTrue(compile.get("evalue").asText().contains("cannot find symbol"), compile.toString());

        JsonNode interrupted = r.get("interrupt");
        assertEquals("error", interrupted.get("status").asText());
        assertEquals("CellInterruptedException", only(interrupted, "error").get("ename").asText());

        assertEquals("20", only(r.get("after"), "execute_result").get("data").get("text/plain").asText());
        assertTrue(r.get("complete").get("matches").toString().contains("max("), r.get("complete").toString());
    }

    private static JsonNode only(JsonNode run, String type) {
        JsonNode found = null;
        for (JsonNode o : run.get("outputs")) {
            if (o.get("type").asText().equals(type)) {
                assertTrue(found == null, "more than one " + type + " in " + run);
                found = o.get("content");
            }
        }
        assertTrue(found != null, "no " + type + " in " + run);
        return found;
    }

    private static String stream(JsonNode run, String name) {
        StringBuilder b = new StringBuilder();
        for (JsonNode o : run.get("outputs")) {
            if (o.get("type").asText().equals("stream") && o.get("content").get("name").asText().equals(name)) {
                b.append(o.get("content").get("text").asText());
            }
        }
        return b.toString();
    }
}
