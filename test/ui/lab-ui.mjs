// The browser test of multitask-lab (bin/lab ui-test runs it; see README "Browser test").
//
// Drives a running JupyterLab (on 127.0.0.1, with a token) in Debian's Chromium through playwright-core. For each
// kernel: opens 001-multi-mult (a copy whose metadata names that kernel, so JupyterLab starts it as it would for a
// user), runs all cells, checks what a reader sees, interrupts a long training cell and checks that the next cell
// prints; then runs 002 and screenshots both. Every wait is bounded; any failure ends with a non-zero exit.
//
// usage: node test/ui/lab-ui.mjs --url http://127.0.0.1:PORT --token TOKEN --kernels a,b --out DIR --results DIR
//        The server's root holds one folder per kernel with the notebooks, its kernels see LAB_RESULTS=--results
//        (emptied before each kernel, so 001 trains and its progress line moves), and it exposes the app in the
//        browser (--LabApp.expose_app_in_browser) so the test can read output types and the kernel status.
import { chromium } from 'playwright-core';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
    a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
for (const key of ['url', 'token', 'kernels', 'out', 'results']) {
    if (!args[key]) {
        console.error(`lab-ui: missing --${key}`);
        process.exit(2);
    }
}
const BASE = args.url.replace(/\/$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) {
    console.error(`lab-ui: --url must be http://127.0.0.1:PORT, not '${args.url}'`);
    process.exit(2);
}
const KERNELS = args.kernels.split(',');
const OUT = args.out;
const MINUTE = 60_000;
// Bounds, generous for 2 busy cores: a whole quick-profile notebook, a kernel start, one small cell.
const RUN_ALL_TIMEOUT = Number(process.env.LAB_UI_RUN_TIMEOUT_MIN || 15) * MINUTE;
const KERNEL_READY_TIMEOUT = 2 * MINUTE;
const CELL_TIMEOUT = 2 * MINUTE;
const INTERRUPT_TIMEOUT = MINUTE;

// The flags SPEC.md lists for Debian's Chromium headless; --no-sandbox only as root.
const CHROMIUM_FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
if (process.getuid && process.getuid() === 0) {
    CHROMIUM_FLAGS.push('--no-sandbox');
}

const failures = [];
function check(ok, what) {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) {
        failures.push(what);
    }
}

function log(message) {
    console.log(`lab-ui: ${message}`);
}

async function menu(page, top, item) {
    await page.locator('#jp-MainMenu .lm-MenuBar-itemLabel', { hasText: new RegExp(`^${top}$`) }).click();
    await page.locator('.lm-Menu:visible .lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }).first().click();
}

// The kernel status of the current notebook as JupyterLab's model has it ('idle', 'busy', 'starting', ...).
async function kernelStatus(page) {
    return page.evaluate(() => {
        const widget = window.jupyterapp?.shell?.currentWidget;
        return widget?.sessionContext?.session?.kernel?.status ?? 'none';
    });
}

async function kernelReady(page) {
    return page.evaluate(async () => {
        const kernel = window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel;
        if (!kernel || kernel.connectionStatus !== 'connected') {
            return false;
        }
        return Promise.race([kernel.info.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
    });
}

async function waitFor(what, timeout, probe, everyMs = 250) {
    const deadline = Date.now() + timeout;
    for (;;) {
        const value = await probe();
        if (value) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${Math.round(timeout / 1000)} s waiting for ${what}`);
        }
        await new Promise((r) => setTimeout(r, everyMs));
    }
}

// The state of the open notebook from JupyterLab's model (the page renders only the cells in view): the kernel
// status and, per code cell, its execution count and whether it is queued or running.
async function runState(page) {
    return page.evaluate(() => {
        const widget = window.jupyterapp.shell.currentWidget;
        const cells = widget.content.model.cells;
        const code = [];
        for (let i = 0; i < cells.length; i++) {
            const c = cells.get(i);
            if (c.type === 'code') {
                code.push({ count: c.executionCount, state: c.executionState });
            }
        }
        return { status: widget.sessionContext?.session?.kernel?.status ?? 'none', code };
    });
}

// Done when the kernel is idle and no code cell is queued or running, twice in a row half a second apart.
// A cell that failed stops Run All and leaves the rest unnumbered: the checks on outputs then report it.
async function idleAndDone(page) {
    for (let i = 0; i < 2; i++) {
        const s = await runState(page);
        if (s.status !== 'idle' || s.code.length === 0 || s.code.some((c) => c.state === 'running')
            || s.code[0].count === null) {
            return false;
        }
        if (i === 0) {
            await new Promise((r) => setTimeout(r, 500));
        }
    }
    return true;
}

// Output types from the notebook model, to tell an error output from stderr text (both render alike).
async function outputTypes(page) {
    return page.evaluate(() => {
        const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
        const types = [];
        for (let i = 0; i < cells.length; i++) {
            const outputs = cells.get(i).outputs;
            for (let j = 0; outputs && j < outputs.length; j++) {
                const o = outputs.get(j);
                types.push({ cell: i, type: o.type, name: o.toJSON().name ?? '', text: JSON.stringify(o.toJSON()).slice(0, 300) });
            }
        }
        return types;
    });
}

async function openNotebook(context, kernel, name) {
    const page = await context.newPage();
    page.setDefaultTimeout(CELL_TIMEOUT);
    const url = `${BASE}/lab/tree/${kernel}/${name}.ipynb?reset`;
    await page.goto(url);
    await page.locator('.jp-NotebookPanel:visible .jp-Notebook').waitFor({ timeout: KERNEL_READY_TIMEOUT });
    const started = Date.now();
    // Ready as JupyterLab sees it: the kernel's websocket is connected and its kernel_info reply arrived. (Its status
    // stays "unknown" until the first cell: JupyterLab ignores the status messages of kernel_info requests, and
    // JJava and rapaio publish no other status before the first execution.)
    await waitFor(`kernel ${kernel} ready after opening ${name}`, KERNEL_READY_TIMEOUT, async () => kernelReady(page));
    const ready = (Date.now() - started) / 1000;
    // Reported, not judged: the 10 s bound is bin/lab soak-lab's, over 50 opens (this machine may be busy).
    log(`${kernel}: ${name} open, kernel ready after ${ready.toFixed(1)} s`);
    return page;
}

// Runs all cells; returns the distinct texts the progress line showed while they ran.
async function runAll(page, kernel, name, progressMarker) {
    await menu(page, 'Run', 'Run All Cells');
    const seen = new Set();
    const started = Date.now();
    let lastReport = started;
    await waitFor(`${name} to finish on ${kernel}`, RUN_ALL_TIMEOUT, async () => {
        if (Date.now() - lastReport > MINUTE) {
            lastReport = Date.now();
            const s = await runState(page);
            log(`${kernel}: ${name} after ${((Date.now() - started) / 1000).toFixed(0)} s: kernel ${s.status}, cells `
                + s.code.map((c) => (c.state === 'running' ? '*' : c.count ?? '-')).join(' '));
        }
        if (progressMarker) {
            const texts = await page.locator('.jp-NotebookPanel:visible .jp-OutputArea-output')
                .filter({ hasText: progressMarker }).allTextContents();
            texts.forEach((t) => seen.add(t.trim()));
        }
        return idleAndDone(page);
    }, 200);
    log(`${kernel}: ${name} ran in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return [...seen];
}

// Screenshots the whole open notebook, page by page from the top: <file>-1.png, <file>-2.png, ... (each at
// full size, so a reader can check every figure).
async function screenshot(page, file) {
    const outer = page.locator('.jp-NotebookPanel:visible .jp-WindowedPanel-outer');
    await outer.evaluate((el) => { el.scrollTop = 0; });
    for (let n = 1; n <= 40; n++) {
        await page.waitForTimeout(1500);
        // JupyterLab lets the notebook scroll a page past its last cell: a page that shows no cell is not taken
        const shows = await outer.evaluate((el) => {
            const top = el.getBoundingClientRect().top;
            return [...el.querySelectorAll('.jp-Cell')].some((c) => c.getBoundingClientRect().bottom > top + 40);
        });
        if (!shows && n > 1) {
            log(`screenshots ${join(OUT, file)}-1..${n - 1}.png`);
            return;
        }
        const path = join(OUT, `${file}-${n}.png`);
        await page.screenshot({ path });
        const more = await outer.evaluate((el) => {
            const before = el.scrollTop;
            el.scrollTop = before + el.clientHeight - 80;
            return el.scrollTop > before;
        });
        if (!more) {
            log(`screenshots ${join(OUT, file)}-1..${n}.png`);
            return;
        }
    }
}

// Types the code into a new code cell at the end (the empty one Shift+Enter left there, else one inserted with
// B) and runs it with Shift+Enter; returns its index.
async function addAndRun(page, code) {
    const cells = page.locator('.jp-NotebookPanel:visible .jp-Cell');
    const count = await cells.count();
    const lastIsEmpty = await page.evaluate(() => {
        const model = window.jupyterapp.shell.currentWidget.content.model.cells;
        const last = model.get(model.length - 1);
        return last.type === 'code' && last.sharedModel.getSource() === '';
    });
    await cells.nth(count - 1).locator('.jp-InputArea-prompt').click();
    await page.keyboard.press('Escape');
    if (!lastIsEmpty) {
        await page.keyboard.press('b');
        await waitFor('a new cell', CELL_TIMEOUT, async () => (await cells.count()) === count + 1);
    }
    await page.keyboard.press('Enter');
    await page.keyboard.type(code);
    await page.keyboard.press('Shift+Enter');
    return lastIsEmpty ? count - 1 : count;
}

async function cellOutputText(page, index) {
    return (await page.locator('.jp-NotebookPanel:visible .jp-Cell').nth(index)
        .locator('.jp-OutputArea-output').allTextContents()).join('\n');
}

// Whether cell `index` has run: numbered and neither queued nor running (from the model).
async function cellDone(page, index) {
    return page.evaluate((i) => {
        const c = window.jupyterapp.shell.currentWidget.content.model.cells.get(i);
        return c.executionCount !== null && c.executionState !== 'running';
    }, index);
}

async function test001(context, kernel) {
    const name = '001-multi-mult';
    log(`${kernel}: ${name}`);
    const page = await openNotebook(context, kernel, name);
    const progress = await runAll(page, kernel, name, 'Adam, full batch');
    const panel = page.locator('.jp-NotebookPanel:visible');
    const images = await panel.locator('.jp-OutputArea-output img').count();
    const tables = await panel.locator('.jp-OutputArea-output table').count();
    const text = (await panel.locator('.jp-OutputArea-output').allTextContents()).join('\n');
    const types = await outputTypes(page);
    const errors = types.filter((o) => o.type === 'error' || o.name === 'stderr');
    check(images >= 4, `${kernel}: ${name} shows at least 4 images (${images})`);
    check(tables >= 1, `${kernel}: ${name} shows at least 1 table (${tables})`);
    check(errors.length === 0, `${kernel}: ${name} has no error or stderr output${errors.length ? ': ' + errors.map((e) => e.text).join(' | ') : ''}`);
    check(/validation MSE: [0-9.eE+-]+/.test(text), `${kernel}: ${name} prints a "validation MSE" line`);
    check(progress.length >= 2, `${kernel}: the progress line showed at least two different values (${progress.length}: ${progress.slice(0, 3).join(' / ')})`);
    await screenshot(page, `${kernel}-${name}`);

    // Kernel > Interrupt during a long training run, then a plain cell must print.
    const longCell = await addAndRun(page,
        'lab.train.MultiMultTrainer.train(settings.withEpochs(100_000), Show.progress("long training"));');
    await waitFor('the long cell to train', CELL_TIMEOUT, async () => /long training: \[/.test(await cellOutputText(page, longCell)));
    await page.waitForTimeout(2000);
    await menu(page, 'Kernel', 'Interrupt Kernel');
    const interrupted = Date.now();
    await waitFor('the interrupted cell to end', INTERRUPT_TIMEOUT, async () => cellDone(page, longCell));
    const stopSeconds = (Date.now() - interrupted) / 1000;
    const longText = await cellOutputText(page, longCell);
    check(/interrupted/.test(longText), `${kernel}: the interrupted cell ended in ${stopSeconds.toFixed(1)} s saying so: "${longText.split('\n').filter((l) => /interrupted/.test(l))[0] ?? longText.slice(-200)}"`);
    const next = await addAndRun(page, 'System.out.println("after the interrupt: " + (6 * 7));');
    await waitFor('the cell after the interrupt', CELL_TIMEOUT, async () => cellDone(page, next));
    const nextText = await cellOutputText(page, next);
    check(/after the interrupt: 42/.test(nextText), `${kernel}: the next cell prints normally ("${nextText.trim()}")`);
    await page.screenshot({ path: join(OUT, `${kernel}-${name}-interrupt.png`) });
    await page.close();
}

async function test002(context, kernel) {
    const name = '002-multi-mult-ind-dist';
    log(`${kernel}: ${name}`);
    const page = await openNotebook(context, kernel, name);
    await runAll(page, kernel, name, null);
    const panel = page.locator('.jp-NotebookPanel:visible');
    const images = await panel.locator('.jp-OutputArea-output img').count();
    const errors = (await outputTypes(page)).filter((o) => o.type === 'error' || o.name === 'stderr');
    check(images >= 9, `${kernel}: ${name} shows at least 9 images (${images})`);
    check(errors.length === 0, `${kernel}: ${name} has no error or stderr output${errors.length ? ': ' + errors.map((e) => e.text).join(' | ') : ''}`);
    await screenshot(page, `${kernel}-${name}`);
    await page.close();
}

async function main() {
    mkdirSync(OUT, { recursive: true });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
    try {
        for (const kernel of KERNELS) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
            // Only the JupyterLab server on 127.0.0.1 is reachable: anything else the page asks for is refused.
            await context.route((url) => !url.href.startsWith(BASE + '/'), (route) => route.abort());
            rmSync(args.results, { recursive: true, force: true });
            const login = await context.newPage();
            await login.goto(`${BASE}/lab?token=${encodeURIComponent(args.token)}`);
            await login.close();
            try {
                await test001(context, kernel);
                await test002(context, kernel);
            } catch (e) {
                check(false, `${kernel}: ${e.message.split('\n')[0]}`);
                for (const page of context.pages()) {
                    await page.screenshot({ path: join(OUT, `${kernel}-failure.png`) }).catch(() => {});
                }
            }
            await context.close();
        }
    } finally {
        await browser.close();
    }
    if (failures.length) {
        console.log(`lab-ui: ${failures.length} check(s) failed:\n  - ${failures.join('\n  - ')}`);
        process.exit(1);
    }
    log('all checks passed');
}

main().catch((e) => {
    console.error(`lab-ui: ${e.message}`);
    process.exit(1);
});
