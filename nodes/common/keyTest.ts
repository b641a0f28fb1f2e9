import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { CheckoutKeyError, loadPrivateKey } from '../shared';

/** The WhatsApp Checkout Endpoint API credential's test: the key loads with its passphrase (nothing is sent). */
export async function checkoutKeyTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	try {
		loadPrivateKey(String(data.privateKey ?? ''), String(data.passphrase ?? ''));
	} catch (error) {
		const message = error instanceof CheckoutKeyError ? error.message : 'The key cannot be loaded';
		return { status: 'Error', message };
	}
	return { status: 'OK', message: 'The private key loads' };
}
