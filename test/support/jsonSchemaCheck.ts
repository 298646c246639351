/**
 * The few JSON Schema keywords our schemas/ use (type, const, required, properties,
 * additionalProperties: false, items, pattern), checked the way VS Code's JSON language service
 * reads them: enough to test the schema without a validator dependency. An unknown keyword fails,
 * so a schema that grows beyond this check is noticed.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
	'$schema',
	'title',
	'description',
	'examples',
	'format',
	'type',
	'const',
	'required',
	'properties',
	'additionalProperties',
	'items',
	'pattern',
]);

function typeOf(value: unknown): string {
	if (Array.isArray(value)) {
		return 'array';
	}
	if (value === null) {
		return 'null';
	}
	return Number.isInteger(value) ? 'integer' : typeof value;
}

/** The problems of `value` under `schema`, each with its JSON path; empty when it is valid. */
export function schemaProblems(schema: Schema, value: unknown, at = '$'): string[] {
	for (const keyword of Object.keys(schema)) {
		if (!KNOWN.has(keyword)) {
			throw new Error(`${at}: the check does not know the keyword ${keyword}`);
		}
	}
	const problems: string[] = [];
	const type = schema.type as string | undefined;
	if (type && typeOf(value) !== type && !(type === 'number' && typeof value === 'number')) {
		return [`${at}: a ${typeOf(value)}, not a ${type}`];
	}
	if ('const' in schema && value !== schema.const) {
		problems.push(`${at}: ${JSON.stringify(value)}, not ${JSON.stringify(schema.const)}`);
	}
	if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
		problems.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
	}
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const object = value as Record<string, unknown>;
		const properties = (schema.properties ?? {}) as Record<string, Schema>;
		for (const key of (schema.required ?? []) as string[]) {
			if (!(key in object)) {
				problems.push(`${at}: lacks ${key}`);
			}
		}
		for (const [key, child] of Object.entries(object)) {
			if (properties[key]) {
				problems.push(...schemaProblems(properties[key], child, `${at}.${key}`));
			} else if (schema.additionalProperties === false) {
				problems.push(`${at}: ${key} is not allowed`);
			}
		}
	}
	if (Array.isArray(value) && schema.items) {
		value.forEach((item, index) => problems.push(...schemaProblems(schema.items as Schema, item, `${at}[${index}]`)));
	}
	return problems;
}
