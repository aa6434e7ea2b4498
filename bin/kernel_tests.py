"""Tests the installed kernels over the Jupyter protocol: Jupyter's own kernel test suite with Java samples, and
the display bridge (lab.notebook.Show, the JJava extension) against the real kernels.

Usage: python bin/kernel_tests.py KERNEL_LOG KERNEL...   (bin/lab test calls it with both kernels)

Each kernel's known upstream limits are listed in KNOWN_LIMITS by test name (and subtest): those must fail,
everything else must pass, so a new failure, or a limit that went away, fails the run. Prints one line per
unexpected outcome and closes with "kernel tests: N passed, N failed" (expected failures count as passed and
are listed). Exit status 1 on any unexpected outcome.
"""
import base64
import sys
import time
import unittest
from queue import Empty

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message
from jupyter_client.manager import start_new_kernel

REPLY_TIMEOUT = 20
IOPUB_TIMEOUT = 10
KERNEL_LOG = None  # the file the kernels' own output goes to (main() opens it)
JJAVA = "multitask-lab"
RAPAIO = "multitask-lab-rapaio"

# Upstream limits: what the kernel itself gets wrong and bin/kernel-fix does not reach. bin/kernel-fix already
# answers history requests, judges is_complete with a parser and inspects the word at the cursor on both
# kernels, adds the kernel_info status both lacked and rapaio's missing text/plain entries, and answers rapaio's
# early kernel_info_request. Key: test id as "test_name" or "test_name[subtest]"; value: why (README "Kernel
# protocol" repeats these).
KNOWN_LIMITS = {
    JJAVA: {},
    RAPAIO: {},
}


# The language name each kernel's kernel_info reply gives (the protocol leaves its case to the kernel).
LANGUAGE_NAMES = {JJAVA: "Java", RAPAIO: "java"}


class JavaSamples:
    """The Java samples of jupyter_kernel_test's suite, shared by both kernels."""

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "Math.max(2, 3)", "result": "3"},
    ]
    code_display_data = [
        {"code": 'lab.notebook.Show.html("<b>bold</b>");', "mime": "text/html"},
        {"code": 'lab.notebook.Show.markdown("**bold**");', "mime": "text/markdown"},
    ]
    completion_samples = [{"text": "Math.ma"}]
    complete_code_samples = ["int x = 1;", "1 + 1", 'System.out.println("a");']
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +"]
    invalid_code_samples = ["int z = );", "1 + * 2;"]
    code_inspect_sample = "Math.max"
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")


class LayerChecks:
    """What bin/kernel-fix adds beyond the suite's own checks: the indent of incomplete code, history lines numbered
    by execution count with the cell's output, and inspection of a field and of a call under the cursor."""

    def test_is_complete_gives_the_indent_of_the_next_line(self):
        self.flush_channels()
        msg_id = self.kc.is_complete("for (int i = 0; i < 3; i++) {")
        reply = self.get_non_kernel_info_reply()
        validate_message(reply, "is_complete_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "incomplete")
        self.assertEqual(reply["content"]["indent"], "    ")

    def test_history_numbers_a_cell_by_its_execution_count_and_keeps_its_output(self):
        self.flush_channels()
        reply, _ = self.execute_helper("6 * 7")
        count = reply["content"]["execution_count"]
        msg_id = self.kc.history(hist_access_type="tail", n=1, output=True, raw=True)
        history = self.get_non_kernel_info_reply()
        validate_message(history, "history_reply", msg_id)
        self.assertEqual([entry[1:] for entry in history["content"]["history"]], [[count, ["6 * 7", "42"]]])

    def test_inspect_finds_a_field_and_a_call_under_the_cursor(self):
        for code, cursor, expected in (("Math.PI", 7, "PI"), ("Math.max(1, 2)", 6, "max")):
            self.flush_channels()
            msg_id = self.kc.inspect(code, cursor)
            reply = self.get_non_kernel_info_reply()
            validate_message(reply, "inspect_reply", msg_id)
            self.assertTrue(reply["content"]["found"], f"nothing found for {code!r} at {cursor}")
            self.assertIn(expected, reply["content"]["data"]["text/plain"])


def suite_class(kernel):
    def get_non_kernel_info_reply(self, timeout=None):
        # The suite waits forever for some replies; a kernel that never answers must fail, not hang.
        return jupyter_kernel_test.KernelTests.get_non_kernel_info_reply(self, timeout=timeout or REPLY_TIMEOUT)

    def execute_helper(self, code, timeout=jupyter_kernel_test.TIMEOUT, silent=False, store_history=True,
                       stop_on_error=True):
        # The suite's own, except that it waits up to IOPUB_TIMEOUT (not 0.1 s) for each IOPub message: on a
        # loaded machine a kernel's outputs can trail its execute_reply by more than 0.1 s.
        msg_id = self.kc.execute(code=code, silent=silent, store_history=store_history, stop_on_error=stop_on_error)
        reply = self.get_non_kernel_info_reply(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)
        busy = self.kc.get_iopub_msg(timeout=IOPUB_TIMEOUT)
        validate_message(busy, "status", msg_id)
        self.assertEqual(busy["content"]["execution_state"], "busy")
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=IOPUB_TIMEOUT)
            validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                self.assertEqual(msg["content"]["execution_state"], "idle")
                break
            if msg["msg_type"] == "execute_input":
                self.assertEqual(msg["content"]["code"], code)
                continue
            outputs.append(msg)
        return reply, outputs

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=60, stdout=KERNEL_LOG,
                                          stderr=KERNEL_LOG)

    @classmethod
    def tearDownClass(cls):
        # Unanswered requests (history) leave the client's sockets mid-exchange, so end the kernel directly.
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    return type(f"Protocol[{kernel}]", (JavaSamples, LayerChecks, jupyter_kernel_test.KernelTests),
                {"kernel_name": kernel, "language_name": LANGUAGE_NAMES[kernel],
                 "get_non_kernel_info_reply": get_non_kernel_info_reply,
                 "execute_helper": execute_helper,
                 "setUpClass": setUpClass, "tearDownClass": tearDownClass})


class DisplayBridge(unittest.TestCase):
    """lab.notebook.Show and the JJava extension in the real kernel: what a notebook cell sends over IOPub."""

    kernel_name = JJAVA

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=60, stdout=KERNEL_LOG,
                                          stderr=KERNEL_LOG)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def run_cell(self, code, timeout=60):
        """Returns the IOPub messages a cell produced (outputs only) after checking it ran without error."""
        messages = []
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=messages.append)
        self.assertEqual(reply["content"]["status"], "ok", f"cell failed: {reply['content']}")
        return [m for m in messages if m["msg_type"] not in ("status", "execute_input")]

    def displays(self, messages, kind="display_data"):
        return [m["content"] for m in messages if m["msg_type"] == kind]

    def assert_png(self, data):
        self.assertIn("image/png", data)
        self.assertTrue(base64.b64decode(data["image/png"]).startswith(b"\x89PNG"), "image/png is not a PNG")
        self.assertIn("text/plain", data)

    def test_an_image_is_shown_as_png(self):
        messages = self.run_cell(
            "lab.notebook.Show.image(new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));")
        shown = self.displays(messages)
        self.assertEqual(len(shown), 1)
        self.assert_png(shown[0]["data"])

    def test_a_chart_is_shown_as_png(self):
        messages = self.run_cell(
            'lab.notebook.Show.chart(org.knowm.xchart.QuickChart.getChart("t", "x", "y", "s", '
            "new double[] {1, 2}, new double[] {3, 4}));")
        shown = self.displays(messages)
        self.assertEqual(len(shown), 1)
        self.assert_png(shown[0]["data"])

    def test_a_table_is_shown_as_html_with_text_beside_it(self):
        messages = self.run_cell(
            'lab.notebook.Show.table(tech.tablesaw.api.Table.create("t", '
            'tech.tablesaw.api.DoubleColumn.create("x", new double[] {1.5, 2.5})));')
        shown = self.displays(messages)
        self.assertEqual(len(shown), 1)
        self.assertIn("<table", shown[0]["data"]["text/html"])
        self.assertIn("<td", shown[0]["data"]["text/html"])
        self.assertIn("text/plain", shown[0]["data"])

    def test_markdown_is_shown_as_markdown(self):
        shown = self.displays(self.run_cell('lab.notebook.Show.markdown("**bold**");'))
        self.assertEqual(shown[0]["data"]["text/markdown"], "**bold**")

    def test_a_progress_line_is_updated_in_place(self):
        messages = self.run_cell(
            'var p = lab.notebook.Show.progress("work"); p.update(0, 3, "start"); Thread.sleep(700); '
            'p.update(1, 3, "one"); Thread.sleep(700); p.update(3, 3, "done");')
        shown = self.displays(messages)
        updates = self.displays(messages, "update_display_data")
        self.assertEqual(len(shown), 1, "the progress line is shown once")
        display_id = shown[0].get("transient", {}).get("display_id")
        self.assertTrue(display_id, "the progress line has a display id")
        self.assertGreaterEqual(len(updates), 2)
        self.assertEqual({u["transient"]["display_id"] for u in updates}, {display_id})
        texts = [shown[0]["data"]["text/plain"]] + [u["data"]["text/plain"] for u in updates]
        self.assertIn("0/3", texts[0])
        self.assertIn("3/3", texts[-1])
        self.assertGreaterEqual(len(set(texts)), 3, "the line showed different values")


class JJavaBareExpressions(DisplayBridge):
    """On JJava a cell's last expression renders through lab.notebook.JJavaExtension."""

    def result(self, code):
        results = self.displays(self.run_cell(code), "execute_result")
        self.assertEqual(len(results), 1)
        return results[0]["data"]

    def test_a_chart_as_last_expression_is_a_png(self):
        data = self.result('org.knowm.xchart.QuickChart.getChart("t", "x", "y", "s", '
                           "new double[] {1, 2}, new double[] {3, 4})")
        self.assert_png(data)

    def test_a_table_as_last_expression_is_an_html_table(self):
        data = self.result('tech.tablesaw.api.Table.create("t", '
                           'tech.tablesaw.api.DoubleColumn.create("x", new double[] {1.5, 2.5}))')
        self.assertIn("<table", data["text/html"])
        self.assertIn("text/plain", data)

    def test_library_loss_curves_as_last_expression_are_their_chart(self):
        self.assert_png(self.result("new lab.train.LossCurves(new float[] {1f, 0.5f}, new float[] {1.2f, 0.6f})"))

    def test_a_library_record_as_last_expression_is_a_table_of_its_components(self):
        data = self.result("lab.train.MultiMultSettings.quick()")
        self.assertIn("<table", data["text/html"])
        self.assertIn("epochs", data["text/html"])

    def test_another_record_stays_text(self):
        data = self.result("record Point(int x, int y) {}\nnew Point(1, 2)")
        self.assertEqual(set(data), {"text/plain"})


def display_class(kernel):
    base = JJavaBareExpressions if kernel == JJAVA else DisplayBridge
    return type(f"Display[{kernel}]", (base,), {"kernel_name": kernel})


class Outcomes(unittest.TestResult):
    """Collects each test's and subtest's outcome under an id like 'test_history[hist_access_type=tail]'."""

    def __init__(self):
        super().__init__()
        self.outcomes = {}  # id -> (passed, detail)

    @staticmethod
    def name(test):
        return test.id().rsplit(".", 1)[-1]

    def addSuccess(self, test):
        self.outcomes.setdefault(self.name(test), (True, ""))

    def addFailure(self, test, err):
        self.outcomes[self.name(test)] = (False, self.short(err))

    addError = addFailure

    def addSkip(self, test, reason):
        self.outcomes.setdefault(self.name(test), (True, f"skipped: {reason}"))

    def addSubTest(self, test, subtest, err):
        sub = subtest._subDescription().strip("()[] ")
        key = f"{self.name(test)}[{sub}]"
        if err is None:
            self.outcomes.setdefault(key, (True, ""))
        elif issubclass(err[0], unittest.SkipTest):
            self.outcomes.setdefault(key, (True, f"skipped: {err[1]}"))
        else:
            self.outcomes[key] = (False, self.short(err))
        super().addSubTest(test, subtest, err)

    @staticmethod
    def short(err):
        kind, value, _ = err
        text = str(value).strip().splitlines()
        return f"{kind.__name__}: {text[-1] if text else ''}"[:300]


def run(kernel):
    """Returns (passed, unexpected lines) for one kernel."""
    outcomes = Outcomes()
    loader = unittest.TestLoader()
    for cls in (suite_class(kernel), display_class(kernel)):
        began = time.monotonic()
        loader.loadTestsFromTestCase(cls).run(outcomes)
        print(f"kernel tests: {cls.__name__} ran in {time.monotonic() - began:.0f} s", flush=True)
    limits = KNOWN_LIMITS.get(kernel, {})
    passed = 0
    unexpected = []
    for key, (ok, detail) in sorted(outcomes.outcomes.items()):
        # A failing subtest also fails its test: judge the test by its subtests when it has any.
        if not ok and "[" not in key and any(k.startswith(key + "[") and not v[0] for k, v in outcomes.outcomes.items()):
            continue
        if key in limits:
            if ok:
                unexpected.append(f"{kernel}: {key} passes but is listed as a known limit ({limits[key]}); remove it")
            else:
                passed += 1
                print(f"kernel tests: {kernel}: {key}: expected failure, {limits[key]}")
        elif ok:
            passed += 1
        else:
            unexpected.append(f"{kernel}: {key} FAILED: {detail}")
    for key in limits:
        if key not in outcomes.outcomes:
            unexpected.append(f"{kernel}: known limit {key} did not run")
    return passed, unexpected


def main():
    global KERNEL_LOG
    log_path, kernels = sys.argv[1], sys.argv[2:]
    KERNEL_LOG = open(log_path, "w")
    print(f"kernel tests: jupyter_kernel_test {jupyter_kernel_test.__version__} and the display bridge on "
          f"{', '.join(kernels)} (kernel output: {log_path})", flush=True)
    total_passed, total_failed = 0, 0
    for kernel in kernels:
        passed, unexpected = run(kernel)
        for line in unexpected:
            print(f"kernel tests: {line}", file=sys.stderr)
        limits = ", ".join(KNOWN_LIMITS.get(kernel, {})) or "none"
        print(f"kernel tests: {kernel}: {passed} passed, {len(unexpected)} failed, known limits: {limits}")
        total_passed += passed
        total_failed += len(unexpected)
    print(f"kernel tests: {total_passed} passed, {total_failed} failed")
    sys.exit(1 if total_failed else 0)


if __name__ == "__main__":
    main()
