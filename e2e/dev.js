'use strict';
/**
 * `npm run dev`: a real n8n with this package installed from its packed tarball, the WhatsApp Payments
 * sandbox, sandbox credentials and the example workflows (trigger workflows published). Ctrl-C stops
 * both. Data lives in e2e/.runtime/dev-home and survives restarts; `npm run dev -- --reset` starts over.
 * `npm run dev:queue` runs the same in n8n's queue mode (PostgreSQL, Redis, nginx, two webhook processes,
 * two workers; data in e2e/.runtime/dev-queue-home).
 */
const fs = require('fs');
const path = require('path');

const { RUNTIME, PORTS, OWNER, log } = require('./lib/env');
const { bringUp } = require('./lib/bringUp');
const { stopOnSignals } = require('./lib/proc');

const queue = process.argv.includes('--queue');
let up;
// From the first moment: a stop while n8n installs or starts stops what has started so far.
const stopping = stopOnSignals(
	async () => {
		if (up) {
			await up.n8n.stop();
			await up.sandbox.stop();
		}
		log(`stopped. Run \`npm run dev${queue ? ':queue' : ''}\` again to continue where you left off.`);
	},
	{ exitCode: 0 },
);

async function main() {
	const home = path.join(RUNTIME, queue ? 'dev-queue-home' : 'dev-home');
	const reset = process.argv.includes('--reset');
	if (reset) fs.rmSync(home, { recursive: true, force: true });
	const sandboxLog = (line) => log(`sandbox: ${line}`);
	up = await bringUp({ home, fresh: false, sandboxLog, topology: queue ? 'queue' : 'single' });
	const { n8n, sandbox } = up;

	n8n.process.once('exit', async (code) => {
		if (stopping()) return;
		log(`n8n exited unexpectedly (${code}); last log lines:\n${n8n.tail(30)}`);
		await n8n.stop();
		await sandbox.stop();
		process.exit(1);
	});

	const [br, inb, brShop, inShop] = sandbox.businesses;
	process.stdout.write(`
WhatsApp Payments for n8n is running.

  n8n editor ........... ${n8n.url}
     login ............. ${OWNER.email} / ${OWNER.password}
  Buyer simulator ...... ${sandbox.url}/_sandbox/buyer
  Sandbox (Graph API) .. ${sandbox.url}   (credentials "WhatsApp Payments (sandbox Brazil)" and "(sandbox India)" point here)
     Brazil shop ....... app ${br.appId}, WABA ${br.wabaId}, phone number ID ${br.phoneNumbers[0].id}
     India shop ........ app ${inb.appId}, WABA ${inb.wabaId}, phone number ID ${inb.phoneNumbers[0].id}
     Shop loops ........ Brazil phone number ID ${brShop.phoneNumbers[0].id}, India ${inShop.phoneNumbers[0].id} ("sandbox Brazil shop" / "India shop" credentials):
                         write to them in the buyer simulator, send the cart, pay

  Try the One-Click flow:
    curl -s -X POST ${n8n.url}/webhook/wapay-oneclick-order -H 'content-type: application/json' \\
      -d '{"wa_id":"5511999990001","reference_id":"order-1001","card":{"last_four":"4242","credential_id":"card_abc"},"item":{"name":"Bolo","sku":"cake-1","price":"49.90","quantity":1}}'
    then press "Send payment" in the buyer simulator and watch the executions in n8n.

  Try the AI shop assistant: ${process.env.OPENAI_API_KEY ? 'its model credential has your OPENAI_API_KEY' : 'add an API key to the credential "OpenAI account (add your API key)"\n    (or start with OPENAI_API_KEY set, and OPENAI_BASE_URL for another OpenAI-compatible server, on a fresh --reset)'};
    open "WhatsApp Payments: AI shop assistant (chat)", press Open chat and write
    "I'd like 2 carrot cakes, my WhatsApp is 5511999990001"; the order appears in the buyer simulator.

${queue ? queueLines(n8n) : `  Ports: n8n ${PORTS.n8n}, task broker ${PORTS.broker}, sandbox ${PORTS.sandbox} (override with WAPAY_N8N_PORT, WAPAY_N8N_BROKER_PORT, WAPAY_SANDBOX_PORT).\n  n8n log: ${n8n.logFile}`}
Press Ctrl-C to stop.
`);
}

function queueLines(n8n) {
	const { QUEUE_PORTS, WORKER_CONCURRENCY } = require('./lib/queue');
	return `  Queue mode:
    nginx ${n8n.url} -> /webhook/* round robin to n8n webhook processes on ${QUEUE_PORTS.webhooks.join(' and ')};
                     everything else to the n8n main process on ${QUEUE_PORTS.main} (editor, activation)
    n8n workers ...... 2 (concurrency ${WORKER_CONCURRENCY} each), jobs through Redis on ${QUEUE_PORTS.redis}
    PostgreSQL ....... 127.0.0.1:${QUEUE_PORTS.postgres}, database n8n
    (ports from WAPAY_QUEUE_PORT_BASE, default 5690; nginx on WAPAY_N8N_PORT)
  Logs: ${n8n.home}/n8n-*.log and ${n8n.home}/services/`;
}

main().catch((error) => {
	// A stop under way makes starting fail; the stop reports and exits.
	if (stopping()) return;
	process.stderr.write(`\nnpm run dev failed: ${error.message}\n`);
	process.exit(1);
});
