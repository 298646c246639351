/**
 * The error answers of the Veo API, exactly as tabled in docs/api.md ("Errors"):
 * HTTP status plus `{"success": false, "error": {"code", "message"}, "trace_id"}`.
 */
import { Answer, jsonAnswer } from './answers';
import { newTraceId } from './records';

interface ErrorSpec {
	status: number;
	message: string;
}

export const ERROR_TABLE = {
	token_mismatched: { status: 400, message: 'The token does not match this API; acquire a token for the Veo service.' },
	no_token: { status: 400, message: 'No token was provided; set the authorization header to "Bearer <token>".' },
	api_not_implemented: { status: 400, message: 'The requested action is not implemented by this API.' },
	bad_request: { status: 400, message: 'Bad request: missing or invalid parameters.' },
	disabled: { status: 400, message: 'This API or model is currently disabled.' },
	invalid_token: { status: 401, message: 'The token is invalid.' },
	token_expired: { status: 401, message: 'The token has expired; please acquire a new one.' },
	used_up: { status: 403, message: 'The balance of this account is used up; please recharge.' },
	forbidden: { status: 403, message: 'The request was refused: the prompt did not pass content moderation.' },
	no_api: { status: 404, message: 'The requested API does not exist.' },
	too_many_requests: { status: 429, message: 'Too many requests; you have exceeded the rate limit.' },
	api_error: { status: 500, message: 'Internal server error, please retry later.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export interface ErrorBody {
	success: false;
	error: { code: string; message: string };
	trace_id: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_TABLE, value);
}

export function errorBody(code: string, message: string): ErrorBody {
	return { success: false, error: { code, message }, trace_id: newTraceId() };
}

/** The full answer for an error code; `retryAfter` (seconds) adds a `retry-after` header. */
export function errorAnswer(code: ErrorCode, message?: string, retryAfter?: number): Answer {
	const answer = jsonAnswer(ERROR_TABLE[code].status, errorBody(code, message ?? ERROR_TABLE[code].message));
	if (retryAfter !== undefined) {
		answer.headers['retry-after'] = String(retryAfter);
	}
	return answer;
}

/**
 * What the provider's pay-per-request gateway (x402.acedata.cloud, its SDK's default origin since
 * 2026-07) answers a request that carries no payment: 402, a `payment-required` header and an x402
 * body, not the API's error shape (AceDataCloud/SDK typescript/src/runtime/payment.ts, 2026-08-07).
 * Sent as a raw fault: `server.enqueue(paymentRequiredFault())`.
 */
export function paymentRequiredFault(): { status: number; body: object; headers: Record<string, string> } {
	return {
		status: 402,
		headers: { 'payment-required': 'eyJ4NDAyVmVyc2lvbiI6MX0=' },
		body: {
			x402Version: 1,
			error: 'Payment required',
			accepts: [{ scheme: 'exact', network: 'base', amount: '10000', payTo: '0x0000000000000000000000000000000000000000', asset: 'USDC' }],
		},
	};
}
