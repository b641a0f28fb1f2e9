import { createHmac } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, getGraphBase, graphApiRequest } from '../common/transport';

export const SUBSCRIBED_FIELDS = [
	'messages',
	'payment_configuration_update',
	'message_template_status_update',
];
export type RegistrationMode = 'app' | 'wabaOverride' | 'manual';

/**
 * The verify token for automatic modes: an HMAC of the node's webhook ID keyed with the app secret
 * (or the access token when no secret is set). Meta sends the handshake while `create()` is still
 * waiting for its answer, before n8n has saved the node's static data, so the token must be
 * derivable rather than stored. It is unguessable without the secret and the same for n8n's test
 * and production URLs.
 */
export function derivedVerifyToken(webhookId: string, key: string): string {
	return `wapay_${createHmac('sha256', key).update(`whatsapp-payments-verify:${webhookId}`).digest('hex').slice(0, 40)}`;
}

/**
 * The verify token Meta must present in the handshake: the user's own in manual mode, otherwise the
 * token derived for this node (the same one registration sends to Meta).
 */
export function expectedVerifyToken(
	this: IHookFunctions | IWebhookFunctions,
	mode: RegistrationMode,
	credentials: ICredentialDataDecryptedObject,
): string {
	if (mode === 'manual') return String(this.getNodeParameter('verifyToken', '') ?? '');
	const node = this.getNode();
	const key = String(credentials.appSecret ?? '') || String(credentials.accessToken ?? '');
	return derivedVerifyToken(node.webhookId ?? node.id, key);
}

interface AppSubscription {
	object?: string;
	callback_url?: string;
	active?: boolean;
	fields?: Array<{ name?: string } | string>;
}

interface Context {
	wabaId: string;
	appId: string;
	appSecret: string;
	url: string;
	verifyToken: string;
}

async function context(this: IHookFunctions, mode: RegistrationMode): Promise<Context> {
	const { wabaId, appId, appSecret } = await getGraphBase.call(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		wabaId,
		appId,
		appSecret,
		url: this.getNodeWebhookUrl('default') as string,
		verifyToken: expectedVerifyToken.call(this, mode, credentials),
	};
}

function appToken(this: IHookFunctions, ctx: Context): string {
	if (!ctx.appId || !ctx.appSecret) {
		throw new NodeOperationError(
			this.getNode(),
			'App subscription mode needs the App ID and App Secret in the credential',
			{
				description:
					'Add them to the WhatsApp Payments API credential (App Dashboard > App settings > Basic), or switch Registration to "WABA Override" or "Manual".',
			},
		);
	}
	return `Bearer ${ctx.appId}|${ctx.appSecret}`;
}

function fieldNames(sub: AppSubscription): string[] {
	return (sub.fields ?? []).map((f) => (typeof f === 'string' ? f : String(f.name ?? '')));
}

async function listAppSubscription(
	this: IHookFunctions,
	ctx: Context,
): Promise<AppSubscription | undefined> {
	const body = await graphApiRequest<{ data?: AppSubscription[] }>(this, {
		method: 'GET',
		path: `/${ctx.appId}/subscriptions`,
		authorization: appToken.call(this, ctx),
	});
	return (body?.data ?? []).find((s) => s.object === 'whatsapp_business_account');
}

async function wabaSubscription(
	this: IHookFunctions,
	ctx: Context,
): Promise<{ subscribed: boolean; override?: string }> {
	const body = await graphApiRequest<{ data?: IDataObject[] }>(this, {
		method: 'GET',
		path: `/${ctx.wabaId}/subscribed_apps`,
	});
	const entries = body?.data ?? [];
	const mine =
		entries.find(
			(e) =>
				!ctx.appId ||
				String((e.whatsapp_business_api_data as IDataObject | undefined)?.id ?? '') === ctx.appId,
		) ?? entries[0];
	return {
		subscribed: entries.length > 0,
		override: mine?.override_callback_uri as string | undefined,
	};
}

export async function checkExists(this: IHookFunctions, mode: RegistrationMode): Promise<boolean> {
	if (mode === 'manual') return true;
	const ctx = await context.call(this, mode);
	const replace = this.getNodeParameter('replaceExisting', false) as boolean;
	if (mode === 'app') {
		const sub = await listAppSubscription.call(this, ctx);
		if (!sub || !sub.callback_url) return false;
		if (sub.callback_url !== ctx.url) {
			if (replace) return false;
			throw new NodeOperationError(
				this.getNode(),
				`The Meta app ${ctx.appId} already sends WhatsApp webhooks to ${sub.callback_url}`,
				{
					description:
						'Meta allows one callback URL per app. To move it to this trigger, turn on "Replace Existing Subscription" (the other receiver stops getting events). To keep it, switch Registration to "WABA Override" or "Manual".',
				},
			);
		}
		const fields = fieldNames(sub);
		if (!sub.active || !SUBSCRIBED_FIELDS.every((f) => fields.includes(f))) return false;
		return (await wabaSubscription.call(this, ctx)).subscribed;
	}
	const waba = await wabaSubscription.call(this, ctx);
	if (!waba.override) return false;
	if (waba.override === ctx.url) return true;
	if (replace) return false;
	throw new NodeOperationError(
		this.getNode(),
		`WhatsApp Business Account ${ctx.wabaId} already overrides its callback to ${waba.override}`,
		{
			description:
				'Turn on "Replace Existing Subscription" to point it at this trigger instead, or use "Manual" registration.',
		},
	);
}

/**
 * Registration reads the WABA's subscription, then writes it. Two triggers on one WABA activating at once
 * (n8n activates workflows concurrently) could both read "not subscribed" and one's bodyless subscribe
 * would then clear the other's override. Within one n8n process (activation runs in the main process, also
 * in queue mode) each WABA's read-then-write runs one at a time.
 */
const wabaQueues = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(wabaId: string, fn: () => Promise<T>): Promise<T> {
	const previous = wabaQueues.get(wabaId) ?? Promise.resolve();
	const run = previous.then(fn, fn);
	const settled = run.catch(() => undefined);
	wabaQueues.set(wabaId, settled);
	void settled.then(() => {
		if (wabaQueues.get(wabaId) === settled) wabaQueues.delete(wabaId);
	});
	return await run;
}

export async function create(this: IHookFunctions, mode: RegistrationMode): Promise<boolean> {
	if (mode === 'manual') return true;
	const ctx = await context.call(this, mode);
	return await oneAtATime(ctx.wabaId, async () => await register.call(this, mode, ctx));
}

async function register(
	this: IHookFunctions,
	mode: RegistrationMode,
	ctx: Context,
): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const waba = await wabaSubscription.call(this, ctx);
	if (!waba.subscribed) {
		await graphApiRequest(this, { method: 'POST', path: `/${ctx.wabaId}/subscribed_apps` });
		staticData.wabaSubscribedByNode = true;
	}
	if (mode === 'app') {
		const previous = await listAppSubscription.call(this, ctx);
		await graphApiRequest(this, {
			method: 'POST',
			path: `/${ctx.appId}/subscriptions`,
			authorization: appToken.call(this, ctx),
			body: {
				object: 'whatsapp_business_account',
				callback_url: ctx.url,
				verify_token: ctx.verifyToken,
				fields: SUBSCRIBED_FIELDS.join(','),
				include_values: 'true',
			},
		});
		staticData.registeredUrl = ctx.url;
		staticData.mode = 'app';
		if (previous?.callback_url && previous.callback_url !== ctx.url)
			staticData.replacedUrl = previous.callback_url;
		return true;
	}
	await graphApiRequest(this, {
		method: 'POST',
		path: `/${ctx.wabaId}/subscribed_apps`,
		body: { override_callback_uri: ctx.url, verify_token: ctx.verifyToken },
	});
	staticData.registeredUrl = ctx.url;
	staticData.mode = 'wabaOverride';
	if (waba.override && waba.override !== ctx.url) staticData.replacedUrl = waba.override;
	return true;
}

/** Removes only what this node registered, and only while it still points at this node's URL. */
export async function remove(this: IHookFunctions, mode: RegistrationMode): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	if (mode === 'manual') return true;
	const ctx = await context.call(this, mode);
	await oneAtATime(ctx.wabaId, async () => await unregister.call(this, mode, ctx, staticData));
	delete staticData.registeredUrl;
	delete staticData.replacedUrl;
	delete staticData.wabaSubscribedByNode;
	delete staticData.mode;
	return true;
}

async function unregister(
	this: IHookFunctions,
	mode: RegistrationMode,
	ctx: Context,
	staticData: IDataObject,
): Promise<void> {
	try {
		if (mode === 'app') {
			const sub = await listAppSubscription.call(this, ctx);
			if (sub?.callback_url === ctx.url) {
				await graphApiRequest(this, {
					method: 'DELETE',
					path: `/${ctx.appId}/subscriptions`,
					qs: { object: 'whatsapp_business_account' },
					authorization: appToken.call(this, ctx),
				});
			}
		} else {
			const waba = await wabaSubscription.call(this, ctx);
			if (waba.override === ctx.url) {
				await graphApiRequest(this, { method: 'POST', path: `/${ctx.wabaId}/subscribed_apps` });
			}
		}
		if (staticData.wabaSubscribedByNode) {
			await graphApiRequest(this, { method: 'DELETE', path: `/${ctx.wabaId}/subscribed_apps` });
		}
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, {
			description:
				'Could not remove the webhook registration from Meta. Check it in the App Dashboard (WhatsApp > Configuration).',
		});
	}
}
