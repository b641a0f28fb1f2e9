import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { decide } from '../shared';
import type { Decision } from '../shared';
import { checkAppSecretSignature } from './appSecret';
import { CHECKOUT_CREDENTIAL_TYPE } from './transport';

/**
 * What to do with one checkout data endpoint request, for the WhatsApp Checkout Endpoint trigger and for
 * Checkout > Read Request alike: the signature checked with the App Secret of the WhatsApp Payments API
 * credential, the body decrypted with the WhatsApp Checkout Endpoint API credential's private key.
 */
export async function decideCheckoutRequest(
	this: IWebhookFunctions | IExecuteFunctions,
	raw: Buffer | undefined,
	signature: unknown,
): Promise<Decision> {
	const { appSecret } = await checkAppSecretSignature.call(this, raw, signature);
	const keys = await this.getCredentials(CHECKOUT_CREDENTIAL_TYPE);
	return decide(
		raw,
		signature,
		appSecret,
		String(keys.privateKey ?? ''),
		String(keys.passphrase ?? ''),
	);
}
