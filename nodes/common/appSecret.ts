import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { verifySignature } from '../shared';
import { CREDENTIAL_TYPE } from './transport';

/** How long a cached App Secret is used without reading the credential again. */
const SECRET_CACHE_MS = 30000;
const secretCache = new Map<string, { secret: string; at: number }>();

/**
 * Checks a request's `X-Hub-Signature-256` against the App Secret of the node's WhatsApp Payments API
 * credential: the one rule by which the nodes that receive Meta's signed requests read the secret.
 * Reading and decrypting the credential on every request is a large share of a request's cost inside
 * n8n, so the secret is cached per credential, but a mismatch is never decided on the cached secret:
 * when the signature does not match it (a rotated App Secret), or the entry is older than 30 s, the
 * credential is read again and the signature checked against that. A new App Secret therefore applies
 * from the next request. `appSecret` is empty when the credential has none.
 */
export async function checkAppSecretSignature(
	this: IWebhookFunctions | IExecuteFunctions,
	raw: Buffer | undefined,
	signature: unknown,
): Promise<{ appSecret: string; valid: boolean }> {
	const credentialId = this.getNode().credentials?.[CREDENTIAL_TYPE]?.id;
	const cached = credentialId ? secretCache.get(credentialId) : undefined;
	if (
		cached &&
		Date.now() - cached.at < SECRET_CACHE_MS &&
		verifySignature(raw, signature, cached.secret)
	) {
		return { appSecret: cached.secret, valid: true };
	}
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const appSecret = String(credentials.appSecret ?? '');
	if (credentialId) {
		if (secretCache.size >= 256) secretCache.clear();
		if (appSecret) secretCache.set(credentialId, { secret: appSecret, at: Date.now() });
		else secretCache.delete(credentialId);
	}
	return { appSecret, valid: appSecret !== '' && verifySignature(raw, signature, appSecret) };
}
