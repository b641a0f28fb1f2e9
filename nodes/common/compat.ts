import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * The main connection type, checked once when n8n loads the nodes. n8n-workflow exports
 * `NodeConnectionTypes` from the 1.x versions this package supports on; an n8n older than that would fail
 * later with an obscure "cannot read properties of undefined", so say what is wrong instead.
 */
export const MAIN_CONNECTION = (() => {
	const main = (NodeConnectionTypes as { Main?: typeof NodeConnectionTypes.Main } | undefined)
		?.Main;
	if (!main) {
		throw new Error(
			'n8n-nodes-whatsapp-payments needs n8n 1.123 or later (tested: 1.123.x and 2.40 to 2.41). This n8n is too old: update n8n.',
		);
	}
	return main;
})();
