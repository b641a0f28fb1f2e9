/** Reading item i's parameters (with the rule errors the shared validators raise) and shaping its output. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	epochSeconds,
	fail,
	PaymentsValidationError,
	validateConfigurationName,
} from '../../../shared';
import type { Country } from '../../../shared';
import { getGraphBase } from '../../../common/transport';

/** A rule error as one line: the field, the rule, the value, that nothing was sent and what to do. */
export function refusedMessage(error: PaymentsValidationError): string {
	return `Invalid ${error.message}. Nothing was sent to Meta: correct ${error.field} and try again.`;
}

/** Runs a shared builder/validator and turns its rule errors into NodeOperationErrors for item i. */
export function validated<T>(ctx: IExecuteFunctions, i: number, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof PaymentsValidationError) {
			// The message stands alone: n8n's AI Agent gives its model only the message, not the description.
			throw new NodeOperationError(ctx.getNode(), refusedMessage(error), {
				itemIndex: i,
				description: `Field "${error.field}" ${error.rule}. Nothing was sent to Meta.`,
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
	}
}

export async function requireWabaId(this: IExecuteFunctions, i: number): Promise<string> {
	const { wabaId } = await getGraphBase.call(this);
	if (!/^\d+$/.test(wabaId)) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential has no valid WhatsApp Business Account ID',
			{
				itemIndex: i,
				description:
					'Set "WhatsApp Business Account ID" in the WhatsApp Payments API credential (digits only).',
			},
		);
	}
	return wabaId;
}

export function toItems(data: IDataObject | IDataObject[], i: number): INodeExecutionData[] {
	const list = Array.isArray(data) ? data : [data];
	return list.map((json) => ({ json, pairedItem: { item: i } }));
}

/**
 * `={{ $json.field }}` or `={{ $json.body.field }}`: plain names joined by dots, what the editor writes when a
 * field of the input is dragged onto a parameter.
 */
const INPUT_FIELD = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

/** The value at `.a.b` in `json`, through own properties of objects only; undefined where that path stops. */
function atPath(json: unknown, path: string): unknown {
	let value = json;
	for (const key of path.slice(1).split('.')) {
		if (
			typeof value !== 'object' ||
			value === null ||
			!Object.prototype.hasOwnProperty.call(value, key)
		)
			return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * Item i's value of a parameter that campaigns map per item (Recipient, Reference ID). When the parameter is
 * exactly `{{ $json.field }}` (or a dotted path) and the input item holds a string or a finite number there,
 * that value is returned as it is, which is what n8n's evaluation of that expression returns; anything else
 * (a missing field, another type, any other expression) is left to n8n. n8n evaluates every expression in its
 * expression engine (in n8n 2.x an isolate), which at Meta's 1,000 messages per second tier costs more CPU per
 * message than the rest of sending it (BENCHMARKS.md).
 */
export function itemParameter(
	this: IExecuteFunctions,
	name: string,
	i: number,
	fallback?: unknown,
): unknown {
	const raw = this.getNodeParameter(name, i, fallback, { rawExpressions: true });
	const field = typeof raw === 'string' ? INPUT_FIELD.exec(raw) : null;
	if (field) {
		const value = atPath(this.getInputData()[i]?.json, field[1]);
		if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
			return value;
	}
	return this.getNodeParameter(name, i, fallback);
}

export function locatorValue(this: IExecuteFunctions, name: string, i: number): string {
	const value = this.getNodeParameter(name, i, '', { extractValue: true });
	return String(value ?? '').trim();
}

/** A date-time field or expression as epoch seconds; a value that is set but unreadable is refused. */
export function readTime(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = epochSeconds(value);
	if (seconds === undefined)
		fail(field, 'must be a date and time (ISO text) or epoch seconds', value);
	return seconds;
}

export function getCountry(this: IExecuteFunctions, i: number): Country {
	return this.getNodeParameter('country', i) === 'IN' ? 'IN' : 'BR';
}

export function getPhoneNumberId(this: IExecuteFunctions, i: number): string {
	return validated(this, i, () => {
		const id = locatorValue.call(this, 'phoneNumberId', i);
		if (!/^\d+$/.test(id))
			fail(
				'phone_number_id',
				'must be the numeric phone number ID (not the phone number itself)',
				id,
			);
		return id;
	});
}

/** Item i's Configuration Name (list or name), checked by Meta's rule for configuration names. */
export function configurationNameOf(this: IExecuteFunctions, i: number): string {
	return validateConfigurationName(locatorValue.call(this, 'configurationName', i));
}
