import * as crypto from 'crypto';
import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberLocator } from '../shared/descriptions';

/** The field both key operations show: the phone number whose key is uploaded or read. */
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
export function fingerprint(pem: string): string | null {
	try {
		const der = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
		return crypto.createHash('sha256').update(der).digest('hex').slice(0, 16);
	} catch {
		return null;
	}
}
