import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The business private key of the India checkout data endpoint: it decrypts what the WhatsApp client
 * sends and seals the answers' session. Its public half is uploaded per phone number (Checkout > Upload
 * Business Public Key derives it from this key).
 */
export class WhatsAppCheckoutEndpointApi implements ICredentialType {
	name = 'whatsAppCheckoutEndpointApi';

	displayName = 'WhatsApp Checkout Endpoint API';

	icon: Icon = {
		light: 'file:../icons/whatsapp-payments.svg',
		dark: 'file:../icons/whatsapp-payments.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments#checkout-data-endpoint-india';

	properties: INodeProperties[] = [
		{
			displayName: 'Business Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			required: true,
			placeholder: '-----BEGIN RSA PRIVATE KEY-----',
			description:
				'The RSA-2048 private key in PEM (PKCS#1 or PKCS#8), for example made with: openssl genrsa -des3 -out private.pem 2048',
		},
		{
			displayName: 'Passphrase',
			name: 'passphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The passphrase of the private key, if it is encrypted',
		},
	];
}
