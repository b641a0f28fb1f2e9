// The rule sets n8n's community-package scanner applies (@n8n/scan-community-package): the community-nodes
// plugin's `recommended` set plus no-console, and eslint-plugin-n8n-nodes-base's community (package.json),
// credentials and nodes sets with the same rules switched off as the scanner does.
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const packageFiles = ['package.json'];
const credentialFiles = ['credentials/**/*.ts'];
const nodeFiles = ['nodes/**/*.ts'];
const allFiles = [...packageFiles, ...credentialFiles, ...nodeFiles];

export default [
	{ ignores: ['dist/**', 'build/**', 'node_modules/**', 'e2e/**', 'test/**', 'sandbox/**', 'bench/**', 'scripts/**', 'examples/**'] },
	{
		files: allFiles,
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	{ ...communityNodes.configs.recommended, files: allFiles },
	{ files: allFiles, rules: { 'no-console': 'error' } },
	{
		files: packageFiles,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: credentialFiles,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: nodeFiles,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
];
