import * as vscode from 'vscode';
import type { RequestLogEntry } from '../core/api/veoClient';
import { OUTPUT_CHANNEL_NAME } from '../constants';

/**
 * The "Veo Tasks" output channel. It records each request's method, endpoint, number of IDs, status
 * and duration: enough to diagnose, nothing secret (the client never hands it the token or a body).
 */
export class Log implements vscode.Disposable {
	private readonly channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });

	request(entry: RequestLogEntry): void {
		const what = [entry.method, entry.endpoint, entry.action, entry.idCount !== undefined ? `${entry.idCount} id(s)` : undefined].filter(Boolean).join(' ');
		const outcome = entry.status !== undefined ? `HTTP ${entry.status}` : 'no answer';
		const line = `${what} -> ${outcome}${entry.error ? ` (${entry.error})` : ''} in ${entry.durationMs} ms`;
		if (entry.error) {
			this.channel.warn(line);
		} else {
			// Routine: every poll writes one. Shown when the channel's level is Debug or Trace.
			this.channel.debug(line);
		}
	}

	info(message: string): void {
		this.channel.info(message);
	}

	warn(message: string): void {
		this.channel.warn(message);
	}

	error(message: string): void {
		this.channel.error(message);
	}

	show(): void {
		this.channel.show(true);
	}

	dispose(): void {
		this.channel.dispose();
	}
}
