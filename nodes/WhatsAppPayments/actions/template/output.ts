/** A template as an output item: Meta's object with its status normalised and what the package reads from it. */
import type { IDataObject } from 'n8n-workflow';

import { describeTemplate } from '../../../shared';

export function templateItem(t: IDataObject): IDataObject {
	const info = describeTemplate(t);
	return {
		id: info.id ?? null,
		name: info.name,
		language: info.language,
		status: info.status,
		status_raw: (t.status as string) ?? null,
		category: info.category || null,
		kind: info.kind ?? null,
		header_format: info.headerFormat ?? null,
		body_text: info.bodyText,
		body_variables: info.bodyVariables,
		buttons: info.buttons as unknown as IDataObject[],
		cards: info.cards.length,
		payment_link_prefix: info.paymentLinkPrefix ?? null,
		rejected_reason: (t.rejected_reason as string) ?? null,
		components: t.components as IDataObject[],
	};
}
