/**
 * Error messages a caller can act on from the message alone (n8n's AI Agent gives its model only the
 * message): Meta's code kept, no repeated title, whether anything was sent, and the next step.
 */
import { explainGraphError, PaymentsValidationError } from '../../nodes/shared';
import { refusedMessage } from '../../nodes/WhatsAppPayments/actions/shared/item';

describe("Meta's errors as one sentence", () => {
	test('#131047: the title once, nothing sent, send the template instead', () => {
		const e = explainGraphError(400, {
			error: {
				message: '(#131047) Re-engagement message',
				code: 131047,
				error_data: { details: 'Message failed to send because more than 24 hours have passed.' },
				fbtrace_id: 'Abc123',
			},
		});
		expect(e.message).toBe(
			'Re-engagement message (outside the 24-hour window) (#131047) (Message failed to send because more than 24 hours have passed). Meta refused it, so nothing was sent or changed; send the order details template instead (Template > Send Order Details Template), or wait until the buyer writes again.',
		);
		expect(e.message.match(/Re-engagement message/g)).toHaveLength(1);
		expect(e.message).not.toContain('Abc123');
		// The description keeps the long explanation and the trace ID for people.
		expect(e.description).toContain('fbtrace_id: Abc123');
	});

	test("Meta's own words stay when they add to the title", () => {
		expect(
			explainGraphError(400, {
				error: { message: '(#100) Param interactive[action][parameters] is invalid', code: 100 },
			}).message,
		).toBe(
			'Invalid parameter (#100): Param interactive[action][parameters] is invalid. Meta refused it, so nothing was sent or changed; correct the field Meta names and send again.',
		);
	});

	test('#2046 names the rule to follow', () => {
		expect(
			explainGraphError(400, { error: { message: 'Invalid status transition', code: 2046 } })
				.message,
		).toBe(
			'Invalid order status transition (#2046): Invalid status transition. Meta refused it, so nothing was sent or changed; send a status that follows from the current one (completed and canceled are final).',
		);
	});

	test('a send that failed inside Meta may have gone out; a read was only refused', () => {
		const body = { error: { message: 'Something went wrong', code: 131000 } };
		expect(explainGraphError(500, body, 'send').message).toBe(
			'Something went wrong (#131000). Meta failed while handling it, so it may or may not have been sent: check before sending again; retry later; if it persists, contact Meta support with the fbtrace_id.',
		);
		expect(explainGraphError(500, body, 'read').message).toBe(
			'Something went wrong (#131000). Meta refused the request; retry later; if it persists, contact Meta support with the fbtrace_id.',
		);
	});

	test('throttling after the retries: nothing was sent, wait', () => {
		expect(explainGraphError(429, { error: { message: 'Rate limit', code: 130429 } }).message).toBe(
			"Cloud API throughput limit reached (#130429): Rate limit. Meta refused it for now, so nothing was sent or changed; lower the node's messages-per-second option; the node backs off and retries automatically.",
		);
	});

	test('an unknown error keeps the HTTP status', () => {
		expect(explainGraphError(418, 'teapot').message).toBe(
			'Graph API error (HTTP 418): teapot. Meta refused it, so nothing was sent or changed; check the request and try again.',
		);
	});
});

describe('input refused before sending', () => {
	test('names the field, the rule and the value, says nothing was sent and what to do', () => {
		const error = new PaymentsValidationError(
			'parameters.reference_id',
			'must use only letters, digits, _ - .',
			'order 1',
		);
		expect(refusedMessage(error)).toBe(
			'Invalid parameters.reference_id: must use only letters, digits, _ - . (got "order 1" (7 characters)). Nothing was sent to Meta: correct parameters.reference_id and try again.',
		);
	});
});
