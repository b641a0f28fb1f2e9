import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { graphApiRequest } from '../../../common/transport';
import { getRetryOptions } from '../shared/descriptions';
import { getPhoneNumberId, toItems } from '../shared/item';
import { fingerprint } from './publicKey';

/** The public key Meta holds for a phone number and its signature status (VALID or MISMATCH). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
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
