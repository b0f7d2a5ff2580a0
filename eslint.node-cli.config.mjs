// @n8n/node-cli's own ESLint config, used unmodified (as n8n's node starter's eslint.config.mjs does):
// the rules `n8n-node lint` applies, required for n8n Cloud eligibility
// (https://docs.n8n.io/integrations/creating-nodes/build/reference/verification-guidelines/).
// `npm run lint` runs it after eslint.config.mjs, which mirrors n8n's package scanner.
import { config } from '@n8n/node-cli/eslint';

export default config;
