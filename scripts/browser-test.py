#!/usr/bin/python3
"""Real-browser test of `make jupyter`: a notebook opened in headless Chromium runs its cells and shows its chart.

What it does, in order:
 1. writes a small notebook, build/browser-test/browser-test.ipynb (`%jars`, the scale the kernel sees, an XChart
    chart given to `display(...)`);
 2. starts the server with `make jupyter` itself (as root too: the target adds --allow-root), on a free port
    (JUPYTER_PORT, no port retries) with a known token (JUPYTER_TOKEN), showing build/browser-test (JUPYTER_DIR) and
    with UNATE_SCALE=ci; the server's output goes to build/browser-test/server.log;
 3. opens the notebook in headless Chromium (Debian's chromium + chromium-driver through python3-selenium 4.8) in the
    classic Notebook 6 UI that Debian 12's /usr/bin/jupyter notebook serves, waits for the kernel, then runs the cells
    through the UI: the first with Shift+Enter, the others with the toolbar's Run button;
 4. waits until each cell has finished (its prompt shows a number), checks that no cell shows an error, that the
    kernel saw UNATE_SCALE=ci, and that an <img> appears in the chart cell's output area;
 5. stops the server cleanly (POST /api/shutdown with the token), checks that `make jupyter` exited with status 0 and
    that the Java kernel process is gone.

On failure it says what it was waiting for and saves build/browser-test/failure.png (screenshot), page.html,
server.log and chromedriver.log; on a pass, chart.png shows the page with the chart. The last line is `browser test: PASS in N s` or `browser test: FAIL ...`; the exit
status is 0 only on a pass.

Usage: /usr/bin/python3 scripts/browser-test.py [--timeout SECONDS (per wait, default 180)]
"""
import argparse
import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "browser-test"
NOTEBOOK = "browser-test.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

CELLS = [
    # The same %jars line as the project's notebooks, one folder deeper (the notebook lives in build/browser-test/).
    "%jars ../../target/unate.jar ../../target/lib/*.jar",
    'System.out.println("scale=" + org.unate.report.Scale.current());',
    "\n".join([
        "import org.knowm.xchart.*;",
        "double[] x = {0, 1, 2, 3, 4};",
        "double[] y = {0, 1, 4, 9, 16};",
        'XYChart chart = new XYChartBuilder().width(480).height(320).title("browser test").build();',
        'chart.addSeries("x squared", x, y);',
        "display(chart);",
    ]),
]
CHART_CELL = 2

# Classic Notebook 6.x (Debian 12: jupyter-notebook 6.4.12) selectors.
SEL_CONTAINER = "#notebook-container"
SEL_CODE_CELLS = "#notebook-container .cell.code_cell"
SEL_RUN_BUTTON = '#run_int button[data-jupyter-action="jupyter-notebook:run-cell-and-select-next"]'
SEL_OUTPUT_IMG = ".output_area img"
SEL_ERRORS = ".output_area .output_error"
SEL_STREAM = ".output_area .output_stream"
SEL_PROMPT = ".input_prompt"

JS_KERNEL_READY = """
const nb = window.Jupyter && Jupyter.notebook;
return !!(nb && nb._fully_loaded && nb.kernel && nb.kernel.is_connected()
          && nb.kernel.info_reply && nb.kernel.info_reply.language_info);
"""


class Failure(Exception):
    pass


def log(msg):
    print(f"[browser-test] {msg}", flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path):
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src}
             for src in CELLS]
    nb = {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "java", "display_name": "Java (UNATE)", "language": "java"},
                       "language_info": {"name": "java"}}}
    for i, c in enumerate(nb["cells"]):
        c["id"] = f"browser-test-{i}"
    path.write_text(json.dumps(nb, indent=1) + "\n")


def api(port, token, path, method="GET", timeout=5):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 headers={"Authorization": f"token {token}"}, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = resp.read()
        return resp.status, (json.loads(body) if body.strip() else None)


def server_log_tail(n=40):
    p = OUT / "server.log"
    if not p.exists():
        return "(no server log)"
    lines = p.read_text(errors="replace").splitlines()
    return "\n".join("    | " + line for line in lines[-n:])


def start_server(port, token):
    env = dict(os.environ, JUPYTER_PORT=str(port), JUPYTER_PORT_RETRIES="0", JUPYTER_TOKEN=token, UNATE_SCALE="ci")
    cmd = ["make", "-C", str(ROOT), "--no-print-directory", "jupyter", f"JUPYTER_DIR={OUT.relative_to(ROOT)}"]
    log(f"starting the server: JUPYTER_PORT={port} JUPYTER_TOKEN=<known> UNATE_SCALE=ci {' '.join(cmd)}")
    logf = open(OUT / "server.log", "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    logf.close()
    return proc


def wait_for_server(proc, port, token, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise Failure(f"`make jupyter` exited with status {proc.returncode} before the server answered")
        try:
            status, _ = api(port, token, "/api/status", timeout=2)
            if status == 200:
                break
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            pass
        time.sleep(0.5)
    else:
        raise Failure(f"the server did not answer on http://127.0.0.1:{port}/api/status within {timeout} s")
    text = (OUT / "server.log").read_text(errors="replace")
    if f"http://127.0.0.1:{port}/?token=" not in text:
        raise Failure(f"the server log does not show the URL with its token (http://127.0.0.1:{port}/?token=...)")
    server = server_cmdline(proc.pid)
    if server is None:
        raise Failure(f"no `jupyter notebook` process under `make jupyter` (pid {proc.pid})")
    root = os.geteuid() == 0
    if root != ("--allow-root" in server):
        raise Failure(f"uid {os.geteuid()} but the server runs as {' '.join(server)!r}")
    log(f"server process: {' '.join(server)}")


def server_cmdline(pid):
    """The command line of the `jupyter notebook` process among pid's descendants (the recipe execs it), or None."""
    children = {}
    for d in pathlib.Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    todo = list(children.get(pid, []))
    while todo:
        p = todo.pop()
        try:
            argv = (pathlib.Path("/proc") / str(p) / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if any(a.endswith("/jupyter-notebook") for a in argv) or (
                "notebook" in argv and any(a.endswith("/jupyter") for a in argv)):
            return [a for a in argv if a]
        todo += children.get(p, [])
    return None


def open_browser(profile):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as e:
        raise Failure(f"cannot import selenium ({e}); install the browser packages: make apt-browser")
    for exe in (CHROMIUM, CHROMEDRIVER):
        if not os.access(exe, os.X_OK):
            raise Failure(f"{exe} is missing; install the browser packages: make apt-browser")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--window-size=1280,1024", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    service = Service(CHROMEDRIVER, log_path=str(OUT / "chromedriver.log"))
    return webdriver.Chrome(service=service, options=opts)


def wait_until(driver, what, condition, timeout):
    """Polls condition(driver) until it returns a true value; raises Failure naming what it waited for."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            value = condition(driver)
            if value:
                return value
        except StaleElementReferenceException:
            pass
        except WebDriverException as e:
            last = e
        time.sleep(0.25)
    raise Failure(f"timed out after {timeout} s waiting for {what}" + (f" (last error: {last.msg})" if last else ""))


def cell_errors(cell):
    from selenium.webdriver.common.by import By
    return [e.text.strip() for e in cell.find_elements(By.CSS_SELECTOR, SEL_ERRORS)]


def run_cells(driver, url, timeout):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(url)
    wait_until(driver, f"the notebook page ({SEL_CONTAINER})",
               lambda d: d.find_elements(By.CSS_SELECTOR, SEL_CONTAINER), timeout)
    started = time.time()
    wait_until(driver, "the Java kernel to start and answer kernel_info (Jupyter.notebook.kernel)",
               lambda d: d.execute_script(JS_KERNEL_READY), timeout)
    log(f"kernel ready in {time.time() - started:.1f} s "
        f"({driver.execute_script('return Jupyter.notebook.kernel.info_reply.implementation')})")
    cells = driver.find_elements(By.CSS_SELECTOR, SEL_CODE_CELLS)
    if len(cells) != len(CELLS):
        raise Failure(f"the page shows {len(cells)} code cells, expected {len(CELLS)}")

    for i in range(len(CELLS)):
        cell = driver.find_elements(By.CSS_SELECTOR, SEL_CODE_CELLS)[i]
        cell.find_element(By.CSS_SELECTOR, ".input_area").click()  # selects the cell (edit mode)
        wait_until(driver, f"cell {i} to be selected", lambda d: "selected" in cell.get_attribute("class"), 10)
        t0 = time.time()
        if i == 0:
            how = "Shift+Enter"
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
        else:
            how = "the Run button"
            driver.find_element(By.CSS_SELECTOR, SEL_RUN_BUTTON).click()

        def finished(d, cell=cell):
            prompt = cell.find_element(By.CSS_SELECTOR, SEL_PROMPT).text
            return prompt if "[" in prompt and "*" not in prompt and any(ch.isdigit() for ch in prompt) else None

        prompt = wait_until(driver, f"cell {i} (run with {how}) to finish: its prompt to show 'In [n]:'",
                            finished, timeout)
        errors = cell_errors(cell)
        if errors:
            raise Failure(f"cell {i} shows an error: {errors[0][:2000]}")
        log(f"cell {i} ran with {how} in {time.time() - t0:.1f} s ({prompt.strip()})")

    cells = driver.find_elements(By.CSS_SELECTOR, SEL_CODE_CELLS)
    streams = " ".join(e.text for e in cells[1].find_elements(By.CSS_SELECTOR, SEL_STREAM))
    if "scale=ci" not in streams:
        raise Failure(f"the kernel did not see UNATE_SCALE=ci: cell 1 printed {streams!r}")
    chart = cells[CHART_CELL]
    img = wait_until(driver, f"an <img> in the chart cell's output area ({SEL_OUTPUT_IMG})",
                     lambda d: chart.find_elements(By.CSS_SELECTOR, SEL_OUTPUT_IMG), timeout)[0]
    size = wait_until(driver, "the chart image to load (naturalWidth > 0)",
                      lambda d: d.execute_script(
                          "const i = arguments[0]; return i.complete && i.naturalWidth > 0 "
                          "? [i.naturalWidth, i.naturalHeight] : null;", img), 30)
    src = img.get_attribute("src") or ""
    if not src.startswith("data:image/png;base64,"):
        raise Failure(f"the chart <img> is not an inline PNG: src starts {src[:40]!r}")
    log(f"chart shown: <img> {size[0]}x{size[1]} px, {len(src)} characters of data URL")
    if tuple(size) != (480, 320):
        raise Failure(f"the chart image is {size[0]}x{size[1]} px, expected 480x320")


def kernel_pids(kernel_ids):
    """Pids of processes whose command line names one of the kernels' connection files."""
    pids = []
    for d in pathlib.Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmdline = (d / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if any(f"kernel-{k}.json" in cmdline for k in kernel_ids):
            pids.append(int(d.name))
    return pids


def stop_server(proc, port, token, kernel_ids, timeout=60):
    """POST /api/shutdown, then waits for `make jupyter` to exit and the kernels to end. True when clean."""
    clean = True
    if proc.poll() is None:
        try:
            api(port, token, "/api/shutdown", method="POST")
        except (urllib.error.URLError, ConnectionError, socket.timeout) as e:
            log(f"POST /api/shutdown failed: {e}")
            clean = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log(f"`make jupyter` still running {timeout} s after /api/shutdown; sending SIGTERM to its process group")
            clean = False
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    if proc.returncode != 0:
        log(f"`make jupyter` exited with status {proc.returncode}")
        clean = False
    deadline = time.time() + 20
    left = kernel_pids(kernel_ids)
    while left and time.time() < deadline:
        time.sleep(0.5)
        left = kernel_pids(kernel_ids)
    if left:
        log(f"kernel process(es) {left} still running after the server stopped; killing them")
        clean = False
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return clean


def save_failure(driver):
    saved = []
    if driver is not None:
        try:
            driver.save_screenshot(str(OUT / "failure.png"))
            saved.append("failure.png")
            (OUT / "page.html").write_text(driver.page_source)
            saved.append("page.html")
        except Exception as e:  # the browser itself may be what failed
            log(f"could not save the screenshot/page: {type(e).__name__}: {e}")
    saved += [n for n in ("server.log", "chromedriver.log") if (OUT / n).exists()]
    return saved


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=int, default=180, help="seconds for each wait (server, kernel, each cell)")
    args = ap.parse_args()
    t_start = time.time()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    write_notebook(OUT / NOTEBOOK)
    port, token = free_port(), secrets.token_hex(24)
    proc = driver = None
    kernel_ids = []
    profile = tempfile.mkdtemp(prefix="unate-chromium-")
    failure = None
    try:
        proc = start_server(port, token)
        wait_for_server(proc, port, token, args.timeout)
        log(f"server up on port {port} in {time.time() - t_start:.1f} s")
        driver = open_browser(profile)
        run_cells(driver, f"http://127.0.0.1:{port}/notebooks/{NOTEBOOK}?token={token}", args.timeout)
        driver.save_screenshot(str(OUT / "chart.png"))
    except Failure as e:
        failure = str(e)
    except Exception as e:  # selenium or the browser failing: still a failure with a message, not a traceback only
        failure = f"{type(e).__name__}: {getattr(e, 'msg', None) or e}"
    finally:
        if proc is not None and proc.poll() is None:
            try:
                kernel_ids = [k["id"] for k in api(port, token, "/api/kernels")[1]]
            except Exception:
                kernel_ids = []
        saved = save_failure(driver) if failure else []
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        if proc is not None:
            if not stop_server(proc, port, token, kernel_ids) and failure is None:
                failure = "the server did not stop cleanly (see above)"
            text = (OUT / "server.log").read_text(errors="replace")
            if failure is None and "Shutting down on /api/shutdown request" not in text:
                failure = "the server log does not show the shutdown"
    seconds = time.time() - t_start
    if failure:
        log("server log (last lines):\n" + server_log_tail())
        print(f"browser test: FAIL after {seconds:.0f} s: {failure}\n"
              f"  saved in {OUT}: {', '.join(saved) if saved else 'nothing'}", flush=True)
        return 1
    log(f"server stopped cleanly (make jupyter exit status 0; kernel {', '.join(kernel_ids) or '-'} ended)")
    print(f"browser test: PASS in {seconds:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
