import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	applyCoupon,
	applyShipping,
	CheckoutDecryptError,
	CheckoutKeyError,
	couponsAnswer,
	DEFAULT_INVALID_COUPON,
	encryptCheckoutResponse,
	isPlainObject,
	loadPrivateKey,
	openSession,
	rejectAnswer,
	removeCoupon,
	validateCheckoutOrderDetails,
} from '../../../shared';
import type { Answer, CheckoutRequest, CouponRule, JsonObject } from '../../../shared';
import { CHECKOUT_CREDENTIAL_TYPE } from '../../../common/transport';
import { parseJsonParam } from '../shared/orderForm';
import { toItems, validated } from '../shared/item';

const displayOptions = { show: { resource: ['checkout'], operation: ['respond'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			'Use after the WhatsApp Checkout Endpoint trigger, or after Checkout > Read Request: this node answers the request, encrypted. Each run answers once.',
		name: 'respondNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Answer',
		name: 'answer',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Apply Coupon',
				value: 'applyCoupon',
				description: 'Reprice the order with the coupon the buyer chose',
			},
			{
				name: 'Apply Shipping',
				value: 'applyShipping',
				description: 'Set the chosen address and its shipping cost',
			},
			{
				name: 'Automatic (by the Request)',
				value: 'auto',
				description: 'The answer the request asks for, from the coupons and shipping rule below',
			},
			{ name: 'Coupon List', value: 'coupons', description: 'The coupons the buyer can pick' },
			{
				name: 'Order Details (JSON)',
				value: 'custom',
				description: 'Your own repriced order details, validated',
			},
			{
				name: 'Reject With a Message',
				value: 'reject',
				description: 'Refuse (427): the buyer sees the message',
			},
			{ name: 'Remove Coupon', value: 'removeCoupon', description: 'The order without its coupon' },
		],
	},
	{
		displayName: 'Coupons',
		name: 'coupons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Coupon',
		default: {},
		displayOptions: { show: { answer: ['auto', 'coupons', 'applyCoupon'] } },
		options: [
			{
				displayName: 'Coupon',
				name: 'coupon',
				values: [
					{
						displayName: 'Code',
						name: 'code',
						type: 'string',
						default: '',
						placeholder: 'e.g. DIWALI10',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						description: 'Your ID of the coupon (defaults to the code in lower case)',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'percent',
						options: [
							{
								name: 'Percentage of the Total',
								value: 'percent',
							},
							{
								name: 'Fixed Amount',
								value: 'fixed',
							},
						],
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. 10',
						description: 'A percentage such as 10 or 12.5, or an amount such as 50.00',
					},
				],
			},
		],
	},
	{
		displayName: 'Invalid Coupon Message',
		name: 'invalidCouponMessage',
		type: 'string',
		default: DEFAULT_INVALID_COUPON,
		displayOptions: { show: { answer: ['auto', 'applyCoupon'] } },
	},
	{
		displayName: 'Shipping Cost',
		name: 'shippingCost',
		type: 'string',
		default: '0',
		placeholder: 'e.g. 40.00',
		description: 'Decimal shipping cost for the chosen address',
		displayOptions: { show: { answer: ['auto', 'applyShipping'] } },
	},
	{
		displayName: 'Serviceable PIN Codes',
		name: 'serviceablePins',
		type: 'string',
		default: '',
		placeholder: 'e.g. 400051, 4000, 560',
		description: 'Comma-separated PIN codes or their first digits; empty ships everywhere',
		displayOptions: { show: { answer: ['auto', 'applyShipping'] } },
	},
	{
		displayName: 'Unserviceable Message',
		name: 'unserviceableMessage',
		type: 'string',
		default: 'We do not deliver to PIN code {pin} yet.',
		displayOptions: { show: { answer: ['auto', 'applyShipping'] } },
	},
	{
		displayName: 'Message',
		name: 'rejectMessage',
		type: 'string',
		default: '',
		required: true,
		description: 'Shown to the buyer (at most 200 characters)',
		displayOptions: { show: { answer: ['reject'] } },
	},
	{
		displayName: 'Order Details JSON',
		name: 'orderDetailsJson',
		type: 'json',
		// `{}` rather than empty text, which n8n's JSON editor marks as invalid JSON; `{}` means "not given".
		default: '{}',
		required: true,
		description:
			'The whole repriced order_details; total = subtotal + shipping + tax - discount - coupon',
		displayOptions: { show: { answer: ['custom'] } },
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

function requestOf(json: IDataObject): CheckoutRequest {
	return {
		version: String(json.version ?? '1.0'),
		action: String(json.action ?? 'unknown') as CheckoutRequest['action'],
		rawAction: String(json.action ?? ''),
		orderDetails: isPlainObject(json.order_details)
			? (json.order_details as JsonObject)
			: undefined,
		input: isPlainObject(json.input) ? (json.input as JsonObject) : {},
	};
}

function couponRules(this: IExecuteFunctions, i: number): CouponRule[] {
	const raw =
		((this.getNodeParameter('coupons', i, {}) as IDataObject).coupon as
			IDataObject[] | undefined) ?? [];
	return raw.map((c) => ({
		code: String(c.code ?? ''),
		type: c.type === 'fixed' ? 'fixed' : 'percent',
		value: String(c.value ?? ''),
		description: String(c.description ?? ''),
		id: String(c.id ?? ''),
	}));
}

function computeAnswer(this: IExecuteFunctions, i: number, request: CheckoutRequest): Answer {
	let kind = this.getNodeParameter('answer', i, 'auto') as string;
	if (kind === 'auto') {
		const byAction: Record<string, string> = {
			get_coupons: 'coupons',
			apply_coupon: 'applyCoupon',
			remove_coupon: 'removeCoupon',
			apply_shipping: 'applyShipping',
		};
		kind = byAction[request.action] ?? 'unsupported';
	}
	switch (kind) {
		case 'coupons':
			return couponsAnswer(request, couponRules.call(this, i));
		case 'applyCoupon':
			return applyCoupon(
				request,
				couponRules.call(this, i),
				this.getNodeParameter('invalidCouponMessage', i, DEFAULT_INVALID_COUPON) as string,
			);
		case 'removeCoupon':
			return removeCoupon(request);
		case 'applyShipping':
			return applyShipping(request, {
				cost: this.getNodeParameter('shippingCost', i, '0') as string,
				serviceablePins: String(this.getNodeParameter('serviceablePins', i, '')).split(','),
				unserviceableMessage: this.getNodeParameter('unserviceableMessage', i, '') as string,
			});
		case 'reject':
			return rejectAnswer(this.getNodeParameter('rejectMessage', i) as string);
		case 'custom': {
			const od = parseJsonParam(this.getNodeParameter('orderDetailsJson', i), 'Order Details JSON');
			validateCheckoutOrderDetails(od);
			const sub = request.action === 'unknown' ? undefined : request.action;
			return {
				status: 200,
				body: {
					version: request.version,
					...(sub ? { sub_action: sub } : {}),
					data: { order_details: od as JsonObject },
				},
			};
		}
		default:
			return rejectAnswer('This shop cannot handle this request.');
	}
}

/**
 * Answers the checkout endpoint request this item came from: computes the answer (validated as orders
 * are), encrypts it for the request's session, and hands it to n8n as the webhook's response.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const json = this.getInputData()[i].json;
	if (json.answered === true) {
		return toItems(
			{
				action: json.action as string,
				answered: true,
				status: null,
				note: 'The endpoint already answered this request itself.',
			},
			i,
		);
	}
	const request = requestOf(json);
	const answer = validated(this, i, () => computeAnswer.call(this, i, request));
	const keys = await this.getCredentials(CHECKOUT_CREDENTIAL_TYPE);
	let body: string;
	try {
		const key = loadPrivateKey(String(keys.privateKey ?? ''), String(keys.passphrase ?? ''));
		body = encryptCheckoutResponse(answer.body, openSession(json.session, key));
	} catch (error) {
		const known = error instanceof CheckoutKeyError || error instanceof CheckoutDecryptError;
		throw new NodeOperationError(
			this.getNode(),
			known ? (error as Error).message : 'The answer could not be encrypted',
			{
				itemIndex: i,
				description:
					'Checkout > Respond answers items that come from the WhatsApp Checkout Endpoint trigger or Checkout > Read Request, with the same WhatsApp Checkout Endpoint API credential. Nothing was sent.',
			},
		);
	}
	await this.sendResponse({
		body,
		headers: { 'content-type': 'text/plain' },
		statusCode: answer.status,
	});
	return toItems(
		{
			action: request.action,
			reference_id: (json.reference_id as string) ?? null,
			status: answer.status,
			answer: answer.body as IDataObject,
		},
		i,
	);
}
