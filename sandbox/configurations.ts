/** Graph routes for payment configurations (list, get, create, data endpoint, OAuth link, delete) and the simulated gateway linking. */
import { CONFIG_PROVIDERS } from '../nodes/shared';
import { GraphError, metaError } from './errors';
import type { SandboxContext } from './context';
import type { Json, StoredConfiguration } from './types';

export function configurationEndpoint(
	sb: SandboxContext,
	method: string,
	edge: string,
	rest: string[],
	body: Json,
	wabaId: string,
): Json {
	const configs = sb.store.configs(wabaId);
	const findConfig = (name: string) => sb.store.findConfig(name, wabaId);
	if (edge === 'payment_configurations' && method === 'GET') {
		return { data: [{ payment_configurations: [...configs.values()].map(publicConfig) }] };
	}
	if (edge === 'payment_configuration' && method === 'GET' && rest.length === 1) {
		return { data: [publicConfig(findConfig(rest[0]))] };
	}
	if (edge === 'payment_configuration' && method === 'POST' && rest.length === 0) {
		const name = sb.store.checkedName(body.configuration_name);
		const provider = String(body.provider_name ?? '');
		if (!body.provider_name) throw metaError(131008, 'provider_name is required.');
		if (!(CONFIG_PROVIDERS as readonly string[]).includes(provider)) {
			throw metaError(131009, `provider_name must be one of ${CONFIG_PROVIDERS.join(', ')}.`);
		}
		if (configs.has(name)) {
			throw metaError(100, `A payment configuration named "${name}" already exists.`);
		}
		if (provider === 'upi_vpa' && !body.merchant_vpa) {
			throw metaError(131008, 'merchant_vpa is required for provider upi_vpa.');
		}
		const now = sb.nowSeconds();
		const config: StoredConfiguration = {
			configuration_name: name,
			merchant_category_code: {
				code: String(body.merchant_category_code ?? '0000'),
				description: 'Sandbox MCC',
			},
			purpose_code: {
				code: String(body.purpose_code ?? '00'),
				description: 'Sandbox purpose code',
			},
			status: provider === 'upi_vpa' ? 'Active' : 'Needs_Connecting',
			provider_name: provider,
			created_timestamp: now,
			updated_timestamp: now,
		};
		if (body.merchant_vpa) config.merchant_vpa = String(body.merchant_vpa);
		if (body.redirect_url) config.redirect_url = String(body.redirect_url);
		configs.set(name, config);
		if (provider === 'upi_vpa') return { success: true };
		return { oauth_url: oauthUrl(sb, name), expiration: now + 3600, success: true };
	}
	if (edge === 'payment_configuration' && method === 'POST' && rest.length === 1) {
		const config = findConfig(rest[0]);
		const endpoint = body.data_endpoint_url ?? body['data-endpoint-url'];
		if (endpoint === undefined) throw metaError(131008, 'data_endpoint_url is required.');
		if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) {
			throw metaError(131009, 'data_endpoint_url must be an https URL.');
		}
		config.data_endpoint_url = endpoint;
		config.updated_timestamp = sb.nowSeconds();
		return { success: true };
	}
	if (edge === 'generate_payment_configuration_oauth_link' && method === 'POST') {
		const config = findConfig(sb.store.checkedName(body.configuration_name));
		if (config.provider_name === 'upi_vpa') {
			throw metaError(131009, 'UPI VPA configurations do not use an OAuth link.');
		}
		if (body.redirect_url) config.redirect_url = String(body.redirect_url);
		return {
			oauth_url: oauthUrl(sb, config.configuration_name),
			expiration: sb.nowSeconds() + 3600,
		};
	}
	if (edge === 'payment_configuration' && method === 'DELETE') {
		const name = sb.store.checkedName(body.configuration_name);
		findConfig(name);
		configs.delete(name);
		return { success: true };
	}
	throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request on /${edge}`);
}

export function oauthUrl(sb: SandboxContext, name: string): string {
	return `${sb.url}/_sandbox/oauth?configuration_name=${encodeURIComponent(name)}`;
}

/** Simulated gateway linking: Needs_Connecting -> Needs_Testing -> Active, one webhook per step. */
export function advanceConfiguration(
	sb: SandboxContext,
	name: string,
	to?: StoredConfiguration['status'],
): StoredConfiguration {
	const config = sb.store.findConfig(name);
	const wabaId = sb.store.wabaOfConfig(config);
	const order: Array<StoredConfiguration['status']> = [
		'Needs_Connecting',
		'Needs_Testing',
		'Active',
	];
	const next = to ?? order[Math.min(order.indexOf(config.status) + 1, order.length - 1)];
	if (!order.includes(next)) throw metaError(131009, `status must be one of ${order.join(', ')}`);
	config.status = next;
	config.updated_timestamp = Math.max(config.updated_timestamp + 1, sb.nowSeconds());
	if (!config.provider_mid && next !== 'Needs_Connecting')
		config.provider_mid = `sandbox_mid_${config.configuration_name}`;
	sb.emit(
		'payment_configuration_update',
		{
			configuration_name: config.configuration_name,
			provider_name: config.provider_name,
			provider_mid: config.provider_mid ?? '',
			status: next.replace('_', ' '),
			created_timestamp: config.created_timestamp,
			updated_timestamp: config.updated_timestamp,
		},
		{ wabaId },
	);
	return config;
}

/** A configuration as Meta lists it (the redirect and data endpoint URLs are not returned). */
export function publicConfig(c: StoredConfiguration): Json {
	const out: Json = { ...c };
	delete out.redirect_url;
	delete out.data_endpoint_url;
	return out;
}
