import type { AllEntities, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { TemplateInfo } from '../../shared';
import type { SendPacers } from '../../common/transport';
import type { NodeMap, Resource } from './registry';

export type WhatsAppPaymentsType = AllEntities<NodeMap>;

/** What one node run shares between its items: the send pacers and the templates already read. */
export interface RunContext {
	pacers: SendPacers;
	templates?: Map<string, Promise<TemplateInfo>>;
}

/** One operation's code: runs item i and returns its output items. */
export interface Operation {
	execute(this: IExecuteFunctions, i: number, run: RunContext): Promise<INodeExecutionData[]>;
}

/** Each resource's operation modules, keyed exactly as the registry names them. */
export type OperationModules = { [R in Resource]: { [O in NodeMap[R]]: Operation } };
