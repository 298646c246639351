/** The URL policy: which origins get the token after which question, and where a setting comes from. */
import * as assert from 'node:assert/strict';
import { consentReasons, DEFAULT_API_BASE_URL, originOf, settingSource } from '../../../../src/core/api/urlPolicy';

describe('urlPolicy: where the base URL comes from', function () {
	it('the most specific layer holding the effective value wins', function () {
		const url = 'https://gw.example';
		assert.equal(settingSource(DEFAULT_API_BASE_URL, { defaultValue: DEFAULT_API_BASE_URL }), 'default');
		assert.equal(settingSource(url, { globalValue: url }), 'user');
		assert.equal(settingSource(url, { globalValue: 'https://other.example', workspaceValue: `${url}/` }), 'workspace');
		assert.equal(settingSource(url, { workspaceValue: 'https://w.example', workspaceFolderValue: ` ${url} ` }), 'workspaceFolder');
	});

	it('a workspace value that is not in effect (Restricted Mode) is not the source', function () {
		assert.equal(settingSource('https://mine.example', { globalValue: 'https://mine.example', workspaceValue: 'https://evil.example' }), 'user');
		assert.equal(settingSource(DEFAULT_API_BASE_URL, { workspaceValue: 'https://evil.example' }), 'default');
	});

	it('ignores layers that are not strings', function () {
		assert.equal(settingSource(DEFAULT_API_BASE_URL, { workspaceValue: 42 as unknown as string }), 'default');
	});
});

describe('urlPolicy: which origins get the token without a question', function () {
	const cases: [string, Parameters<typeof consentReasons>, string[]][] = [
		['the default, from the default', [DEFAULT_API_BASE_URL, 'default'], []],
		['https from the user settings', ['https://gw.example', 'user', { globalValue: 'https://gw.example' }], []],
		['loopback http from the user settings', ['http://127.0.0.1:8080', 'user'], []],
		['http to another machine from the user settings', ['http://gw.internal', 'user'], ['cleartext']],
		['https chosen by the workspace', ['https://evil.example', 'workspace', { workspaceValue: 'https://evil.example' }], ['workspaceChosen']],
		['https chosen by a folder', ['https://evil.example/api', 'workspaceFolder'], ['workspaceChosen']],
		['loopback chosen by the workspace', ['http://localhost:9999', 'workspace'], ['workspaceChosen']],
		['http to another machine chosen by the workspace', ['http://evil.example', 'workspace'], ['cleartext', 'workspaceChosen']],
		['the default origin named by the workspace', [`${DEFAULT_API_BASE_URL}/`, 'workspace'], []],
		['the origin the user settings name, repeated by the workspace', ['https://gw.example/v2', 'workspace', { globalValue: 'https://gw.example' }], []],
		['a look-alike of the default origin', ['https://api.acedata.cloud.evil.example', 'workspace'], ['workspaceChosen']],
		['another port on the default host', ['https://api.acedata.cloud:8443', 'workspace'], ['workspaceChosen']],
	];
	for (const [name, args, expected] of cases) {
		it(name, function () {
			assert.deepEqual(consentReasons(...args), expected);
		});
	}

	it('originOf is the scheme, host and port, or undefined', function () {
		assert.equal(originOf(' HTTPS://GW.Example:443/api/ '), 'https://gw.example');
		assert.equal(originOf('not a url'), undefined);
	});
});
