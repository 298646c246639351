// Typed access to the test host (plain .mjs, so that it runs before anything is compiled).
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CodeServer {
	url: string;
	port: number;
	workspaceFolder?: string;
	extensionDevelopmentPath?: string;
	logFile: string;
	stop(): Promise<void>;
}

export interface HostModule {
	ARTIFACTS_DIR: string;
	startCodeServer(options: {
		extensionDevelopmentPath?: string;
		workspaceFolder?: string;
		userSettings?: Record<string, unknown>;
		env?: Record<string, string>;
		displayLanguage?: string;
	}): Promise<CodeServer>;
	runSuiteInCodeServer(options: {
		extensionDevelopmentPath: string;
		extensionTestsPath: string;
		workspaceFolder?: string;
		userSettings?: Record<string, unknown>;
		env?: Record<string, string>;
		displayLanguage?: string;
		timeoutMs?: number;
		name?: string;
		log?: (line: string) => void;
	}): Promise<{ exitCode: number; timedOut: boolean; durationMs: number }>;
	workbenchUrl(server: CodeServer, options?: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
	launchChromium(options?: {
		headless?: boolean;
		viewport?: { width: number; height: number };
	}): Promise<{ browser: Browser; context: BrowserContext; page: Page; close(): Promise<void> }>;
}

export async function loadHost(): Promise<HostModule> {
	// A variable specifier keeps TypeScript from compiling this import into require(): an .mjs
	// module can only be loaded with a real import().
	const specifier = path.join(REPO_ROOT, 'test', 'host', 'codeServer.mjs');
	return (await import(specifier)) as HostModule;
}
