/* eslint-disable no-console */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Node.js tooling that n8n never loads; the scanner checks nodes/ and credentials/ with inline directives off (npm run scan) */
import { Sandbox, SANDBOX_DEFAULTS } from './server';
import type { FaultConfig } from './faults';

function arg(name: string, env: string): string | undefined {
	const flag = `--${name}`;
	const i = process.argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
	if (i >= 0) {
		const a = process.argv[i];
		return a.includes('=') ? a.slice(a.indexOf('=') + 1) : process.argv[i + 1];
	}
	return process.env[env];
}

function help(): void {
	console.log(`WhatsApp Payments sandbox

Usage: npm run sandbox -- [options]        (every option also reads the environment variable shown)

  --port N            SANDBOX_PORT           default ${SANDBOX_DEFAULTS.port} (0 = any free port)
  --host H            SANDBOX_HOST           default ${SANDBOX_DEFAULTS.host}
  Without the four options below it serves four businesses (Brazil and India, and a shop of each for the shop-loop examples), each its own app and WABA.
  --app-id ID         SANDBOX_APP_ID         one business only: its app ID
  --app-secret S      SANDBOX_APP_SECRET     default ${SANDBOX_DEFAULTS.appSecret}
  --tokens T1,T2      SANDBOX_ACCESS_TOKENS  default ${SANDBOX_DEFAULTS.accessTokens.join(',')}
  --waba-id ID        SANDBOX_WABA_ID        default ${SANDBOX_DEFAULTS.wabaId}
  --phone-ids A,B     SANDBOX_PHONE_IDS      default ${SANDBOX_DEFAULTS.phoneNumbers.map((p) => p.id).join(',')}
  --seed N            SANDBOX_SEED           default ${SANDBOX_DEFAULTS.seed}
  --faults JSON       SANDBOX_FAULTS         e.g. '{"messages":{"latencyMs":200,"messagesPerSecond":80}}'
  --terms-pending     SANDBOX_TERMS_PENDING  answer 131005/134011 until terms are "accepted"
  --psp-notify-url U  SANDBOX_PSP_NOTIFY_URL  where the fake PSP posts "paid" for Pix/boleto/link orders
  --retry-base-ms N   SANDBOX_RETRY_BASE_MS  first webhook retry delay, standing for Meta's 30 s, default
                                             ${SANDBOX_DEFAULTS.webhookRetryBaseMs} (Meta's 7-day retry window in 84 min; 30000 = Meta's clock)
`);
}

async function main(): Promise<void> {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		help();
		return;
	}
	const phoneIds = arg('phone-ids', 'SANDBOX_PHONE_IDS');
	const faults = arg('faults', 'SANDBOX_FAULTS');
	const wabaId = arg('waba-id', 'SANDBOX_WABA_ID') ?? SANDBOX_DEFAULTS.wabaId;
	const termsPending =
		process.argv.includes('--terms-pending') || process.env.SANDBOX_TERMS_PENDING === 'true';
	const single = ['app-id', 'app-secret', 'waba-id', 'phone-ids'].some(
		(n) => arg(n, `SANDBOX_${n.toUpperCase().replace('-', '_')}`) !== undefined,
	);
	const sandbox = new Sandbox({
		businesses: single ? undefined : SANDBOX_DEFAULTS.businesses,
		host: arg('host', 'SANDBOX_HOST'),
		port: Number(arg('port', 'SANDBOX_PORT') ?? SANDBOX_DEFAULTS.port),
		appId: arg('app-id', 'SANDBOX_APP_ID'),
		appSecret: arg('app-secret', 'SANDBOX_APP_SECRET'),
		accessTokens: arg('tokens', 'SANDBOX_ACCESS_TOKENS')?.split(','),
		wabaId,
		phoneNumbers: phoneIds
			? phoneIds.split(',').map((id, n) => ({
					id,
					display_phone_number: `+55 11 4000-${String(n + 1).padStart(4, '0')}`,
					verified_name: `Sandbox number ${n + 1}`,
				}))
			: undefined,
		seed: Number(arg('seed', 'SANDBOX_SEED') ?? SANDBOX_DEFAULTS.seed),
		webhookRetryBaseMs: arg('retry-base-ms', 'SANDBOX_RETRY_BASE_MS')
			? Number(arg('retry-base-ms', 'SANDBOX_RETRY_BASE_MS'))
			: undefined,
		faults: faults ? (JSON.parse(faults) as FaultConfig) : undefined,
		termsPendingWabas: termsPending ? [wabaId] : [],
		pspNotifyUrl: arg('psp-notify-url', 'SANDBOX_PSP_NOTIFY_URL'),
		log: (line) => console.log(`[sandbox] ${line}`),
	});
	const url = await sandbox.start();
	const o = sandbox.options;
	const businesses = sandbox.businesses
		.map(
			(b) => `  ${b.name}
    WhatsApp Business Account ID .. ${b.wabaId}
    App ID ........................ ${b.appId}
    App Secret .................... ${b.appSecret}
    Phone number IDs .............. ${b.phoneNumbers.map((p) => `${p.id} (${p.verified_name})`).join(', ')}`,
		)
		.join('\n');
	console.log(`WhatsApp Payments sandbox listening on ${url}

  Credential "WhatsApp Payments API" settings (one credential per business below):
    Base URL ...................... ${url}
    Graph API Version ............. v25.0 (any vNN.N works)
    Access Token .................. ${o.accessTokens[0]}
${businesses}
  Seed ............................ ${o.seed}

  Buyer simulator ................... ${url}/_sandbox/buyer
  State (JSON) ...................... ${url}/_sandbox/state
  Webhook delivery log .............. ${url}/_sandbox/deliveries
Press Ctrl-C to stop.`);
	const shutdown = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());
}

main().catch((error) => {
	console.error(`Sandbox failed to start: ${(error as Error).message}`);
	process.exit(1);
});
