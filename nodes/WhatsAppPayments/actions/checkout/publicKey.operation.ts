import * as crypto from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CheckoutKeyError, loadPrivateKey } from '../../../shared';
import { CHECKOUT_CREDENTIAL_TYPE, graphApiRequest } from '../../transport';
import { getRetryOptions, phoneNumberLocator } from '../common.descriptions';
import { getPhoneNumberId } from '../order/common';
import { toItems } from '../utils';

export const description: INodeProperties[] = [
	{
		...phoneNumberLocator,
		description:
			'The business phone number the checkout templates are sent from (one key per number)',
		displayOptions: {
			show: { resource: ['checkout'], operation: ['uploadPublicKey', 'getPublicKey'] },
		},
	},
];

/** A short fingerprint of a public key (SHA-256 of its DER), to compare keys without showing them. */
function fingerprint(pem: string): string | null {
	try {
		const der = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
		return crypto.createHash('sha256').update(der).digest('hex').slice(0, 16);
	} catch {
		return null;
	}
}

/** Uploads the public half of the credential's private key for a phone number. */
export async function upload(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
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

/** The public key Meta holds for a phone number and its signature status (VALID or MISMATCH). */
export async function get(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const phone = getPhoneNumberId.call(this, i);
	const response = await graphApiRequest<{ data?: IDataObject[] }>(this, {
		method: 'GET',
		path: `/${phone}/whatsapp_business_encryption`,
		itemIndex: i,
		retry: getRetryOptions.call(this, i),
	});
	const entry = response?.data?.[0] ?? {};
	const pem = entry.business_public_key as string | undefined;
	return toItems(
		{
			phone_number_id: phone,
			status: String(entry.business_public_key_signature_status ?? 'MISSING').toUpperCase(),
			key_fingerprint: pem ? fingerprint(pem) : null,
			business_public_key: pem ?? null,
		},
		i,
	);
}
