import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export const DEFAULT_GRAPH_API_VERSION = 'v25.0';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

export class WhatsAppPaymentsApi implements ICredentialType {
	name = 'whatsAppPaymentsApi';

	displayName = 'WhatsApp Payments API';

	icon: Icon = {
		light: 'file:../icons/whatsapp-payments.svg',
		dark: 'file:../icons/whatsapp-payments.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'System-user access token with the whatsapp_business_messaging and whatsapp_business_management permissions (Business Settings > System users > Generate token).',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The WABA ID shown in WhatsApp Manager > Account tools > Phone numbers, or in the app dashboard under WhatsApp > API Setup',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				'Meta app ID (App Dashboard > App settings > Basic). Needed only for the trigger to register the app webhook subscription.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Meta app secret (App Dashboard > App settings > Basic). The trigger uses it to verify the X-Hub-Signature-256 of every webhook delivery.',
		},
		{
			displayName: 'Graph API Version',
			name: 'graphApiVersion',
			type: 'string',
			default: DEFAULT_GRAPH_API_VERSION,
			placeholder: 'v25.0',
			description: 'Graph API version used in every request URL, such as v25.0',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_GRAPH_BASE_URL,
			description:
				'Graph API host. Keep the default for Meta; point it at the WhatsApp Payments sandbox (for example http://127.0.0.1:4010) to build and test workflows without a live account.',
		},
	];

	/**
	 * Sends the access token as a Bearer token. A function rather than n8n's generic template
	 * (`=Bearer {{$credentials.accessToken}}`): n8n evaluates a template as an expression for every
	 * request, which at Meta's 1,000 messages per second tier costs a large share of n8n's CPU.
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
		},
	});

	/**
	 * Reads the WABA. Meta's error body is kept (HTTP errors are not thrown) so the rules can name Meta's
	 * error code and the fix; n8n's declarative credential test cannot show a message taken from the body.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}',
			url: '=/{{$credentials.businessAccountId}}',
			qs: { fields: 'id,name' },
			ignoreHttpStatusErrors: true,
			// As the nodes' requests: a redirect is not followed, so the token goes to the Base URL only.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 190,
					message:
						'Meta: invalid OAuth access token (#190). The token is expired, revoked or mistyped: generate a new system-user token.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 100,
					message:
						'Meta: unsupported request (#100). No WhatsApp Business Account with this ID is visible to this token: check the WABA ID.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 10,
					message:
						'Meta: permission denied (#10). Give the system user the whatsapp_business_management permission and access to this WABA.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 200,
					message:
						'Meta: permission not granted (#200). Grant whatsapp_business_messaging and whatsapp_business_management to the app.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.type',
					value: 'OAuthException',
					message:
						'Meta refused the request (OAuthException). Check the access token, the WABA ID and the Graph API version.',
				},
			},
			{
				// Last: every answer of Meta's above carries an error; a WABA read that worked carries its id.
				type: 'responseSuccessBody',
				properties: {
					key: 'id',
					value: undefined,
					message:
						'The Base URL did not answer like the Graph API (no WhatsApp Business Account in the answer, or a redirect, which is not followed). Check the Base URL and the Graph API version.',
				},
			},
		],
	};
}
