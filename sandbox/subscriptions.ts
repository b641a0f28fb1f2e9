/** App subscriptions and WABA overrides, with the callback verification Meta performs, and where each webhook field is delivered. */
import { GraphError, metaError } from './errors';
import { safeJson } from './http';
import type { SandboxContext } from './context';
import type { Business, Json } from './types';
import { verifyCallback } from './webhooks';

/** Where a change of this field goes: the WABA override for messages, otherwise the app callback. */
export function targetFor(
	sb: SandboxContext,
	field: string,
	wabaId = sb.options.wabaId,
): string | null {
	const business = sb.businessByWaba(wabaId);
	const wabaSub = sb.store.subscribedApps.get(wabaId);
	if (!wabaSub || !business) return null;
	if (field === 'messages' && wabaSub.override_callback_uri) return wabaSub.override_callback_uri;
	const app = sb.store.subscriptions.get(business.appId);
	if (!app || !app.active || !app.fields.includes(field)) return null;
	return app.callback_url;
}

export async function appSubscriptions(
	sb: SandboxContext,
	method: string,
	body: Json,
	app: Business,
): Promise<Json> {
	if (method === 'GET') {
		const sub = sb.store.subscriptions.get(app.appId);
		return {
			data: (sub ? [sub] : []).map((s) => ({
				object: s.object,
				callback_url: s.callback_url,
				active: s.active,
				fields: s.fields.map((name) => ({ name, version: 'v25.0' })),
			})),
		};
	}
	if (method === 'POST') {
		const object = String(body.object ?? '');
		if (object !== 'whatsapp_business_account') {
			throw metaError(100, 'object must be whatsapp_business_account.');
		}
		const callback = String(body.callback_url ?? '');
		const verifyToken = String(body.verify_token ?? '');
		if (!callback) throw new GraphError(400, 100, '(#100) Param callback_url is required');
		let fields: string[] = [];
		if (Array.isArray(body.fields)) fields = body.fields.map(String);
		else if (typeof body.fields === 'string')
			fields = body.fields.startsWith('[')
				? ((safeJson(body.fields) as string[]) ?? [])
				: body.fields.split(',');
		fields = fields.map((f) => f.trim()).filter(Boolean);
		if (fields.length === 0) throw new GraphError(400, 100, '(#100) Param fields is required');
		const check = await verifyCallback(callback, verifyToken);
		if (!check.ok) {
			throw new GraphError(
				400,
				2200,
				`(#2200) Callback verification failed with the following errors: ${check.reason}`,
			);
		}
		const existing = sb.store.subscriptions.get(app.appId);
		const merged =
			existing && existing.callback_url === callback
				? [...new Set([...existing.fields, ...fields])]
				: fields;
		sb.store.subscriptions.set(app.appId, {
			object,
			callback_url: callback,
			verify_token: verifyToken,
			fields: merged,
			active: true,
		});
		return { success: true };
	}
	if (method === 'DELETE') {
		const sub = sb.store.subscriptions.get(app.appId);
		if (body.fields && sub) {
			const drop = String(body.fields)
				.split(',')
				.map((f) => f.trim());
			sub.fields = sub.fields.filter((f) => !drop.includes(f));
			if (sub.fields.length === 0) sb.store.subscriptions.delete(app.appId);
		} else {
			sb.store.subscriptions.delete(app.appId);
		}
		return { success: true };
	}
	throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request`);
}

export async function wabaSubscription(
	sb: SandboxContext,
	method: string,
	body: Json,
	business: Business,
): Promise<Json> {
	const wabaId = business.wabaId;
	const current = sb.store.subscribedApps.get(wabaId);
	if (method === 'GET') {
		if (!current) return { data: [] };
		const entry: Json = {
			whatsapp_business_api_data: {
				id: business.appId,
				link: 'https://sandbox.local/app',
				name: `${business.name} app`,
			},
		};
		if (current.override_callback_uri) entry.override_callback_uri = current.override_callback_uri;
		return { data: [entry] };
	}
	if (method === 'POST') {
		const uri = body.override_callback_uri;
		if (uri === undefined || uri === '') {
			sb.store.subscribedApps.set(wabaId, {});
			return { success: true };
		}
		if (!current) {
			throw metaError(
				100,
				'Before override the current callback uri, your app must be subscribed to receive messages for WhatsApp Business Account.',
			);
		}
		if (typeof uri !== 'string' || uri.length > 200)
			throw metaError(100, 'override_callback_uri must be a URL of at most 200 characters.');
		const token = String(body.verify_token ?? '');
		if (!token) throw metaError(100, 'verify_token is required with override_callback_uri.');
		const check = await verifyCallback(uri, token);
		if (!check.ok)
			throw new GraphError(
				400,
				2200,
				`(#2200) Callback verification failed with the following errors: ${check.reason}`,
			);
		sb.store.subscribedApps.set(wabaId, { override_callback_uri: uri, verify_token: token });
		return { success: true };
	}
	if (method === 'DELETE') {
		sb.store.subscribedApps.delete(wabaId);
		return { success: true };
	}
	throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request`);
}
