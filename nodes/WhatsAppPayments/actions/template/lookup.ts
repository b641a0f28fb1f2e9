/**
 * The template a send names, read from `message_templates` once per node run, and the checks Meta would
 * make against it (exists in that language, APPROVED, the right kind, header and body variables): a clear
 * error before anything is sent, instead of 132001 / 132000 / 132012 afterwards.
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeTemplate } from '../../../shared';
import type { TemplateBase, TemplateInfo, TemplateKind } from '../../../shared';
import { getGraphBase, graphApiRequest } from '../../../common/transport';
import type { RunContext } from '../node.type';
import { templateKindOf } from '../registry';
import type { NodeMap } from '../registry';

const KIND_NAMES: Record<TemplateKind, string> = {
	order_details: 'an order details template (ORDER_DETAILS button)',
	payment_request: 'a payment request template (PAYMENT_REQUEST buttons)',
	checkout: 'a checkout button template ("Buy now" button)',
	checkout_carousel: 'a checkout button carousel template',
	order_status: 'an order status template (ORDER_STATUS)',
	enhanced_payment_link:
		'an Enhanced Payment Link template (no header, one URL button on a listed payment gateway prefix followed by {{1}})',
};

/** Every template of the credential's WABA (all pages), as Meta returns them. */
export async function listTemplates(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	qs: IDataObject = {},
	itemIndex?: number,
): Promise<IDataObject[]> {
	const { wabaId } = await getGraphBase.call(ctx);
	const out: IDataObject[] = [];
	let after: string | undefined;
	for (let page = 0; page < 50; page++) {
		const body = await graphApiRequest<{ data?: IDataObject[]; paging?: IDataObject }>(ctx, {
			method: 'GET',
			path: `/${wabaId}/message_templates`,
			qs: { limit: 100, ...qs, ...(after ? { after } : {}) },
			itemIndex,
		});
		const data = body?.data ?? [];
		out.push(...data);
		const next = (body?.paging as IDataObject | undefined)?.next;
		after = ((body?.paging as IDataObject | undefined)?.cursors as IDataObject | undefined)
			?.after as string | undefined;
		if (!next || !after || data.length === 0) break;
	}
	return out;
}

export async function approvedTemplate(
	this: IExecuteFunctions,
	i: number,
	base: TemplateBase,
	operation: NodeMap['template'],
	run?: RunContext,
): Promise<TemplateInfo> {
	const kind = templateKindOf('template', operation, (name) => this.getNodeParameter(name, i, ''));
	const key = `${base.name}|${base.language}`;
	const cache = run?.templates;
	let pending = cache?.get(key);
	if (!pending) {
		pending = (async () => {
			const list = await listTemplates(this, { name: base.name }, i);
			const same = list.filter((t) => t.name === base.name);
			const found = same.find((t) => t.language === base.language);
			if (!found) {
				const languages = same.map((t) => t.language).join(', ');
				throw new NodeOperationError(
					this.getNode(),
					`Template "${base.name}" does not exist in language ${base.language || '(none)'}`,
					{
						itemIndex: i,
						description: languages
							? `It exists in: ${languages}. Pick one of these languages. Nothing was sent.`
							: 'No template of that name exists in this WhatsApp Business Account (check the name, or create it with Template > Create). Nothing was sent.',
					},
				);
			}
			return describeTemplate(found);
		})();
		cache?.set(key, pending);
	}
	const info = await pending;
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(this.getNode(), message, {
			itemIndex: i,
			description: `${description} Nothing was sent.`,
		});
	};
	if (info.status !== 'APPROVED')
		fail(
			`Template "${info.name}" (${info.language}) is ${info.status}, not APPROVED`,
			info.status === 'PENDING'
				? 'Meta is still reviewing it; the Template Status trigger event tells you when it is approved.'
				: 'Only approved templates can be sent. Use another template, or create a new one.',
		);
	if (info.kind !== kind)
		fail(
			`Template "${info.name}" is not ${KIND_NAMES[kind]}`,
			`It is ${info.kind ? KIND_NAMES[info.kind] : 'a template without payment buttons'}. Pick a template of the right kind for this operation.`,
		);
	const header = base.header;
	if (info.headerVariables > 0 && !header)
		fail(
			`Template "${info.name}" needs a ${info.headerFormat?.toLowerCase()} header parameter`,
			`Set Header to ${info.headerFormat === 'TEXT' ? 'Text' : (info.headerFormat ?? '').charAt(0) + (info.headerFormat ?? '').slice(1).toLowerCase()} and fill it in.`,
		);
	if (info.headerVariables === 0 && header)
		fail(
			`Template "${info.name}" takes no header parameter`,
			info.headerFormat
				? `Its ${info.headerFormat} header is fixed. Set Header to None.`
				: 'It has no header. Set Header to None.',
		);
	if (header && header.type.toUpperCase() !== info.headerFormat)
		fail(
			`Template "${info.name}" has a ${info.headerFormat} header, not ${header.type}`,
			`Set Header to match the template (Meta answers 132012 otherwise).`,
		);
	const given = base.bodyVariables?.length ?? 0;
	if (given !== info.bodyVariables)
		fail(
			`Template "${info.name}" has ${info.bodyVariables} body variable(s); ${given} given`,
			`Its body is: "${info.bodyText}". Add one Body Variable per {{n}}, in order.`,
		);
	return info;
}
