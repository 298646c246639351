// The test host in VS Code's Simplified Chinese display language (startCodeServer and
// runSuiteInCodeServer with displayLanguage: 'zh-cn'). A throwaway probe extension, written into a
// temp folder here, carries a package.nls.zh-cn.json and an l10n bundle; the tests check that VS
// Code reads both, as it will read the extension's own once it has them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { loadHost, type CodeServer, type HostModule } from './hostModule';
import { openWorkbench, screenshotOnFailure } from './pageActions';

const PROBE_ID = 'veo-tasks-test.l10n-probe';
const MESSAGE = 'Hello from the probe';
const MESSAGE_ZH = '探针向你问好';
const TITLE_ZH = '向探针问好';
const CATEGORY_ZH = '探针';

interface ProbeReport {
	language: string;
	message: string;
}

/** Writes the probe extension into a new temp folder and returns the folder. */
function writeProbeExtension(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-l10n-probe-'));
	const write = (file: string, contents: unknown): void => {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), typeof contents === 'string' ? contents : JSON.stringify(contents, null, '\t'));
	};
	write('package.json', {
		name: 'l10n-probe',
		publisher: 'veo-tasks-test',
		version: '0.0.1',
		engines: { vscode: '^1.96.0' },
		main: './extension.js',
		activationEvents: ['onStartupFinished'],
		// Where vscode.l10n.t looks for bundle.l10n.<language>.json.
		l10n: './l10n',
		contributes: {
			commands: [{ command: 'l10nProbe.hello', title: '%probe.hello.title%', category: '%probe.category%' }],
		},
	});
	write('package.nls.json', { 'probe.hello.title': 'Say Hello to the Probe', 'probe.category': 'Probe' });
	write('package.nls.zh-cn.json', { 'probe.hello.title': TITLE_ZH, 'probe.category': CATEGORY_ZH });
	write('l10n/bundle.l10n.zh-cn.json', { [MESSAGE]: MESSAGE_ZH });
	// Reports what the extension host sees to the file named in its environment, if any.
	write(
		'extension.js',
		`const fs = require('fs');
const vscode = require('vscode');
exports.activate = () => {
	const report = { language: vscode.env.language, message: vscode.l10n.t(${JSON.stringify(MESSAGE)}) };
	if (process.env.VEO_L10N_PROBE_REPORT) {
		fs.writeFileSync(process.env.VEO_L10N_PROBE_REPORT, JSON.stringify(report));
	}
};
`,
	);
	// The same checks as a suite for runSuiteInCodeServer: run() rejecting fails the run.
	write(
		'suite.js',
		`const assert = require('assert');
const vscode = require('vscode');
exports.run = async () => {
	assert.strictEqual(vscode.env.language, 'zh-cn');
	// The extension host reads an extension's l10n bundle when it activates the extension: before
	// that, vscode.l10n.t answers in English even in zh-cn.
	await vscode.extensions.getExtension(${JSON.stringify(PROBE_ID)}).activate();
	assert.strictEqual(vscode.l10n.t(${JSON.stringify(MESSAGE)}), ${JSON.stringify(MESSAGE_ZH)});
	// A localised manifest keeps each translated title beside its original.
	const title = vscode.extensions.getExtension(${JSON.stringify(PROBE_ID)}).packageJSON.contributes.commands[0].title;
	assert.deepStrictEqual(title, { value: ${JSON.stringify(TITLE_ZH)}, original: 'Say Hello to the Probe' });
	console.log('l10n probe suite: all checks passed');
};
`,
	);
	return dir;
}

async function readReport(file: string): Promise<ProbeReport> {
	// The probe activates on startup finished, some time after the workbench shows.
	for (let attempt = 0; attempt < 300 && !fs.existsSync(file); attempt++) {
		await sleep(100);
	}
	return JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeReport;
}

describe('The test host in Simplified Chinese (displayLanguage: zh-cn)', function () {
	this.timeout(120_000);
	let host: HostModule;
	let probe: string;
	let workspace: string;

	before(async () => {
		host = await loadHost();
		probe = writeProbeExtension();
		workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-l10n-workspace-'));
	});

	after(() => {
		fs.rmSync(probe, { recursive: true, force: true });
		fs.rmSync(workspace, { recursive: true, force: true });
	});

	describe('startCodeServer', () => {
		let server: CodeServer | undefined;
		let closeBrowser: (() => Promise<void>) | undefined;
		let page: Page;
		const reportFile = (): string => path.join(workspace, 'probe-report.json');

		before(async () => {
			server = await host.startCodeServer({
				extensionDevelopmentPath: probe,
				workspaceFolder: workspace,
				displayLanguage: 'zh-cn',
				env: { VEO_L10N_PROBE_REPORT: reportFile() },
				userSettings: { 'workbench.startupEditor': 'none' },
			});
			({ page, close: closeBrowser } = await openWorkbench(host, server));
		});

		after(async () => {
			await closeBrowser?.();
			await server?.stop();
		});

		afterEach(async function () {
			await screenshotOnFailure(this.currentTest, page, host.ARTIFACTS_DIR, 'zh-cn');
		});

		it('the extension host sees zh-cn and vscode.l10n.t answers from the zh-cn bundle', async () => {
			assert.deepEqual(await readReport(reportFile()), { language: 'zh-cn', message: MESSAGE_ZH });
		});

		it("the Command Palette shows the command's title from package.nls.zh-cn.json", async () => {
			await page.keyboard.press('F1');
			const input = page.locator('.quick-input-widget input.input');
			await input.waitFor();
			await input.fill(`>${CATEGORY_ZH}`);
			const row = page.locator('.quick-input-list .monaco-list-row', { hasText: TITLE_ZH }).first();
			await row.waitFor();
			// The row's label, then VS Code's own "original title" alias on its second line.
			assert.equal((await row.innerText()).split('\n')[0], `${CATEGORY_ZH}: ${TITLE_ZH}`);
			await page.keyboard.press('Escape');
		});

		it("the workbench's own strings come from the language pack (test/host/zh-cn-language-pack)", async () => {
			// The activity bar's Explorer icon, labelled "资源管理器 (Ctrl+Shift+E)" by the pack's
			// main.i18n.json; the other icons keep their English labels (the pack is that small).
			const explorer = page.locator('.activitybar .action-label.codicon-explorer-view-icon');
			assert.match((await explorer.getAttribute('aria-label')) ?? '', /^资源管理器 /);
			const search = page.locator('.activitybar .action-label.codicon-search-view-icon');
			assert.match((await search.getAttribute('aria-label')) ?? '', /^Search /);
		});
	});

	describe('runSuiteInCodeServer', () => {
		it('runs a suite whose extension host is in zh-cn', async () => {
			const lines: string[] = [];
			const result = await host.runSuiteInCodeServer({
				extensionDevelopmentPath: probe,
				extensionTestsPath: path.join(probe, 'suite.js'),
				displayLanguage: 'zh-cn',
				name: 'zh-cn-probe',
				log: (line) => lines.push(line),
			});
			assert.equal(result.exitCode, 0, `the probe suite failed:\n${lines.join('\n')}`);
			assert.ok(lines.includes('l10n probe suite: all checks passed'), lines.join('\n'));
		});
	});
});
