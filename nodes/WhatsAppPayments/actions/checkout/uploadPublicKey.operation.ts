import * as crypto from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CheckoutKeyError, loadPrivateKey } from '../../../shared';
import { CHECKOUT_CREDENTIAL_TYPE, graphApiRequest } from '../../../common/transport';
import { getRetryOptions } from '../shared/descriptions';
import { getPhoneNumberId, toItems } from '../shared/item';
import { fingerprint } from './publicKey';

/** Uploads the public half of the credential's private key for a phone number. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const phone = getPhoneNumberId.call(this, i);
	const keys = await this.getCredentials(CHECKOUT_CREDENTIAL_TYPE);
	let pem: string;
	try {
		pem = crypto
			.createPublicKey(loadPrivateKey(String(keys.privateKey ?? ''), String(keys.passphrase ?? '')))
			.export({ type: 'spki', format: 'pem' })
			.toString();
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			error instanceof CheckoutKeyError ? error.message : 'The private key cannot be used',
			{
				itemIndex: i,
				description: 'Check the WhatsApp Checkout Endpoint API credential. Nothing was sent.',
			},
		);
	}
	const response = await graphApiRequest<IDataObject>(this, {
		method: 'POST',
		path: `/${phone}/whatsapp_business_encryption`,
		body: { business_public_key: pem },
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	return toItems(
		{
			success: response?.success === true,
			phone_number_id: phone,
			key_fingerprint: fingerprint(pem),
		},
		i,
	);
}
