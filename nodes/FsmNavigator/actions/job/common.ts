import { jobIdField } from '../../../shared/descriptions';
import { INTEGER_ID } from '../../../shared/parameters';

export const jobIdProperty = jobIdField({
	providerName: 'FSM Navigator',
	idPlaceholder: 'e.g. 123',
	idPattern: INTEGER_ID,
	idLooksLike: 'a number, such as 123',
});
