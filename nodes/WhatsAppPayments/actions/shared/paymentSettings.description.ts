import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * How the buyer pays (Brazil and India payment settings) and, for India physical goods, the
 * beneficiaries: the fields every order-sending operation shares. `show` is where they appear.
 */
export function paymentFields(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	return [
		{
			displayName: 'Brazil Payment Settings',
			name: 'brPaymentSettings',
			type: 'fixedCollection',
			placeholder: 'Add Payment Option',
			default: {},
			description: 'How the buyer can pay; any combination',
			displayOptions: { show: { ...show, country: ['BR'] } },
			options: [
				{
					displayName: 'Boleto',
					name: 'boleto',
					values: [
						{
							displayName: 'Digitable Line',
							name: 'digitableLine',
							type: 'string',
							default: '',
							description: 'The Boleto line the buyer copies',
						},
					],
				},
				{
					displayName: 'One-Click Card (Offsite Card Pay)',
					name: 'oneClick',
					values: [
						{
							displayName: 'Last Four Digits',
							name: 'lastFourDigits',
							type: 'string',
							default: '',
							placeholder: 'e.g. 5235',
							description: 'Shown to the buyer to confirm the card',
						},
						{
							displayName: 'Credential ID',
							name: 'credentialId',
							type: 'string',
							default: '',
							description:
								"Your PSP's ID of the stored card; it comes back in the payment_method webhook",
						},
					],
				},
				{
					displayName: 'Payment Link',
					name: 'paymentLink',
					values: [
						{
							displayName: 'URI',
							name: 'uri',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://pay.example.com/o/123',
						},
					],
				},
				{
					displayName: 'Pix Dynamic Code',
					name: 'pix',
					values: [
						{
							displayName: 'Code (Copia E Cola)',
							name: 'code',
							type: 'string',
							default: '',
							description: 'The Pix EMV string the buyer copies',
						},
						{
							displayName: 'Merchant Name',
							name: 'merchantName',
							type: 'string',
							default: '',
							description: 'Account holder name shown to the buyer',
						},
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							description: 'Pix key shown to the buyer',
						},
						{
							displayName: 'Key Type',
							name: 'keyType',
							type: 'options',
							default: 'CNPJ',
							options: ['CNPJ', 'CPF', 'EMAIL', 'EVP', 'PHONE'].map((k) => ({ name: k, value: k })),
						},
					],
				},
			],
		},
		{
			displayName: 'India Payment Settings',
			name: 'inPaymentSettings',
			type: 'fixedCollection',
			placeholder: 'Add Payment Option',
			default: {},
			description: 'How the buyer can pay',
			displayOptions: { show: { ...show, country: ['IN'] } },
			options: [
				{
					displayName: 'Payment Gateway',
					name: 'paymentGateway',
					values: [
						{
							displayName: 'Configuration Name or ID',
							name: 'configurationName',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getPaymentConfigurations' },
							default: '',
							description:
								'Payment configuration of the WhatsApp Business Account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Enabled Payment Options',
							name: 'enabledOptions',
							type: 'multiOptions',
							default: [],
							options: [
								{
									name: 'UPI',
									value: 'upi',
								},
								{
									name: 'Web (Cards, Netbanking, Wallets)',
									value: 'web',
								},
							],
							description:
								'Limit the checkout to these options. Totals above INR 5,00,000 need Web only.',
						},
						{
							displayName: 'Gateway',
							name: 'gateway',
							type: 'options',
							default: 'razorpay',
							options: [
								{
									name: 'BillDesk',
									value: 'billdesk',
								},
								{
									name: 'PayU',
									value: 'payu',
								},
								{
									name: 'Razorpay',
									value: 'razorpay',
								},
								{
									name: 'Zaakpay',
									value: 'zaakpay',
								},
							],
						},
						{
							displayName: 'Pass-Through Fields',
							name: 'passThrough',
							type: 'json',
							// `{}` rather than empty text, which n8n's JSON editor marks as invalid JSON; `{}` means none.
							default: '{}',
							placeholder: "{'receipt':'r-12','notes':{'order':'12'}}",
							description:
								'Razorpay:	receipt, notes. PayU:	udf1-udf4. Zaakpay:	extra1, extra2. BillDesk:	additional_info1-7. Echoed back in payment webhooks.',
						},
						{
							displayName: 'Preferred Payment App',
							name: 'preferredApp',
							type: 'options',
							default: '',
							options: [
								{
									name: 'Amazon Pay',
									value: 'amazonpay',
								},
								{
									name: 'BHIM',
									value: 'bhim',
								},
								{
									name: 'CRED',
									value: 'cred',
								},
								{
									name: 'Google Pay',
									value: 'gpay',
								},
								{
									name: 'MobiKwik',
									value: 'mobikwik',
								},
								{
									name: 'None',
									value: '',
								},
								{
									name: 'Paytm',
									value: 'paytm',
								},
								{
									name: 'PhonePe',
									value: 'phonepe',
								},
							],
						},
					],
				},
				{
					displayName: 'Payment Link',
					name: 'paymentLink',
					values: [
						{
							displayName: 'URI',
							name: 'uri',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://rzp.io/i/abc',
						},
						{ displayName: 'Success URL', name: 'successUrl', type: 'string', default: '' },
						{ displayName: 'Cancel URL', name: 'cancelUrl', type: 'string', default: '' },
					],
				},
				{
					displayName: 'UPI Intent Link (Dynamic VPA, Recommended)',
					name: 'upiIntentLink',
					values: [
						{
							displayName: 'Link',
							name: 'link',
							type: 'string',
							default: '',
							placeholder: 'e.g. upi://pay?pa=shop@psp&pn=Shop&mc=5399&purpose=00&tr=INV12-1',
							description:
								'The UPI intent your payment gateway generated, sent alone (no other payment option, no payment configuration). It needs pa, pn, mc, purpose and tr; an am must equal the total.',
						},
					],
				},
			],
		},
		{
			displayName: 'Beneficiaries (India Physical Goods)',
			name: 'beneficiaries',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Beneficiary',
			default: {},
			displayOptions: {
				show: { ...show, country: ['IN'], goodsType: ['physical-goods'] },
			},
			options: [
				{
					displayName: 'Beneficiary',
					name: 'beneficiary',
					values: [
						{
							displayName: 'Address Line 1',
							name: 'address_line1',
							type: 'string',
							default: '',
						},
						{
							displayName: 'Address Line 2',
							name: 'address_line2',
							type: 'string',
							default: '',
						},
						{
							displayName: 'City',
							name: 'city',
							type: 'string',
							default: '',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
						},
						{
							displayName: 'PIN Code',
							name: 'postal_code',
							type: 'string',
							default: '',
						},
						{
							displayName: 'State',
							name: 'state',
							type: 'string',
							default: '',
						},
					],
				},
			],
		},
	];
}
