import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	buildCheckoutCarouselTemplate,
	buildCheckoutTemplate,
	buildOrderDetailsParameters,
	buildTemplateMessage,
	fail,
	isBlank,
	isPlainObject,
	paymentSetting,
} from '../../../shared';
import type { CarouselCardInput, JsonObject, QuickReplyInput, TemplateInfo } from '../../../shared';
import { readTime, validated } from '../shared/item';
import { recipientOf, sendMessage } from '../shared/message';
import { orderInputFromNode, parametersFromJson, parseJsonParam } from '../shared/orderForm';
import type { InputMode } from '../shared/orderForm';
import type { RunContext } from '../node.type';
import { description as checkoutDescription } from './sendCheckout.description';
import { headerInput, templateBase } from './fields';
import { approvedTemplate } from './lookup';

export const description: INodeProperties[] = checkoutDescription;

function shippingInfo(this: IExecuteFunctions, i: number): JsonObject {
	const raw =
		((this.getNodeParameter('shippingAddresses', i, {}) as IDataObject).address as
			IDataObject[] | undefined) ?? [];
	const addresses = raw.map((a) =>
		Object.fromEntries(
			Object.entries(a)
				.filter(([, v]) => !isBlank(v))
				.map(([k, v]) => [k, String(v)]),
		),
	);
	return { country: 'IN', addresses };
}

/** The single product's order: the order form (or JSON) with the checkout's gateway and shipping info. */
function singleOrder(this: IExecuteFunctions, i: number): JsonObject {
	const mode = this.getNodeParameter('inputMode', i, 'form') as InputMode;
	if (mode === 'json') return parametersFromJson.call(this, i) as JsonObject;
	const gateway = paymentSetting.paymentGateway({
		gateway: this.getNodeParameter('checkoutGateway', i) as string,
		configurationName: this.getNodeParameter('checkoutConfiguration', i) as string,
	});
	return buildOrderDetailsParameters(
		orderInputFromNode.call(this, i, 'IN', mode, {
			paymentSettings: [gateway],
			shippingInfo: shippingInfo.call(this, i),
		}),
		{ flavor: 'checkout' },
	);
}

function cardsFromForm(this: IExecuteFunctions, i: number): CarouselCardInput[] {
	const raw =
		((this.getNodeParameter('cards', i, {}) as IDataObject).card as IDataObject[] | undefined) ??
		[];
	const goodsType = this.getNodeParameter('goodsType', i, 'digital-goods') as string;
	const expires = readTime(
		this.getNodeParameter('cardsExpiresAt', i, ''),
		'order.expiration.timestamp',
	);
	const shipping = shippingInfo.call(this, i);
	return raw.map((c, n) => {
		const header = headerInput(String(c.headerType ?? 'image'), '', c.headerMedia);
		if (!header) return fail(`cards[${n}].header`, 'is required', undefined, 'missing');
		const parameters = buildOrderDetailsParameters(
			{
				country: 'IN',
				referenceId: String(c.referenceId ?? ''),
				goodsType,
				paymentSettings: [
					paymentSetting.paymentGateway({
						gateway: String(c.gateway ?? 'razorpay'),
						configurationName: String(c.configurationName ?? ''),
					}),
				],
				shippingInfo: shipping,
				items: [
					{
						name: String(c.name ?? ''),
						retailerId: c.retailerId as string,
						amount: c.amount,
						saleAmount: c.saleAmount,
						quantity: c.quantity,
						countryOfOrigin: c.countryOfOrigin as string,
						importerName: c.importerName as string,
						importerAddress: parseJsonParam(c.importerAddress, `cards[${n}].importer_address`) as
							JsonObject | undefined,
					},
				],
				tax: c.tax,
				shipping: c.shipping,
				expirationTimestamp: expires,
			},
			{ flavor: 'checkout' },
		);
		const payload = String(c.quickReplyPayload ?? '').trim();
		return { header, parameters, quickReply: payload ? { index: 1, payload } : undefined };
	});
}

function cardsFromJson(this: IExecuteFunctions, i: number): CarouselCardInput[] {
	const list = parseJsonParam(this.getNodeParameter('cardsJson', i), 'Cards JSON');
	if (!Array.isArray(list)) return fail('cards', 'Cards JSON must be a list of cards', list);
	return list.map((c, n) => {
		if (!isPlainObject(c)) return fail(`cards[${n}]`, 'must be an object', c);
		const header = isPlainObject(c.header) ? c.header : undefined;
		if (!header)
			return fail(
				`cards[${n}].header`,
				'is required ({type: "image", link or id})',
				undefined,
				'missing',
			);
		const payload = c.quick_reply_payload;
		return {
			header: header as unknown as CarouselCardInput['header'],
			bodyVariables: Array.isArray(c.body_variables) ? c.body_variables.map(String) : undefined,
			parameters: c.order_details as JsonObject,
			quickReply: isBlank(payload) ? undefined : { index: 1, payload: String(payload) },
		};
	});
}

function quickReplyPayloads(this: IExecuteFunctions, i: number): string[] {
	const raw =
		((this.getNodeParameter('quickReplies', i, {}) as IDataObject).reply as
			IDataObject[] | undefined) ?? [];
	return raw.map((r) => String(r.payload ?? '')).filter((p) => p !== '');
}

function checkCards(
	this: IExecuteFunctions,
	i: number,
	info: TemplateInfo,
	cards: CarouselCardInput[],
) {
	if (cards.length !== info.cards.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Template "${info.name}" has ${info.cards.length} cards; ${cards.length} given`,
			{
				itemIndex: i,
				description:
					'A carousel is sent with exactly as many cards as its template has (132000 otherwise). Nothing was sent.',
			},
		);
	}
}

/**
 * Checkout button template (India): a single product, or a carousel of 2 to 10 cards, each card with its
 * own reference ID, order and payment gateway. Orders are built by the one order builder in the checkout
 * flavor (gateway only, shipping_info, shipping required, expiration at least 300 s ahead).
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	run?: RunContext,
): Promise<INodeExecutionData[]> {
	const format = this.getNodeParameter('checkoutFormat', i, 'single') as string;
	const to = recipientOf.call(this, i);
	if (format === 'carousel') {
		const base = validated(this, i, () => templateBase.call(this, i, false));
		const cards = validated(this, i, () => {
			const list =
				this.getNodeParameter('cardsInput', i, 'form') === 'json'
					? cardsFromJson.call(this, i)
					: cardsFromForm.call(this, i);
			buildCheckoutCarouselTemplate(base, list);
			return list;
		});
		const info = await approvedTemplate.call(this, i, base, 'sendCheckout', run);
		checkCards.call(this, i, info, cards);
		const withReplies = cards.map((c, n) => {
			const qr = info.cards[n].buttons.find((b) => b.type === 'QUICK_REPLY');
			return {
				...c,
				quickReply:
					c.quickReply && qr ? { index: qr.index, payload: c.quickReply.payload } : undefined,
			};
		});
		const message = validated(this, i, () =>
			buildTemplateMessage(to, buildCheckoutCarouselTemplate(base, withReplies)),
		);
		return await sendMessage.call(
			this,
			i,
			message,
			{
				reference_ids: cards.map((c) => c.parameters.reference_id as string),
				template: base.name,
				language: base.language,
			},
			run,
		);
	}
	const base = validated(this, i, () => templateBase.call(this, i));
	const payloads = quickReplyPayloads.call(this, i);
	const parameters = validated(this, i, () => {
		const p = singleOrder.call(this, i);
		buildCheckoutTemplate(
			base,
			p,
			payloads.map((payload, n) => ({ index: n + 1, payload })),
		);
		return p;
	});
	const info = await approvedTemplate.call(this, i, base, 'sendCheckout', run);
	const slots = info.buttons.filter((b) => b.type === 'QUICK_REPLY');
	if (payloads.length > slots.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Template "${info.name}" has ${slots.length} quick reply button(s); ${payloads.length} payloads given`,
			{
				itemIndex: i,
				description: 'Give at most one payload per quick reply button. Nothing was sent.',
			},
		);
	}
	const replies: QuickReplyInput[] = payloads.map((payload, n) => ({
		index: slots[n].index,
		payload,
	}));
	const message = validated(this, i, () =>
		buildTemplateMessage(to, buildCheckoutTemplate(base, parameters, replies)),
	);
	return await sendMessage.call(
		this,
		i,
		message,
		{
			reference_id: parameters.reference_id as string,
			template: base.name,
			language: base.language,
		},
		run,
	);
}
