/**
 * `/{waba}/message_templates` as Meta answers it: list (filters name, status, category), create (a new
 * template is PENDING until reviewed), delete by name (every language) or by name and hsm_id. The review
 * is the sandbox's control API: it sets APPROVED, REJECTED, PAUSED... and sends the signed
 * `message_template_status_update` webhook to the app's callback, as Meta does.
 */
import { countVariables, normaliseTemplateStatus, TEMPLATE_STATUSES } from '../nodes/shared';
import { metaError } from './errors';
import type { SandboxContext } from './context';
import type { Business, Json, StoredTemplate } from './types';

const NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2}|_[A-Za-z]{4})?$/;

function upper(v: unknown): string {
	return typeof v === 'string' ? v.toUpperCase() : '';
}

export function publicTemplate(t: StoredTemplate): Json {
	const out: Json = {
		name: t.name,
		language: t.language,
		status: t.status,
		category: t.category,
		components: t.components,
		id: t.id,
	};
	if (t.sub_category) out.sub_category = t.sub_category;
	if (t.display_format) out.display_format = t.display_format;
	if (t.rejected_reason) out.rejected_reason = t.rejected_reason;
	return out;
}

/** The creation rules Meta reports with its 2388xxx codes (what the sandbox can check without a reviewer). */
function checkDefinition(body: Json): Json[] {
	const name = String(body.name ?? '');
	if (!NAME.test(name))
		throw metaError(
			100,
			`name must be lower-case letters, digits and underscores (got "${name}").`,
		);
	if (!LANGUAGE.test(String(body.language ?? '')))
		throw metaError(
			100,
			`language must be a template language code such as pt_BR (got "${String(body.language ?? '')}").`,
		);
	if (!['UTILITY', 'MARKETING', 'AUTHENTICATION'].includes(upper(body.category)))
		throw metaError(100, 'category must be UTILITY, MARKETING or AUTHENTICATION.');
	const components = Array.isArray(body.components) ? (body.components as Json[]) : [];
	const bodyPart = components.find((c) => upper(c?.type) === 'BODY');
	if (!bodyPart || typeof bodyPart.text !== 'string' || bodyPart.text.trim() === '')
		throw metaError(131008, 'components must include a BODY with text.');
	if (Array.from(bodyPart.text).length > 1024)
		throw metaError(2388040, 'The BODY text is over 1024 characters.');
	if (/^\s*\{\{|\}\}\s*$/.test(bodyPart.text))
		throw metaError(2388299, 'The BODY text starts or ends with a variable.');
	const vars = countVariables(bodyPart.text);
	const examples =
		((bodyPart.example as Json | undefined)?.body_text as unknown[][] | undefined)?.[0] ?? [];
	if (vars !== examples.length)
		throw metaError(
			2388072,
			`The BODY has ${vars} variable(s) and ${examples.length} example value(s).`,
		);
	const header = components.find((c) => upper(c?.type) === 'HEADER');
	if (header && !['TEXT', 'IMAGE', 'DOCUMENT', 'VIDEO', 'LOCATION'].includes(upper(header.format)))
		throw metaError(2388047, `HEADER format "${String(header.format)}" is not one Meta knows.`);
	const footer = components.find((c) => upper(c?.type) === 'FOOTER');
	if (footer && (typeof footer.text !== 'string' || Array.from(footer.text).length > 60))
		throw metaError(2388073, 'The FOOTER must be text of at most 60 characters.');
	const buttons = components.find((c) => upper(c?.type) === 'BUTTONS')?.buttons;
	if (Array.isArray(buttons))
		buttons.forEach((b, i) => {
			if (upper((b as Json)?.type) === 'URL') checkUrlButton(b as Json, i);
		});
	return components;
}

/**
 * A URL button as Meta's template components reference describes it: text of at most 25 characters, an
 * http(s) URL of at most 2000 characters with at most one variable, {{1}}, at its end, and a sample URL
 * for a dynamic one. Enhanced Payment Link templates are such a button; whether WhatsApp draws one as a
 * payment card is decided when it is sent (rules.ts), as Meta creates them like any other template.
 */
function checkUrlButton(b: Json, i: number): void {
	const where = `BUTTONS[${i}] (URL)`;
	if (typeof b.text !== 'string' || b.text.trim() === '' || Array.from(b.text).length > 25)
		throw metaError(100, `${where}: text must be 1 to 25 characters.`);
	const url = typeof b.url === 'string' ? b.url : '';
	if (!/^https?:\/\/[^\s]+$/.test(url) || url.length > 2000)
		throw metaError(100, `${where}: url must be an http(s) URL of at most 2000 characters.`);
	const variables = url.match(/\{\{[^}]*\}\}/g) ?? [];
	if (variables.length > 1 || (variables.length === 1 && !url.endsWith('{{1}}')))
		throw metaError(100, `${where}: url may hold one variable, {{1}}, and only at its end.`);
	if (variables.length === 1) {
		const example = Array.isArray(b.example) ? b.example : [];
		if (
			example.length !== 1 ||
			typeof example[0] !== 'string' ||
			!example[0].startsWith(url.slice(0, -'{{1}}'.length))
		)
			throw metaError(
				100,
				`${where}: a dynamic url needs one example, a full URL starting with its fixed part.`,
			);
	}
}

export function messageTemplates(
	sb: SandboxContext,
	method: string,
	body: Json,
	business: Business,
): Json {
	const own = () => sb.store.templates.filter((t) => t.waba_id === business.wabaId);
	if (method === 'GET') {
		const name = body.name ? String(body.name) : undefined;
		const status = body.status ? normaliseTemplateStatus(body.status) : undefined;
		const category = body.category ? upper(body.category) : undefined;
		const list = own().filter(
			(t) =>
				(!name || t.name.includes(name)) &&
				(!status || t.status === status) &&
				(!category || t.category === category),
		);
		return {
			data: list.map(publicTemplate),
			paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } },
		};
	}
	if (method === 'POST') {
		const components = checkDefinition(body);
		const name = String(body.name);
		const language = String(body.language);
		if (own().some((t) => t.name === name && t.language === language))
			throw metaError(
				100,
				`Content in this language already exists: ${name} (${language}). Delete it or use another name.`,
			);
		const template: StoredTemplate = {
			id: String(Math.floor(1e15 + sb.random() * 8e15)),
			waba_id: business.wabaId,
			name,
			language,
			category: upper(body.category),
			status: 'PENDING',
			components,
		};
		if (body.sub_category) template.sub_category = upper(body.sub_category);
		if (body.display_format) template.display_format = String(body.display_format);
		sb.store.templates.push(template);
		return { id: template.id, status: template.status, category: template.category };
	}
	if (method === 'DELETE') {
		const name = String(body.name ?? '');
		if (!name) throw metaError(131008, 'name is required to delete a template.');
		const hsm = body.hsm_id ? String(body.hsm_id) : undefined;
		const doomed = own().filter((t) => t.name === name && (!hsm || t.id === hsm));
		if (doomed.length === 0)
			throw metaError(100, `Template "${name}"${hsm ? ` with hsm_id ${hsm}` : ''} does not exist.`);
		for (const t of doomed) sb.store.templates.splice(sb.store.templates.indexOf(t), 1);
		return { success: true };
	}
	throw metaError(100, `Unsupported ${method.toLowerCase()} request on message_templates.`);
}

/** Meta's review: sets the status and sends `message_template_status_update` to the app's callback. */
export function reviewTemplate(sb: SandboxContext, body: Json): Json {
	const status = normaliseTemplateStatus(body.status) ?? 'APPROVED';
	if (!(TEMPLATE_STATUSES as readonly string[]).includes(status))
		throw metaError(100, `status must be one of ${TEMPLATE_STATUSES.join(', ')}.`);
	const wabaId = body.waba_id ? String(body.waba_id) : undefined;
	const template = sb.store.templates.find(
		(t) =>
			(body.id ? t.id === String(body.id) : t.name === String(body.name ?? '')) &&
			(!body.language || t.language === String(body.language)) &&
			(!wabaId || t.waba_id === wabaId),
	);
	if (!template)
		throw metaError(100, `No template ${String(body.id ?? body.name ?? '')} to review.`);
	template.status = status === 'REINSTATED' || status === 'UNARCHIVED' ? 'APPROVED' : status;
	const reason = body.reason
		? String(body.reason)
		: status === 'REJECTED'
			? 'INVALID_FORMAT'
			: 'NONE';
	if (status === 'REJECTED') template.rejected_reason = reason;
	const value: Json = {
		event: status,
		message_template_id: Number(template.id),
		message_template_name: template.name,
		message_template_language: template.language,
		reason: status === 'PENDING_DELETION' ? null : reason,
		message_template_category: template.category,
	};
	if (status === 'REJECTED' && reason === 'INVALID_FORMAT')
		value.rejection_info = {
			reason: 'The template has a formatting problem.',
			recommendation: 'Fix the variables and examples, then submit again.',
		};
	if (status === 'DISABLED') value.disable_info = { disable_date: sb.nowSeconds() };
	if (status === 'PAUSED')
		value.other_info = {
			title: 'FIRST_PAUSE',
			description: 'Paused for 3 hours because of low quality.',
		};
	const record = sb.emit('message_template_status_update', value, { wabaId: template.waba_id });
	return { template: publicTemplate(template), delivery_id: record.id, url: record.url };
}
