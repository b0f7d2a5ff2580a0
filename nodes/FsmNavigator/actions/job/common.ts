import { jobIdField } from '../../../shared/descriptions';

export const jobIdProperty = jobIdField({
	providerName: 'FSM Navigator',
	idPlaceholder: 'e.g. 123',
	idRegex: '^\\s*\\d+\\s*$',
	idLooksLike: 'a number, such as 123',
});
