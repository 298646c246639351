import * as vscode from 'vscode';
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { JsonDepthScanner, MAX_JSON_DEPTH } from '../core/security/jsonDepth';
import { formatNumber } from '../core/l10n/format';
import { WORKSPACE_TASK_LIST_PATH } from '../constants';
import { MAX_IMPORT_BYTES, readImportedTaskList, type ImportedTask } from '../core/tasks/taskExport';

/**
 * Files a repository controls (`.vscode/veo-tasks.json`, prompt files) and files written where a
 * repository suggested (Export Task List…), read and written only as regular files:
 * - no symbolic link is followed, on read or write (lstat, then O_NOFOLLOW where the platform has
 *   it, then the opened file must be the one lstat saw), and a file inside a workspace folder must
 *   really be inside it (its real path, so a linked `.vscode` folder does not lead out);
 * - the size cap is checked on the bytes actually read: the read stops at the cap (`/proc` files
 *   report size 0 and never end);
 * - JSON nesting is capped while reading (src/core/security/jsonDepth.ts), before JSON.parse;
 * - the read goes in pieces, so the extension host is never blocked for long in one go;
 * - nothing is read at startup in Restricted Mode (`mayReadAtStartup`).
 */

export type RefusalReason = 'symlink' | 'notFile' | 'outside' | 'tooLarge' | 'tooDeep';

export type RegularFileRead =
	{ kind: 'ok'; text: string } | { kind: 'missing' } | { kind: 'refused'; reason: RefusalReason; message: string } | { kind: 'error'; message: string };

export interface ReadLimits {
	maxBytes: number;
	/** Checked while reading; omit for text that is not JSON. */
	maxJsonDepth?: number;
	/** The workspace folder the file must be inside (by its real path); omit for a file the user chose. */
	insideFolder?: vscode.Uri;
}

/** How much is read at a time: small enough that decoding and scanning one piece takes well under a millisecond. */
const PIECE_BYTES = 64 * 1024;

/** Whether a repository's files may be read without the user asking: not in Restricted Mode. */
export function mayReadAtStartup(): boolean {
	return vscode.workspace.isTrusted;
}

function refusal(uri: vscode.Uri, reason: RefusalReason, limits?: ReadLimits): RegularFileRead {
	const name = vscode.workspace.asRelativePath(uri);
	const messages: Record<RefusalReason, () => string> = {
		symlink: () => vscode.l10n.t('{0} is a symbolic link: Veo Tasks reads and writes it only as a regular file.', name),
		notFile: () => vscode.l10n.t('{0} is not a regular file.', name),
		outside: () => vscode.l10n.t('{0} leads outside the workspace folder (through a linked folder): Veo Tasks reads it only inside the workspace.', name),
		tooLarge: () => vscode.l10n.t('{0} is larger than {1} MB; it was not read.', name, formatNumber((limits?.maxBytes ?? 0) / 1024 / 1024)),
		tooDeep: () => vscode.l10n.t('{0} nests deeper than {1} levels; it was not read.', name, formatNumber(limits?.maxJsonDepth ?? MAX_JSON_DEPTH)),
	};
	return { kind: 'refused', reason, message: messages[reason]() };
}

function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
}

/** Whether `child` is `folder` itself or inside it (both real, absolute paths). */
function isInside(folder: string, child: string): boolean {
	const relative = path.relative(folder, child);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** O_NOFOLLOW where the platform has it (not on Windows, where lstat alone decides). */
const NO_FOLLOW = fsConstants.O_NOFOLLOW ?? 0;
/** A FIFO swapped in after lstat must not block the open. */
const NON_BLOCK = fsConstants.O_NONBLOCK ?? 0;

/** Reads a file as a regular file only (see the module comment). Never throws. */
export async function readRegularFile(uri: vscode.Uri, limits: ReadLimits): Promise<RegularFileRead> {
	if (uri.scheme !== 'file') {
		return readThroughWorkspaceFs(uri, limits);
	}
	const file = uri.fsPath;
	let seen: Stats;
	try {
		seen = await fs.lstat(file);
	} catch (error) {
		return errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'error', message: String(error) };
	}
	if (seen.isSymbolicLink()) {
		return refusal(uri, 'symlink');
	}
	if (!seen.isFile()) {
		return refusal(uri, 'notFile');
	}
	try {
		if (limits.insideFolder && !isInside(await fs.realpath(limits.insideFolder.fsPath), await fs.realpath(file))) {
			return refusal(uri, 'outside');
		}
		const handle = await fs.open(file, fsConstants.O_RDONLY | NO_FOLLOW | NON_BLOCK);
		try {
			const opened = await handle.stat();
			// The file opened must be the one lstat saw: a link or a device swapped in meanwhile is refused.
			if (!opened.isFile() || opened.ino !== seen.ino || opened.dev !== seen.dev) {
				return refusal(uri, 'notFile');
			}
			return await readPieces(uri, limits, async (buffer) => (await handle.read(buffer, 0, buffer.length, null)).bytesRead);
		} finally {
			await handle.close();
		}
	} catch (error) {
		if (errorCode(error) === 'ELOOP') {
			return refusal(uri, 'symlink');
		}
		return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
	}
}

/** Reads up to the cap, piece by piece, scanning the JSON nesting as it goes; stops at the first piece past either cap. */
async function readPieces(uri: vscode.Uri, limits: ReadLimits, read: (buffer: Buffer) => Promise<number>): Promise<RegularFileRead> {
	const decoder = new TextDecoder('utf-8', { fatal: false });
	const scanner = limits.maxJsonDepth !== undefined ? new JsonDepthScanner(limits.maxJsonDepth) : undefined;
	const pieces: string[] = [];
	const buffer = Buffer.alloc(PIECE_BYTES);
	let total = 0;
	for (;;) {
		const bytes = await read(buffer);
		if (bytes === 0) {
			break;
		}
		total += bytes;
		if (total > limits.maxBytes) {
			return refusal(uri, 'tooLarge', limits);
		}
		const piece = decoder.decode(buffer.subarray(0, bytes), { stream: true });
		if (scanner && !scanner.feed(piece)) {
			return refusal(uri, 'tooDeep', limits);
		}
		pieces.push(piece);
	}
	pieces.push(decoder.decode());
	return { kind: 'ok', text: pieces.join('') };
}

/** Virtual workspaces (no local path): the file system's own stat says whether it is a link. */
async function readThroughWorkspaceFs(uri: vscode.Uri, limits: ReadLimits): Promise<RegularFileRead> {
	let stat: vscode.FileStat;
	try {
		stat = await vscode.workspace.fs.stat(uri);
	} catch (error) {
		return error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? { kind: 'missing' } : { kind: 'error', message: String(error) };
	}
	if (stat.type & vscode.FileType.SymbolicLink) {
		return refusal(uri, 'symlink');
	}
	if (!(stat.type & vscode.FileType.File)) {
		return refusal(uri, 'notFile');
	}
	if (stat.size > limits.maxBytes) {
		return refusal(uri, 'tooLarge', limits);
	}
	let bytes: Uint8Array;
	try {
		bytes = await vscode.workspace.fs.readFile(uri);
	} catch (error) {
		return { kind: 'error', message: String(error) };
	}
	let offset = 0;
	return readPieces(uri, limits, async (buffer) => {
		const count = Math.min(buffer.length, bytes.length - offset);
		buffer.set(bytes.subarray(offset, offset + count));
		offset += count;
		return count;
	});
}

/** Why a write was refused; its message is for the user. */
export class RegularFileWriteError extends Error {}

/**
 * Writes a file as a regular file only: an existing symbolic link (or anything but a regular file)
 * at the path is refused, never written through; a path inside a workspace folder must really be
 * inside it. The text goes to a new temporary file beside it (created exclusively, never through a
 * link) that then replaces the path: a rename replaces a link swapped in meanwhile, it does not follow it.
 */
export async function writeRegularFile(uri: vscode.Uri, text: string): Promise<void> {
	if (uri.scheme !== 'file') {
		const existing = await vscode.workspace.fs.stat(uri).then(
			(stat) => stat,
			() => undefined,
		);
		if (existing && existing.type & vscode.FileType.SymbolicLink) {
			throw new RegularFileWriteError(refusalMessage(uri, 'symlink'));
		}
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
		return;
	}
	const file = uri.fsPath;
	const existing = await fs.lstat(file).catch((error: unknown) => {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}
		throw error;
	});
	if (existing?.isSymbolicLink()) {
		throw new RegularFileWriteError(refusalMessage(uri, 'symlink'));
	}
	if (existing && !existing.isFile()) {
		throw new RegularFileWriteError(refusalMessage(uri, 'notFile'));
	}
	const folder = vscode.workspace.getWorkspaceFolder(uri);
	if (folder?.uri.scheme === 'file' && !isInside(await fs.realpath(folder.uri.fsPath), await fs.realpath(path.dirname(file)))) {
		throw new RegularFileWriteError(refusalMessage(uri, 'outside'));
	}
	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
	const handle = await fs.open(
		temporary,
		fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | NO_FOLLOW,
		existing ? existing.mode & 0o777 : 0o644,
	);
	try {
		await handle.writeFile(text);
	} finally {
		await handle.close();
	}
	try {
		await fs.rename(temporary, file);
	} catch (error) {
		await fs.rm(temporary, { force: true });
		throw error;
	}
}

function refusalMessage(uri: vscode.Uri, reason: RefusalReason): string {
	const refused = refusal(uri, reason);
	return refused.kind === 'refused' ? refused.message : '';
}

/**
 * Whether a path in a workspace folder may be suggested as a place to write: absent, or a regular
 * file, with no link on the way from the folder (so a save dialog never offers a link's target).
 */
export async function isPlainWorkspacePath(folder: vscode.Uri, relativePath: string): Promise<boolean> {
	if (folder.scheme !== 'file') {
		return true;
	}
	let current = folder.fsPath;
	for (const part of relativePath.split('/')) {
		current = path.join(current, part);
		try {
			const stat = await fs.lstat(current);
			if (stat.isSymbolicLink()) {
				return false;
			}
		} catch {
			return true;
		}
	}
	return true;
}

/** A team's task list in a workspace folder: `.vscode/veo-tasks.json`, in the export format. */
export interface WorkspaceTaskList {
	uri: vscode.Uri;
	tasks: ImportedTask[];
	/** The file is an exported list (not any file with task IDs in it). */
	recognized: boolean;
}

/** What looking for the workspace's list found. */
export interface WorkspaceTaskListScan {
	list?: WorkspaceTaskList;
	/** A file was there (read, or refused): the offer counts as made, so it does not come back every start. */
	lookedAt: boolean;
	/** Why a file there was not read (a link, too large, too deep), for the user who asked for it. */
	refused?: string;
}

/** Each workspace folder's `.vscode/veo-tasks.json` that exists (a link counts: reading it refuses it), in folder order. */
export async function workspaceTaskListFiles(): Promise<vscode.Uri[]> {
	const found: vscode.Uri[] = [];
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const uri = vscode.Uri.joinPath(folder.uri, ...WORKSPACE_TASK_LIST_PATH.split('/'));
		try {
			await vscode.workspace.fs.stat(uri);
			found.push(uri);
		} catch {
			// No list in this folder.
		}
	}
	return found;
}

/**
 * Looks at each workspace folder's `.vscode/veo-tasks.json` until one holds task IDs. The repository
 * controls that file: it is read only as a regular file inside the folder, capped while reading.
 */
export async function scanWorkspaceTaskList(): Promise<WorkspaceTaskListScan> {
	const scan: WorkspaceTaskListScan = { lookedAt: false };
	for (const folder of vscode.workspace.workspaceFolders ?? []) {
		const uri = vscode.Uri.joinPath(folder.uri, ...WORKSPACE_TASK_LIST_PATH.split('/'));
		const read = await readRegularFile(uri, { maxBytes: MAX_IMPORT_BYTES, maxJsonDepth: MAX_JSON_DEPTH, insideFolder: folder.uri });
		if (read.kind === 'missing') {
			continue;
		}
		scan.lookedAt = true;
		if (read.kind !== 'ok') {
			scan.refused ??= read.message;
			continue;
		}
		const { tasks, recognized } = readImportedTaskList(read.text);
		if (tasks.length) {
			scan.list = { uri, tasks, recognized };
			return scan;
		}
	}
	return scan;
}

/** The first workspace folder's `.vscode/veo-tasks.json` that holds task IDs; undefined without one. */
export async function findWorkspaceTaskList(): Promise<WorkspaceTaskList | undefined> {
	return (await scanWorkspaceTaskList()).list;
}
