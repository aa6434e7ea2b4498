"""Tests of bin/compare_renders.py on small hand-made notebooks: python3 -m unittest bin/test_compare_renders.py"""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_renders  # noqa: E402


def notebook(*outputs):
    """Returns a notebook of one code cell with these outputs."""
    return {"cells": [{"cell_type": "code", "source": "", "outputs": list(outputs)}], "metadata": {}}


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def display(data):
    return {"output_type": "display_data", "data": data, "metadata": {}}


class CompareRendersTest(unittest.TestCase):

    def run_on(self, old, new):
        """Writes the two notebooks as OLD/x.ipynb and NEW/x.ipynb; returns (exit code, printed report)."""
        with tempfile.TemporaryDirectory() as tmp:
            for side, nb in (("old", old), ("new", new)):
                os.mkdir(os.path.join(tmp, side))
                with open(os.path.join(tmp, side, "x.ipynb"), "w") as f:
                    json.dump(nb, f)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = compare_renders.main([os.path.join(tmp, "old"), os.path.join(tmp, "new")])
            return code, out.getvalue()

    def test_the_same_numbers_in_other_words_and_other_timings_are_identical(self):
        # given: the same results; the second run took longer, loaded from its store and drew another image
        old = notebook(stream("validation MSE: 4.060e-04\ntrained now: 3\nloaded from the store: 0\n"
                              "trained 3 models in 12.5 s (80 epochs/s)\n"),
                       display({"image/png": "AAAA", "text/plain": "BufferedImage@1a2b3c4d: width = 760"}),
                       display({"text/html": "<table><tr><td>1,024</td><td>0.25</td></tr></table>"}))
        new = notebook(stream("Validation MSE = 4.060e-04\ntrained now: 0\nloaded from the store: 3\n"
                              "loaded 3 stored models in 0.4 s, ETA 0:00, cost 11 days\n"),
                       display({"image/png": "BBBB", "text/plain": "BufferedImage@99ffee00: width = 800"}),
                       display({"text/html": "<table><tr><th>1,024</th><th>0.25</th></tr></table>"}))

        # when
        code, report = self.run_on(old, new)

        # then
        self.assertEqual(0, code, report)
        self.assertIn("x.ipynb: identical numbers (3 numbers on 2 lines)", report)

    def test_one_changed_digit_is_reported_with_both_lines(self):
        # given
        old = notebook(stream("settings: epochs=2000, seed=1\nvalidation MSE: 4.060e-04\n"))
        new = notebook(stream("settings: epochs=2000, seed=1\nvalidation MSE: 4.061e-04\n"))

        # when
        code, report = self.run_on(old, new)

        # then
        self.assertEqual(1, code)
        self.assertIn("- cell 0: validation MSE: 4.060e-04", report)
        self.assertIn("+ cell 0: validation MSE: 4.061e-04", report)
        self.assertNotIn("epochs=2000", report)

    def test_numbers_are_whole_tokens_not_digits_inside_names_or_paths(self):
        # given / when
        lines = compare_renders.numbered_lines(notebook(stream(
            "n0n1 at results/quick/002 on h-present2: a 4-16-2 net, 1,024 codes, .05 and -3e-4, 60%\n")))

        # then
        self.assertEqual([("4.0", "16.0", "2.0", "1024.0", "0.05", "-0.0003", "%60.0")],
                         [numbers for _, _, numbers in lines])

    def test_one_value_printed_in_another_form_is_the_same_number_but_another_precision_is_not(self):
        # given: 1.0E-4 reprinted as 1e-4, 2.35E-2 as 0.0235; then 0.0235 printed with one more digit
        old = notebook(stream("chosen L1 coefficient: 1.0E-4\nmedian: 2.35E-2\n"))
        same = notebook(stream("chosen L1 coefficient: 1e-4\nmedian: 0.0235\n"))
        finer = notebook(stream("chosen L1 coefficient: 1e-4\nmedian: 0.02347\n"))

        # when / then
        self.assertEqual(0, self.run_on(old, same)[0])
        self.assertEqual(1, self.run_on(old, finer)[0])

    def test_a_notebook_missing_on_one_side_is_a_difference(self):
        with tempfile.TemporaryDirectory() as tmp:
            os.mkdir(os.path.join(tmp, "old"))
            os.mkdir(os.path.join(tmp, "new"))
            with open(os.path.join(tmp, "old", "x.ipynb"), "w") as f:
                json.dump(notebook(stream("1\n")), f)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = compare_renders.main([os.path.join(tmp, "old"), os.path.join(tmp, "new")])
        self.assertEqual(1, code)
        self.assertIn("x.ipynb: missing in", out.getvalue())


if __name__ == "__main__":
    unittest.main()
