import * as vscode from 'vscode';
import { PLATFORM_URL } from '../../constants';
import type { VeoError } from '../../core/api/veoError';
import { plainServerText } from '../../core/tasks/taskReport';

/**
 * What the user must do about a failure, for a model to pass on: one sentence per error kind, after
 * the error's own (already redacted) message. Never the token: the message comes from VeoError,
 * which redacts what an answer quoted back.
 */
export function errorForAgent(error: VeoError): string {
	const message = plainServerText(error.message, 600);
	return `${message}\n${fixFor(error)}`;
}

function fixFor(error: VeoError): string {
	switch (error.kind) {
		case 'noToken':
			return vscode.l10n.t(
				'What to do: the user runs "Veo: Set API Token" in VS Code (or sets ACEDATACLOUD_API_TOKEN). Never ask for the token in the chat: it stays in VS Code.',
			);
		case 'auth':
			return vscode.l10n.t('What to do: the API token was refused. The user runs "Veo: Set API Token" with a valid token from {0}.', PLATFORM_URL);
		case 'quota':
			return vscode.l10n.t("What to do: the account's balance is used up. The user tops it up at {0}; nothing was started.", PLATFORM_URL);
		case 'refused':
			return vscode.l10n.t(
				'What to do: the API refused the request (content moderation or a disabled application). Change the prompt, or the user checks the account at {0}.',
				PLATFORM_URL,
			);
		case 'paymentRequired':
			return vscode.l10n.t(
				'What to do: the server asks for a payment per request (a pay-per-request gateway). Veo Tasks needs an API token for {0}: the user sets veoTasks.apiBaseUrl to it and runs "Veo: Set API Token".',
				'https://api.acedata.cloud',
			);
		case 'endpointNotFound':
			return vscode.l10n.t('What to do: the user checks the setting veoTasks.apiBaseUrl (the API was not found there).');
		case 'badRequest':
			return vscode.l10n.t('What to do: correct the request as the message says, then try again.');
		case 'rateLimited':
		case 'server':
		case 'network':
		case 'timeout':
		case 'badResponse':
			return vscode.l10n.t('What to do: try again in a minute; Veo Tasks keeps polling tracked tasks by itself.');
	}
}
